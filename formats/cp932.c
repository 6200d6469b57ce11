/* CP932 to UTF-8 by table (see cp932.h). */
#include "cp932.h"

#include "cp932_table.h" /* made by tools/cp932_table.c at build time */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static bool ascii8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return !(w & 0x8080808080808080ull);
}

enum pc_cp932_stop pc_cp932_decode(const unsigned char *in, size_t n, char *out, size_t cap,
                                   size_t *used, size_t *produced)
{
    const unsigned char *p = in, *end = in + n;
    char *o = out, *full = out + cap;
    enum pc_cp932_stop stop = PC_CP932_DONE;
    while (p < end && stop == PC_CP932_DONE) {
        if (*p < 0x80) { /* bytes 00-7F are ASCII (the generator checks): copied */
            while (end - p >= 8 && full - o >= 8 && ascii8(p)) {
                memcpy(o, p, 8);
                p += 8;
                o += 8;
            }
            for (; p < end && *p < 0x80 && o < full; p++)
                *o++ = (char)*p;
            if (o == full) break;
            continue;
        }
        /* other characters, in runs: each takes at most 2 bytes and
         * writes 4 (an entry is copied whole), so k of them need no bounds
         * check; with no room for one the rest waits */
        size_t k = (size_t)(end - p) / 2, room = (size_t)(full - o) / 4;
        if (room < k) k = room;
        if (k == 0) {
            if (full - o < 4) break;
            if (pc_cp932_single[*p][3] == PC_CP932_LEAD) {
                stop = PC_CP932_CUT;
                break;
            }
            k = 1; /* the last byte, a character of its own */
        }
        for (; k > 0 && *p >= 0x80; k--) {
            const uint8_t *e = pc_cp932_single[*p];
            size_t len = 1;
            if (e[3] == PC_CP932_LEAD) {
                e = pc_cp932_pair[pc_cp932_row[*p] * 256u + p[1]];
                len = 2;
            }
            if (e[3] == 0) {
                stop = PC_CP932_BAD;
                break;
            }
            memcpy(o, e, 4);
            o += e[3];
            p += len;
        }
    }
    *used = (size_t)(p - in);
    *produced = (size_t)(o - out);
    return stop;
}
