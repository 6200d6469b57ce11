/* Encoding detection and decoding (and the gzip layer under them): the
 * first byte picks --encoding (or detection), the rest is the file.
 * Whatever comes out of pc_istream_next must be valid UTF-8, and a
 * failed stream must keep failing. */
#include "fuzz.h"

#include "formats/stream.h"

#include <string.h>

static const char *const encodings[] = {NULL, "utf-8", "cp932", "euc-jp", "utf-16le",
                                        "utf-16be", "shift_jis"};

static void ignore(void *ud, const struct pc_error *e)
{
    (void)ud;
    if (!e->message || !e->type) fuzz_fail("an error without a message or type");
}

/* Whether p[0..n) is whole, valid UTF-8 (decoded chunks end on whole
 * characters). */
static int valid_utf8(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i], len;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) len = 3;
        else if (c >= 0xF0 && c <= 0xF4) len = 4;
        else return 0;
        if (i + len > n) return 0;
        for (unsigned k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80) return 0;
        i += len;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *enc = encodings[data[0] % (sizeof encodings / sizeof *encodings)];
    char path[64];
    int fd = fuzz_memfd(data + 1, size - 1, path);
    if (fd < 0) return 0;
    struct pc_errsink sink = {.fn = ignore, .source = path, .limit = 1000};
    struct pc_istream *s;
    pc_status st = pc_istream_open(path, enc, &sink, &s);
    if (st == PC_OK) {
        const char *p;
        size_t n;
        if (data[0] & 0x80) pc_istream_peek(s, &p, &n);
        for (;;) {
            st = pc_istream_next(s, &p, &n);
            if (st || n == 0) break;
            if (!valid_utf8((const unsigned char *)p, n)) fuzz_fail("decoded text is not UTF-8");
        }
        if (st && pc_istream_next(s, &p, &n) == PC_OK && n > 0) fuzz_fail("a failed stream went on");
        pc_istream_free(s);
    }
    fuzz_check_status(st);
    close(fd);
    return 0;
}
