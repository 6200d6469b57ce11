/* Cell values of .xlsx sheets as Excel shows them: number formats that
 * make a number a date or time, serial numbers as ISO 8601, numbers to 15
 * significant digits, and column letters. Pure functions, no state. */
#ifndef PC_XLSX_VALUES_H
#define PC_XLSX_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#define PC_XLSX_MAX_COLS 16384 /* XFD */

enum pc_xlsx_numkind { NUM_PLAIN, NUM_DATE, NUM_TIME, NUM_DATETIME };

/* The kind of a built-in number format (numFmtId). */
enum pc_xlsx_numkind pc_xlsx_builtin_kind(long id);

/* The kind of a custom number format code. */
enum pc_xlsx_numkind pc_xlsx_format_kind(const char *f);

/* A serial number as ISO 8601 into out[cap]; false if out of range. */
bool pc_xlsx_serial_iso(double v, enum pc_xlsx_numkind kind, bool date1904, char *out, size_t cap);

/* A number as Excel shows it, into out[cap]. */
void pc_xlsx_number_text(const char *s, char *out, size_t cap);

/* The 0-based column of a reference like "B7"; -1 if none from A to XFD. */
long pc_xlsx_column_of(const char *ref);

/* The letters of a 0-based column into out[4]. */
void pc_xlsx_column_name(unsigned long col, char *out);

#endif
