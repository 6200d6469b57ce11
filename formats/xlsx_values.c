/* What an .xlsx cell's number means and how Excel shows it: date and time
 * styles, serial numbers as ISO 8601, numbers to 15 significant digits,
 * column letters. Pure functions, shared by the workbook reader. */
#include "xlsx_values.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum pc_numkind pc_xlsx_builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58))
        return NUM_DATE;
    if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47)) return NUM_TIME;
    return id == 22 ? NUM_DATETIME : NUM_PLAIN;
}

/* A custom number format: a date if it has y, d, e, g or b (or m without
 * h or s), a time if h or s; quoted text, escapes and [colour] left out;
 * digits placeholders make it a number. Only the first section counts. */
enum pc_numkind pc_xlsx_format_kind(const char *f)
{
    if (strcasecmp(f, "General") == 0) return NUM_PLAIN;
    bool date = false, time = false, month = false;
    for (const char *p = f; *p && *p != ';'; p++) {
        char c = (char)(*p | 0x20);
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1]) p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1]) p++;
        } else if (*p == '[') {
            const char *e = strchr(p, ']');
            if (!e) break;
            if (strchr("hms", p[1] | 0x20) && p[1]) time = true; /* [h]:mm elapsed time */
            p = e;
        } else if (*p == '0' || *p == '#' || *p == '?') {
            return NUM_PLAIN;
        } else if (c == 'e' && (p[1] == '+' || p[1] == '-')) {
            return NUM_PLAIN;
        } else if (c == 'y' || c == 'd' || c == 'e' || c == 'g' || c == 'b') {
            date = true;
        } else if (c == 'h' || c == 's') {
            time = true;
        } else if (c == 'm') {
            month = true;
        }
    }
    if (month && !time) date = true;
    return date && time ? NUM_DATETIME : date ? NUM_DATE : time ? NUM_TIME : NUM_PLAIN;
}

/* Days since 1970-01-01 -> y, m, d (proleptic Gregorian). */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A serial number as ISO 8601. The 1900 system counts 1900-02-29, which
 * never was (Lotus 1-2-3's bug, kept by Excel): serial 60 is written so,
 * and is no valid date. */
bool pc_xlsx_serial_iso(double v, enum pc_numkind kind, bool date1904, char *out, size_t cap)
{
    if (!(v >= 0 && v < 2958466)) return false;
    long days = (long)v; /* v >= 0: truncation is floor, and no libm is needed */
    long secs = (long)((v - (double)days) * 86400.0 + 0.5);
    if (secs >= 86400) days++, secs -= 86400;
    int y, m, d;
    if (date1904)
        civil(days - 24107, &y, &m, &d); /* 1904-01-01 is day 0 */
    else if (days == 60)
        y = 1900, m = 2, d = 29;
    else if (days == 0)
        y = 1900, m = 1, d = 0;
    else
        civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    if (kind == NUM_DATE)
        snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
    else if (kind == NUM_TIME)
        snprintf(out, cap, "%02d:%02d:%02d", hh, mm, ss);
    else
        snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, ss);
    return true;
}

/* A number as Excel shows it: integers as written, others to 15
 * significant digits (0.1 stored as 0.10000000000000001). */
void pc_xlsx_number_text(const char *s, char *out, size_t cap)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || !*s || strspn(s, "-0123456789") == strlen(s) || !isfinite(v)) {
        snprintf(out, cap, "%s", s);
        return;
    }
    snprintf(out, cap, "%.15g", v);
}

long pc_xlsx_column_of(const char *ref)
{
    long col = 0;
    size_t i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; i++)
        col = col * 26 + (ref[i] - 'A' + 1);
    if (i == 0 || !(ref[i] >= '1' && ref[i] <= '9') || col > PC_XLSX_MAX_COLS) return -1;
    return col - 1;
}

void pc_xlsx_column_name(unsigned long col, char *out)
{
    char tmp[4];
    int n = 0;
    for (col++; col && n < 3; col = (col - 1) / 26)
        tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}
