/* The input stream: encoding detection, decoding across chunk boundaries,
 * byte offsets of bad bytes, gzip. */
#include "util.h"

#include <iconv.h>
#include <zlib.h>

/* Reads the whole stream; returns its text (caller frees) or NULL. */
static char *read_all(const char *path, const char *encoding, size_t *len, struct collected *errs,
                      const char **detected)
{
    struct pc_errsink sink = {.fn = collect_error, .ud = errs};
    struct pc_istream *in;
    if (pc_istream_open(path, encoding, &sink, &in)) return NULL;
    struct pc_buf all = {0};
    const char *p;
    size_t n;
    pc_status st;
    while ((st = pc_istream_next(in, &p, &n)) == PC_OK && n > 0) pc_buf_append(&all, p, n);
    *detected = pc_istream_encoding(in);
    pc_istream_free(in);
    if (st) {
        pc_buf_free(&all);
        return NULL;
    }
    *len = all.len;
    return all.data ? all.data : strdup("");
}

static char *convert(const char *to, const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    char *out = malloc(n * 2 + 4), *op = out, *ip = (char *)s;
    size_t il = n, ol = n * 2 + 4;
    assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
    iconv_close(cd);
    *outlen = (size_t)(op - out);
    return out;
}

/* A text whose multi-byte characters straddle every chunk boundary. */
static char *japanese_text(size_t *n)
{
    const char unit[] = "工程表,令和5年度\n"; /* 3-byte characters in UTF-8, 2 in CP932 */
    size_t reps = (PC_CHUNK * 3) / (sizeof unit - 1) + 7;
    char *s = malloc(reps * (sizeof unit - 1) + 2);
    s[0] = 'a'; /* shifts the characters off any alignment */
    size_t k = 1;
    for (size_t i = 0; i < reps; i++, k += sizeof unit - 1) memcpy(s + k, unit, sizeof unit - 1);
    *n = k;
    return s;
}

static void roundtrip_encoding(const char *iconv_name, const char *want_detected)
{
    size_t n, enc_len, got_len;
    char *text = japanese_text(&n);
    char *enc = strcmp(iconv_name, "UTF-8") ? convert(iconv_name, text, n, &enc_len) : text;
    if (enc == text) enc_len = n;
    char *path = temp_file(enc, enc_len);
    struct collected errs = {0};
    const char *detected;
    char *got = read_all(path, NULL, &got_len, &errs, &detected);
    assert_non_null(got);
    assert_string_equal(detected, want_detected);
    assert_int_equal(got_len, n);
    assert_memory_equal(got, text, n);
    free(got);
    unlink(path);
    free(path);
    if (enc != text) free(enc);
    free(text);
}

static void test_chunk_boundaries(void **state)
{
    (void)state;
    roundtrip_encoding("UTF-8", "UTF-8");
    roundtrip_encoding("CP932", "CP932");
    roundtrip_encoding("EUC-JP", "EUC-JP");
}

static void test_bom_is_removed(void **state)
{
    (void)state;
    const char data[] = "\xEF\xBB\xBF" "a,b\n";
    char *path = temp_file(data, sizeof data - 1);
    struct collected errs = {0};
    const char *detected;
    size_t n;
    char *got = read_all(path, NULL, &n, &errs, &detected);
    assert_int_equal(n, 4);
    assert_memory_equal(got, "a,b\n", 4);
    free(got);
    unlink(path);
    free(path);
}

static void test_invalid_byte_offset_and_line(void **state)
{
    (void)state;
    const char data[] = "a,b\n1,2\n3,\xE3\x81\n";
    char *path = temp_file(data, sizeof data - 1);
    struct collected errs = {0};
    const char *detected;
    size_t n;
    assert_null(read_all(path, "utf-8", &n, &errs, &detected));
    assert_string_equal(errs.text, "3:encoding-error:byte 0xE3 at offset 10 is not valid UTF-8\n");
    unlink(path);
    free(path);
}

/* The validator's fast paths (8 ASCII bytes at a time, 2- and 3-byte
 * sequences accepted without decoding, runs of 3-byte characters) stop at
 * the same byte as the full check: overlong forms, surrogates, code points
 * past U+10FFFF and bad continuations, after any number of ASCII bytes
 * and of 3-byte characters. */
static void test_utf8_fast_paths_find_bad_bytes(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\xC0\x80",         /* overlong NUL */
        "\xC1\xBF",         /* overlong 2-byte */
        "\xE0\x80\x80",     /* overlong 3-byte */
        "\xED\xA0\x80",     /* a surrogate */
        "\xF0\x80\x80\x80", /* overlong 4-byte */
        "\xF4\x90\x80\x80", /* past U+10FFFF */
        "\xE3\x81\x41",     /* a 3-byte lead, then ASCII */
        "\xE3\x41",         /* the same, one continuation short */
        "\xC3\x41",         /* a 2-byte lead, then ASCII */
        "\x80",             /* a lone continuation */
        "\xFF",
    };
    for (size_t b = 0; b < PC_ARRAY_LEN(bad); b++)
        for (size_t ascii = 0; ascii < 10; ascii++)
            for (size_t kana = 0; kana < 4; kana++) {
                char data[128], want[160];
                size_t n = 0;
                memcpy(data, "x,\xE5\xB9\xB4\n", 6); /* multibyte: detected as UTF-8 */
                n = 6;
                for (size_t i = 0; i < ascii; i++) data[n++] = 'a';
                for (size_t i = 0; i < kana; i++, n += 3) memcpy(data + n, "\xE3\x81\x82", 3);
                size_t at = n;
                memcpy(data + n, bad[b], strlen(bad[b]));
                n += strlen(bad[b]);
                memcpy(data + n, "zzzzzzzzzz\n", 11);
                n += 11;
                char *path = temp_file(data, n);
                struct collected errs = {0};
                const char *detected;
                size_t len;
                assert_null(read_all(path, NULL, &len, &errs, &detected));
                snprintf(want, sizeof want,
                         "2:encoding-error:byte 0x%02X at offset %zu is not valid UTF-8\n",
                         (unsigned char)bad[b][0], at);
                assert_string_equal(errs.text, want);
                unlink(path);
                free(path);
            }
}

/* UTF-8 input is handed out in place: peek, then next, give the same
 * text, and each chunk stays valid until the following call. */
static void test_peek_then_next_in_place(void **state)
{
    (void)state;
    size_t n;
    char *text = japanese_text(&n);
    char *path = temp_file(text, n);
    struct collected errs = {0};
    struct pc_errsink sink = {.fn = collect_error, .ud = &errs};
    struct pc_istream *in;
    assert_int_equal(pc_istream_open(path, NULL, &sink, &in), PC_OK);
    const char *head, *p;
    size_t head_n, k;
    assert_int_equal(pc_istream_peek(in, &head, &head_n), PC_OK);
    assert_true(head_n > 0);
    assert_int_equal(pc_istream_next(in, &p, &k), PC_OK);
    assert_ptr_equal(p, head);
    assert_int_equal(k, head_n);
    size_t got = 0;
    assert_memory_equal(p, text, k);
    got += k;
    while (pc_istream_next(in, &p, &k) == PC_OK && k > 0) {
        assert_true(got + k <= n);
        assert_memory_equal(p, text + got, k);
        got += k;
    }
    assert_int_equal(got, n);
    pc_istream_free(in);
    unlink(path);
    free(path);
    free(text);
}

static void test_gzip_and_truncation(void **state)
{
    (void)state;
    const char text[] = "id,title\n1,x\n";
    unsigned char gz[256];
    z_stream z = {0};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)text;
    z.avail_in = sizeof text - 1;
    z.next_out = gz;
    z.avail_out = sizeof gz;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t gzlen = sizeof gz - z.avail_out;
    deflateEnd(&z);
    struct collected errs = {0};
    const char *detected;
    size_t n;
    char *path = temp_file(gz, gzlen);
    char *got = read_all(path, NULL, &n, &errs, &detected);
    assert_int_equal(n, sizeof text - 1);
    assert_memory_equal(got, text, n);
    free(got);
    unlink(path);
    free(path);
    path = temp_file(gz, gzlen - 6);
    assert_null(read_all(path, NULL, &n, &errs, &detected));
    assert_string_equal(errs.text, "0:source-error:the gzip stream is truncated (it ends before "
                                   "its end marker)\n");
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_bom_is_removed),
        cmocka_unit_test(test_invalid_byte_offset_and_line),
        cmocka_unit_test(test_gzip_and_truncation),
        cmocka_unit_test(test_utf8_fast_paths_find_bad_bytes),
        cmocka_unit_test(test_peek_then_next_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
