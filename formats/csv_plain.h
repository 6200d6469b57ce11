/* The CSV reader's fast path beside libcsv. libcsv calls back once per
 * byte's state change, 40 instructions a byte; most rows need none of
 * that. Here a row that lies whole in the chunk and that libcsv would
 * read without a question (cells unquoted, or quoted and closed, quotes
 * doubled inside) is split 8 bytes at a time, straight from the chunk,
 * and handed to the same callbacks in the same order with the same bytes
 * as libcsv would. Any other row (a quote inside an unquoted cell, text
 * after a closing quote, a row the chunk cuts) goes to libcsv from its
 * start, up to the line end where libcsv may end it, and the split goes
 * on from the row after. tests/unit/test_csv_plain.c and the csv_plain
 * fuzz target compare the two callback by callback. */
#ifndef PC_CSV_PLAIN_H
#define PC_CSV_PLAIN_H

#include "../core/core.h"

#include <csv.h>

struct pc_csvplain {
    unsigned char delim, quote;
    bool on;                 /* the dialect's bytes leave room for the split */
    int row_state;           /* libcsv's state between rows, as csv_init left it */
    struct pc_vec cells;     /* struct pc_csvplain_cell: the row being split */
    struct pc_buf undoubled; /* a quoted cell's text with its quotes undoubled */
    pc_status fatal;         /* PC_ENOMEM */
};

typedef void (*pc_csv_field_fn)(void *s, size_t len, void *data);
typedef void (*pc_csv_row_fn)(int c, void *data);

/* p: a parser just set up by csv_init, csv_set_delim and csv_set_quote,
 * with no space function that takes any byte for a space. */
void pc_csvplain_init(struct pc_csvplain *f, const struct csv_parser *p);

/* Feeds n bytes as csv_parse(p, s, n, ...) would, and returns what it
 * would: fewer than n where libcsv found an error (or f->fatal was set).
 * The callbacks get cells in s itself: they must not write to them. */
size_t pc_csvplain_parse(struct pc_csvplain *f, struct csv_parser *p, const char *s, size_t n,
                         pc_csv_field_fn on_field, pc_csv_row_fn on_row, void *data);

void pc_csvplain_free(struct pc_csvplain *f);

/* The index of the first delimiter, quote, CR or LF in s[0..n); n if
 * none. */
size_t pc_csv_find_special(const char *s, size_t n, unsigned char delim, unsigned char quote);

#endif
