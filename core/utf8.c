/* UTF-8 decoding, encoding, counting and validation (see utf8.h). */
#include "utf8.h"

#include <string.h>

uint32_t pc_utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c = p[0];
    size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                          : (c & 0xF8) == 0xF0 ? 4 : 0;
    *len = 1;
    if (k == 1) return c;
    if (k == 0 || k > n) return 0xFFFD;
    c &= 0x7F >> k;
    for (size_t j = 1; j < k; j++) {
        if ((p[j] & 0xC0) != 0x80) return 0xFFFD;
        c = c << 6 | (p[j] & 0x3F);
    }
    *len = k;
    return c;
}

size_t pc_utf8_put(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t pc_utf8_length(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

size_t pc_utf8_valid_prefix(const unsigned char *p, size_t n, int *incomplete)
{
    size_t i = 0;
    *incomplete = 0;
    while (i < n) {
        /* fast paths: ASCII 8 bytes at a time, and the 2- and 3-byte
         * sequences that need no range check */
        i += pc_utf8_ascii_prefix((const char *)p + i, n - i);
        if (i == n) break;
        unsigned c = p[i];
        /* C2-DF x: never overlong; E1-EC, EE-EF x x: neither overlong nor
         * a surrogate (E0, ED and 4-byte leads take the full check) */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3; /* Japanese text comes in runs of these: stay in the loop */
            while (i + 2 < n && (unsigned)(p[i] - 0xE1) <= 0xEF - 0xE1 && p[i] != 0xED &&
                   (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80)
                i += 3;
            continue;
        }
        size_t len;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return i;
        }
        unsigned cp = c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if (i + k >= n) {
                *incomplete = 1;
                return i;
            }
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return i;
}

size_t pc_utf8_cut(const char *s, size_t n)
{
    /* back over at most three continuation bytes to the lead byte */
    size_t i = n;
    while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    if (i == 0 || ((unsigned char)s[i - 1] & 0xC0) != 0xC0) return n; /* no sequence was cut */
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return n - (i - 1) < need ? i - 1 : n;
}
