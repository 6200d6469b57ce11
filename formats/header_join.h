/* Labels from several header rows (a dialect's headerRows), the
 * Frictionless way: each column's parts joined with headerJoin, a part
 * equal to the one above it (a merged cell filled down) taken once, an
 * empty part adding nothing. Shared by the CSV and .xlsx readers. */
#ifndef PC_HEADER_JOIN_H
#define PC_HEADER_JOIN_H

#include "../core/core.h"

struct pc_header_join {
    const char *join;
    struct pc_buf *names; /* the labels so far, NUL-terminated */
    struct pc_buf *prev;  /* each column's part in the row before */
    size_t n;
};

/* Adds one header row of n cells. PC_ENOMEM on failure. */
pc_status pc_header_join_row(struct pc_header_join *h, const char *const *cells, const size_t *lens,
                             size_t n);

/* Label i ("" past the columns seen). Valid until the next call. */
static inline const char *pc_header_join_label(const struct pc_header_join *h, size_t i)
{
    return i < h->n && h->names[i].data ? h->names[i].data : "";
}

void pc_header_join_free(struct pc_header_join *h);

#endif
