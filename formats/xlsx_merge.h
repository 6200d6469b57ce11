/* Merged cell ranges of a sheet's header (<mergeCell ref="B1:D2"/>): a
 * header row's empty cell under a range shows its top-left cell's value,
 * as Excel draws it, before the header rows are joined. */
#ifndef PC_XLSX_MERGE_H
#define PC_XLSX_MERGE_H

#include "../core/core.h"

/* Ranges that reach into the header, at most this many. */
#define PC_XLSX_MAX_MERGES 65536

struct pc_xlsx_range {
    unsigned long row1, row2;
    size_t col1, col2;
    char *value; /* the top-left cell's, once its row is read */
};

struct pc_xlsx_merges {
    struct pc_xlsx_range *r;
    size_t n;
};

/* Adds the range `ref` if it starts at or above row `last`; a reference
 * that is no range is left out. PC_END past PC_XLSX_MAX_MERGES. */
pc_status pc_xlsx_merge_add(struct pc_xlsx_merges *m, const char *ref, unsigned long last);

/* Row `row` is read: the ranges starting on it take their top-left value
 * from value(ud, col, &len). *ncols grows to cover the ranges over the row. */
pc_status pc_xlsx_merge_row(struct pc_xlsx_merges *m, unsigned long row, size_t *ncols,
                            const char *(*value)(const void *ud, size_t col, size_t *len),
                            const void *ud);

/* The value shown at (row, col) by a range, or NULL. */
const char *pc_xlsx_merge_value(const struct pc_xlsx_merges *m, unsigned long row, size_t col);

void pc_xlsx_merge_free(struct pc_xlsx_merges *m);

#endif
