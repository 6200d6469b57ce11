/* --wide: long records written back as a wide sheet (CSV or TSV), one
 * row per key (x-pivot keys), one column per fiscal year. */
#ifndef PC_CSV_WIDE_H
#define PC_CSV_WIDE_H

#include "format.h"

/* The year columns are known only at the end, so the writer holds the
 * table's text until finish() (refused past PC_WIDE_MAX bytes). A schema
 * without x-pivot is PC_EUSAGE (reported). Caller frees with ops->free. */
#define PC_WIDE_MAX ((size_t)256 << 20)
pc_status pc_csv_wide_writer_new(const struct pc_write_ctx *ctx, char delim,
                                 struct pc_writer **out);

/* --excel, in both CSV writers: a cell Excel would run as a formula (it
 * starts with = + - @, a tab or CR, and is no plain number) is written
 * with a leading single quote, which Excel shows as text and hides. See
 * docs/reliability.md. */
bool pc_csv_is_formula(const char *s, size_t n);

#endif
