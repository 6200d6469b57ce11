/* Wide sheets: the `x-pivot` extension of a schema says which field holds
 * the fiscal year and which the value when a sheet has one column per
 * year (工程表: 2021年度, 令和3年度 ... -> fiscal_year + milestone), which
 * fields name a row in wide form, and which are merged-cell remnants to
 * fill down. Read by the pivoting reader (convert/reshape.c) and the wide
 * CSV writer (formats/csv_wide.c); no code names a kind. */
#ifndef PC_PIVOT_SPEC_H
#define PC_PIVOT_SPEC_H

#include "schema.h"

#define PC_PIVOT_MAX_KEYS 8

struct pc_pivot_spec {
    int year, value;                   /* field indexes */
    int keys[PC_PIVOT_MAX_KEYS];       /* fields that name a row in wide form */
    size_t nkeys;
    int fill[PC_PIVOT_MAX_KEYS];       /* fields filled down from the row above */
    size_t nfill;
};

/* Reads the schema's x-pivot: {"year": F, "value": F, "keys": [F...],
 * "fillDown": [F...]}. False when the schema has none; PC_EUSAGE through
 * *st (reported) when it is malformed. */
bool pc_pivot_spec(const struct pc_schema *s, struct pc_pivot_spec *out, struct pc_errsink *sink,
                   pc_status *st);

/* True when a column header names a fiscal year (2021年度, 令和3年度, R3,
 * FY2021, ２０２１年度, 2021); *year gets it as the Gregorian year. */
bool pc_pivot_year_header(const char *s, size_t n, int *year);

/* True when a header belongs to a schema with x-pivot as a year column:
 * for guessing the kind of a wide sheet. */
bool pc_pivot_header_fits(const struct pc_schema *s, const char *label);

#endif
