/* CP932 (Windows-31J, what Japanese Excel calls Shift_JIS) to UTF-8 by
 * tables made at build time from iconv's own CP932 (tools/cp932_table.c):
 * iconv's characters, and its errors at the same bytes, in one step per
 * character instead of glibc's two (CP932 -> UCS-4 -> UTF-8). */
#ifndef PC_CP932_H
#define PC_CP932_H

#include <stddef.h>

enum pc_cp932_stop {
    PC_CP932_DONE, /* all input decoded, or the output is full (the rest is left) */
    PC_CP932_CUT,  /* the input ends inside a character: a lead byte, last */
    PC_CP932_BAD   /* the bytes at *used are no CP932 character */
};

/* Decodes in[0..n) into out[0..cap); *used and *produced count the bytes
 * read and written, up to the stop: iconv(3)'s E2BIG, EINVAL and EILSEQ. */
enum pc_cp932_stop pc_cp932_decode(const unsigned char *in, size_t n, char *out, size_t cap,
                                   size_t *used, size_t *produced);

#endif
