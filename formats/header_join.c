/* Joining header rows into labels (see header_join.h). */
#include "header_join.h"

#include <stdlib.h>
#include <string.h>

static pc_status grow(struct pc_header_join *h, size_t n)
{
    if (n <= h->n) return PC_OK;
    struct pc_buf *names = realloc(h->names, n * sizeof *names);
    if (!names) return PC_ENOMEM;
    h->names = names;
    struct pc_buf *prev = realloc(h->prev, n * sizeof *prev);
    if (!prev) return PC_ENOMEM;
    h->prev = prev;
    memset(h->names + h->n, 0, (n - h->n) * sizeof *names);
    memset(h->prev + h->n, 0, (n - h->n) * sizeof *prev);
    h->n = n;
    return PC_OK;
}

/* Appends s to a buffer kept NUL-terminated. */
static pc_status put(struct pc_buf *b, const char *s, size_t n)
{
    if (pc_buf_append(b, s, n) || pc_buf_reserve(b, 1)) return PC_ENOMEM;
    b->data[b->len] = '\0';
    return PC_OK;
}

pc_status pc_header_join_row(struct pc_header_join *h, const char *const *cells, const size_t *lens,
                             size_t n)
{
    if (grow(h, n)) return PC_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        struct pc_buf *prev = &h->prev[i], *name = &h->names[i];
        bool same =
            prev->data && prev->len == lens[i] && memcmp(prev->data, cells[i], lens[i]) == 0;
        prev->len = 0;
        if (put(prev, cells[i], lens[i])) return PC_ENOMEM;
        if (same || lens[i] == 0) {
            if (!name->data && put(name, "", 0)) return PC_ENOMEM;
            continue;
        }
        if (name->len && put(name, h->join, strlen(h->join))) return PC_ENOMEM;
        if (put(name, cells[i], lens[i])) return PC_ENOMEM;
    }
    return PC_OK;
}

void pc_header_join_free(struct pc_header_join *h)
{
    for (size_t i = 0; i < h->n; i++) {
        pc_buf_free(&h->names[i]);
        pc_buf_free(&h->prev[i]);
    }
    free(h->names);
    free(h->prev);
}
