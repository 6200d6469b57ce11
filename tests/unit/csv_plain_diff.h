/* libcsv alone against libcsv with the fast path (formats/csv_plain.c),
 * callback by callback, as the CSV reader sets libcsv up: the same
 * chunks, the same cells, row ends, error positions and end. Used by
 * tests/unit/test_csv_plain.c and the csv_plain fuzz target. */
#ifndef PC_CSV_PLAIN_DIFF_H
#define PC_CSV_PLAIN_DIFF_H

#include "formats/csv_plain.h"

#include <stdio.h>
#include <string.h>

/* What a run called back, in order: "F<len>:<bytes>" per cell, "R<c>"
 * per row end, "E<offset>" where a chunk stopped early, "Z<rc>" at the
 * end. */
struct csv_log {
    struct pc_buf text;
};

static void log_field(void *s, size_t len, void *data)
{
    struct csv_log *l = data;
    char head[32];
    int k = snprintf(head, sizeof head, "F%zu:", len);
    pc_buf_append(&l->text, head, (size_t)k);
    if (len) pc_buf_append(&l->text, s, len);
}

static void log_row(int c, void *data)
{
    struct csv_log *l = data;
    char head[16];
    int k = snprintf(head, sizeof head, "R%d", c);
    pc_buf_append(&l->text, head, (size_t)k);
}

static int csv_plain_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Feeds s[0..n) in chunks of the sizes in `chunks` (cycled; 0 ends the
 * list), through the fast path or not; logs into l. */
static void csv_plain_run(bool fast, unsigned char delim, unsigned char quote, const char *s,
                          size_t n, const size_t *chunks, struct csv_log *l)
{
    struct csv_parser p;
    struct pc_csvplain f;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    csv_set_delim(&p, delim);
    csv_set_quote(&p, quote);
    csv_set_space_func(&p, csv_plain_no_space);
    pc_csvplain_init(&f, &p);
    size_t at = 0, c = 0;
    bool failed = false;
    while (at < n && !failed) {
        size_t k = chunks[c] ? chunks[c++] : n;
        if (!chunks[c]) c = 0;
        if (k > n - at) k = n - at;
        size_t took = fast ? pc_csvplain_parse(&f, &p, s + at, k, log_field, log_row, l)
                           : csv_parse(&p, s + at, k, log_field, log_row, l);
        if (took < k) {
            char e[32];
            int m = snprintf(e, sizeof e, "E%zu", at + took);
            pc_buf_append(&l->text, e, (size_t)m);
            failed = true;
        }
        at += k;
    }
    if (!failed) {
        char z[16];
        int rc = csv_fini(&p, log_field, log_row, l);
        int m = snprintf(z, sizeof z, "Z%d", rc);
        pc_buf_append(&l->text, z, (size_t)m);
    }
    csv_free(&p);
    pc_csvplain_free(&f);
}

/* Whether both runs called back the same; on a difference, both logs go
 * to stderr. */
static bool csv_plain_same(unsigned char delim, unsigned char quote, const char *s, size_t n,
                           const size_t *chunks)
{
    struct csv_log a = {0}, b = {0};
    csv_plain_run(false, delim, quote, s, n, chunks, &a);
    csv_plain_run(true, delim, quote, s, n, chunks, &b);
    bool same = a.text.len == b.text.len && memcmp(a.text.data, b.text.data, a.text.len) == 0;
    if (!same)
        fprintf(stderr, "libcsv:    %.*s\nfast path: %.*s\n", (int)a.text.len, a.text.data,
                (int)b.text.len, b.text.data);
    pc_buf_free(&a.text);
    pc_buf_free(&b.text);
    return same;
}

#endif
