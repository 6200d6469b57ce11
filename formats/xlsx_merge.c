/* Merged ranges over a header (see xlsx_merge.h). */
#include "xlsx_merge.h"

#include "xlsx_values.h"

#include <stdlib.h>
#include <string.h>

pc_status pc_xlsx_merge_add(struct pc_xlsx_merges *m, const char *ref, unsigned long last)
{
    const char *colon = strchr(ref, ':');
    long c1 = pc_xlsx_column_of(ref), c2 = colon ? pc_xlsx_column_of(colon + 1) : -1;
    if (c1 < 0 || c2 < c1) return PC_OK;
    unsigned long r1 = strtoul(ref + strcspn(ref, "0123456789"), NULL, 10);
    unsigned long r2 = strtoul(colon + 1 + strcspn(colon + 1, "0123456789"), NULL, 10);
    if (r1 == 0 || r2 < r1 || r1 > last) return PC_OK;
    if (m->n == PC_XLSX_MAX_MERGES) return PC_END;
    struct pc_xlsx_range *r = realloc(m->r, (m->n + 1) * sizeof *r);
    if (!r) return PC_ENOMEM;
    m->r = r;
    r[m->n++] = (struct pc_xlsx_range){r1, r2, (size_t)c1, (size_t)c2, NULL};
    return PC_OK;
}

pc_status pc_xlsx_merge_row(struct pc_xlsx_merges *m, unsigned long row, size_t *ncols,
                            const char *(*value)(const void *ud, size_t col, size_t *len),
                            const void *ud)
{
    for (size_t i = 0; i < m->n; i++) {
        struct pc_xlsx_range *r = &m->r[i];
        if (row < r->row1 || row > r->row2) continue;
        if (r->row1 == row) {
            size_t n = 0;
            const char *s = r->col1 < *ncols ? value(ud, r->col1, &n) : "";
            free(r->value);
            if (!(r->value = pc_strndup(s, n))) return PC_ENOMEM;
        }
        if (r->col2 + 1 > *ncols) *ncols = r->col2 + 1;
    }
    return PC_OK;
}

const char *pc_xlsx_merge_value(const struct pc_xlsx_merges *m, unsigned long row, size_t col)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct pc_xlsx_range *r = &m->r[i];
        if (row >= r->row1 && row <= r->row2 && col >= r->col1 && col <= r->col2) return r->value;
    }
    return NULL;
}

void pc_xlsx_merge_free(struct pc_xlsx_merges *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->r[i].value);
    free(m->r);
}
