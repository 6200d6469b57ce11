/* UTF-8, the one decoder and encoder every module uses. Text inside the
 * library is UTF-8 once the stream has decoded it, but a cell can still
 * hold a stray byte (a reader never drops one), so decoding is total:
 * anything that is not a sequence reads as U+FFFD, one byte long. */
#ifndef PC_UTF8_H
#define PC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decodes one code point at s (n > 0); *len gets its byte length (1 for a
 * stray byte, returned as U+FFFD). */
uint32_t pc_utf8_decode(const char *s, size_t n, size_t *len);

/* The same, for loops over an index: decodes at s[*i] (*i < n) and
 * advances *i past it. */
static inline uint32_t pc_utf8_next(const char *s, size_t n, size_t *i)
{
    size_t len;
    uint32_t c = pc_utf8_decode(s + *i, n - *i, &len);
    *i += len;
    return c;
}

/* The number of ASCII bytes s[0..n) starts with, counted 8 at a time:
 * the fast path of every scan that only stops at multibyte text. */
static inline size_t pc_utf8_ascii_prefix(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w &= 0x8080808080808080ull;
        if (w) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + ((size_t)__builtin_ctzll(w) >> 3);
#else
            break;
#endif
        }
    }
    while (i < n && !(s[i] & 0x80))
        i++;
    return i;
}

/* Writes c as UTF-8 at out (room for 4 bytes); returns the bytes written. */
size_t pc_utf8_put(char *out, uint32_t c);

/* The number of code points in s: the bytes that do not continue a sequence. */
size_t pc_utf8_length(const char *s, size_t n);

/* Length of the longest valid UTF-8 prefix of p[0..n) (no overlong forms,
 * surrogates or code points above U+10FFFF). *incomplete is set when what
 * stops it is a sequence cut by the end of the buffer. */
size_t pc_utf8_valid_prefix(const unsigned char *p, size_t n, int *incomplete);

/* Where to cut s[0..n), the first n bytes of a longer text, without
 * splitting a character: n, or less when a sequence runs past n. */
size_t pc_utf8_cut(const char *s, size_t n);

#endif
