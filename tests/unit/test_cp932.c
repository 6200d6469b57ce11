/* The CP932 table decoder against iconv, whose mapping it was made from:
 * the same characters, the same stop (done, cut, bad) at the same byte,
 * for every single byte, every two-byte sequence and random longer text,
 * and with an output buffer too small to hold it all. */
#include "util.h"

#include "formats/cp932.h"

#include <errno.h>
#include <iconv.h>

struct result {
    enum pc_cp932_stop stop;
    size_t used, produced;
    char out[512];
};

/* What iconv makes of in[0..n), in the decoder's terms. */
static struct result by_iconv(iconv_t cd, const unsigned char *in, size_t n, size_t cap)
{
    struct result r = {0};
    char *ip = (char *)in, *op = r.out;
    size_t il = n, ol = cap;
    iconv(cd, NULL, NULL, NULL, NULL);
    size_t rc = iconv(cd, &ip, &il, &op, &ol);
    r.stop = rc != (size_t)-1 || errno == E2BIG ? PC_CP932_DONE
             : errno == EINVAL                  ? PC_CP932_CUT
                                                : PC_CP932_BAD;
    r.used = (size_t)(ip - (char *)in);
    r.produced = (size_t)(op - r.out);
    return r;
}

static struct result by_table(const unsigned char *in, size_t n, size_t cap)
{
    struct result r = {0};
    r.stop = pc_cp932_decode(in, n, r.out, cap, &r.used, &r.produced);
    return r;
}

static void same(iconv_t cd, const unsigned char *in, size_t n)
{
    struct result want = by_iconv(cd, in, n, sizeof want.out);
    struct result got = by_table(in, n, sizeof got.out);
    if (got.stop != want.stop || got.used != want.used || got.produced != want.produced ||
        memcmp(got.out, want.out, want.produced) != 0) {
        char hex[3 * 64 + 1] = "";
        for (size_t i = 0; i < n && i < 64; i++)
            sprintf(hex + 3 * i, "%02X ", in[i]);
        fail_msg("bytes %s: iconv stop %d used %zu made %zu, table stop %d used %zu made %zu", hex,
                 want.stop, want.used, want.produced, got.stop, got.used, got.produced);
    }
}

static void test_every_single_byte(void **state)
{
    iconv_t cd = *state;
    for (unsigned b = 0; b < 256; b++) {
        unsigned char s[1] = {(unsigned char)b};
        same(cd, s, 1);
    }
}

/* Every lead byte with every second byte, not only 81-FC x 40-FC: what
 * is no pair must be refused at the same byte too. */
static void test_every_two_bytes(void **state)
{
    iconv_t cd = *state;
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++) {
            unsigned char s[2] = {(unsigned char)a, (unsigned char)b};
            same(cd, s, 2);
        }
}

/* Text of ASCII runs (the 8-byte path), kana, kanji, half-width katakana
 * and the odd bad byte, cut anywhere. */
static void test_random_text(void **state)
{
    iconv_t cd = *state;
    static const unsigned char pieces[][2] = {
        {'a', 'b'},   {'1', ','},   {'\n', 'x'},  {0x82, 0xA0}, {0x88, 0x9F},
        {0x93, 0xFA}, {0xB1, 0xDE}, {0x81, 0x40}, {0xFA, 0x40}, {0xED, 0x40},
        {0x81, 0x7F}, {0x80, 'a'},  {0xFD, 'b'},  {0x85, 0x40}, {0xA0, 'c'}};
    srand(932);
    unsigned char s[160];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, want = (size_t)(rand() % 80);
        while (n < want) {
            const unsigned char *p = pieces[rand() % (int)PC_ARRAY_LEN(pieces)];
            bool ascii_run = rand() % 3 == 0;
            for (int k = ascii_run ? 9 + rand() % 9 : 1; k > 0 && n < sizeof s - 2; k--)
                if (ascii_run)
                    s[n++] = (unsigned char)('A' + rand() % 26);
                else {
                    s[n++] = p[0];
                    s[n++] = p[1];
                }
        }
        same(cd, s, n - (n > 0 && rand() % 4 == 0)); /* sometimes ending inside a pair */
    }
}

/* A full output buffer stops the table on a whole character, never past
 * where iconv stops, and the rest decodes from there. */
static void test_small_output(void **state)
{
    iconv_t cd = *state;
    const unsigned char text[] =
        "\x8D\x48\x92\xF6\x95\x5C abc \xB1\xB2\x82\xA0"; /* 工程表 abc ｱｲあ */
    size_t n = sizeof text - 1;
    struct result full = by_table(text, n, 512);
    for (size_t cap = 3; cap <= full.produced; cap++) {
        struct result got = by_table(text, n, cap);
        struct result want = by_iconv(cd, text, n, cap);
        assert_int_equal(got.stop, PC_CP932_DONE);
        /* the table copies 4-byte entries, so it may stop a character
         * sooner than iconv; never later, and always on a whole one */
        assert_true(got.produced <= want.produced);
        assert_memory_equal(got.out, full.out, got.produced);
        struct result rest = by_table(text + got.used, n - got.used, 512);
        assert_int_equal(got.produced + rest.produced, full.produced);
        assert_memory_equal(rest.out, full.out + got.produced, rest.produced);
    }
}

static int open_iconv(void **state)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) return -1;
    *state = cd;
    return 0;
}

static int close_iconv(void **state)
{
    iconv_close(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_single_byte),
        cmocka_unit_test(test_every_two_bytes),
        cmocka_unit_test(test_random_text),
        cmocka_unit_test(test_small_output),
    };
    return cmocka_run_group_tests(tests, open_iconv, close_iconv);
}
