/* Cell values of .xlsx workbooks (xlsx_values.c). */
#ifndef PC_XLSX_VALUES_H
#define PC_XLSX_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#define PC_XLSX_MAX_COLS 16384 /* XFD */

/* What a number format makes of a number. */
enum pc_numkind { NUM_PLAIN, NUM_DATE, NUM_TIME, NUM_DATETIME };

/* The kind of a built-in number format (numFmtId). */
enum pc_numkind pc_xlsx_builtin_kind(long id);
/* The kind of a custom number format code: a date if it has y, d, e, g or
 * b (or m without h or s), a time if h or s. */
enum pc_numkind pc_xlsx_format_kind(const char *f);
/* A serial number as ISO 8601 into out (1900 system unless date1904);
 * false when it is no date. */
bool pc_xlsx_serial_iso(double v, enum pc_numkind kind, bool date1904, char *out, size_t cap);
/* A number as Excel shows it. */
void pc_xlsx_number_text(const char *s, char *out, size_t cap);
/* The 0-based column of a reference such as "B12"; -1 if none (A to XFD). */
long pc_xlsx_column_of(const char *ref);
/* The letters of a 0-based column into out (4 bytes). */
void pc_xlsx_column_name(unsigned long col, char *out);

#endif
