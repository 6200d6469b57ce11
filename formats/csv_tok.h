/* A CSV tokenizer for the dialects libcsv cannot read: an escape
 * character, quotes that are not doubled, spaces skipped after the
 * delimiter. Same callbacks as libcsv (a field, then a row end with the
 * byte that ended it), so the CSV reader drives either. Python's csv
 * module is the model for what each dialect property means, a quote
 * inside an unquoted cell included: it is text (libcsv's strict mode, the
 * fast path, refuses it). */
#ifndef PC_CSV_TOK_H
#define PC_CSV_TOK_H

#include "../core/core.h"

struct pc_csvtok {
    int delim, quote, escape; /* escape -1: none */
    bool double_quote, skip_space;
    int state;
    bool row_open; /* a field of the current row has been seen */
    struct pc_buf field;
    pc_status fatal; /* ENOMEM */
};

typedef void (*pc_csvtok_field_fn)(void *s, size_t len, void *data);
typedef void (*pc_csvtok_row_fn)(int c, void *data);

void pc_csvtok_init(struct pc_csvtok *t, int delim, int quote, int escape, bool double_quote,
                    bool skip_space);

/* Feeds n bytes; returns how many were taken: fewer than n at a
 * misplaced quote (or out of memory: t->fatal). */
size_t pc_csvtok_parse(struct pc_csvtok *t, const char *p, size_t n, pc_csvtok_field_fn on_field,
                       pc_csvtok_row_fn on_row, void *data);

/* Ends the input: -1 if a quoted cell is still open, else 0. */
int pc_csvtok_fini(struct pc_csvtok *t, pc_csvtok_field_fn on_field, pc_csvtok_row_fn on_row,
                   void *data);

/* Bytes of the cell being read (for the field size limit). */
static inline size_t pc_csvtok_pending(const struct pc_csvtok *t)
{
    return t->field.len;
}

void pc_csvtok_free(struct pc_csvtok *t);

#endif
