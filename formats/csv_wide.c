/* The wide CSV writer. Rows are keyed by the x-pivot key fields in order
 * of first appearance; each (row, year) cell joins its values with a
 * newline, in record order. The header is the key fields' titles, then
 * one column per fiscal year from the first to the last seen, as
 * `2021年度`. Quoting as in csv.c. */
#include "csv_wide.h"

#include "../core/hashset.h"
#include "../validate/pivot_spec.h"

#include <stdlib.h>
#include <string.h>

struct wide_row {
    size_t key_off, key_len; /* in text: the key fields' texts, NUL-separated */
    size_t first, last;      /* entries of the row's cells, linked by next; SIZE_MAX: none */
};

struct wide_cell {
    int year;
    size_t off, len; /* in text */
    size_t next;
};

struct wide_writer {
    struct pc_writer base;
    struct pc_write_ctx ctx;
    struct pc_pivot_spec spec;
    char delim;
    const char *eol;
    struct pc_buf text, key;
    struct pc_vec rows;          /* struct wide_row */
    struct pc_vec cells;         /* struct wide_cell */
    struct pc_strset row_of_key; /* value: the row's index; a failed add ends the writer */
    int min_year, max_year;
    bool *warned; /* per field: said once that wide form drops it */
};

/* The row for the key in w->key, added when new. */
static pc_status find_row(struct wide_writer *w, struct wide_row **out)
{
    if (w->rows.len >= UINT32_MAX) return PC_ENOMEM; /* the set's value has 32 bits */
    uint32_t i = (uint32_t)w->rows.len;
    bool seen;
    if (pc_strset_add(&w->row_of_key, w->key.data, w->key.len, &i, &seen)) return PC_ENOMEM;
    if (seen) {
        *out = &PC_VEC_AT(&w->rows, struct wide_row, i);
        return PC_OK;
    }
    size_t off = w->text.len;
    struct wide_row *r = pc_buf_append(&w->text, w->key.data, w->key.len) ? NULL
                                                                          : pc_vec_push(&w->rows);
    if (!r) return PC_ENOMEM;
    *r = (struct wide_row){.key_off = off, .key_len = w->key.len, .first = SIZE_MAX,
                           .last = SIZE_MAX};
    *out = r;
    return PC_OK;
}

/* A value's text; an array's items joined by the field's separator. */
static pc_status append_value(struct pc_buf *b, const struct pc_record *rec, int field,
                              const struct pc_field *f)
{
    int slot = rec->slot[field];
    if (slot < 0) return PC_OK;
    const struct pc_value *v = &pc_record_cell(rec, (size_t)slot)->v;
    if (v->type == PC_T_NULL || v->type == PC_T_ABSENT) return PC_OK;
    if (v->type != PC_T_ARRAY) return pc_buf_append(b, pc_value_text(rec->batch, v), v->len);
    for (uint32_t i = 0; i < v->len; i++) {
        const struct pc_value *it = pc_value_item(rec->batch, v, i);
        if ((i && pc_buf_append(b, f->separator ? f->separator : ";",
                                strlen(f->separator ? f->separator : ";"))) ||
            pc_buf_append(b, pc_value_text(rec->batch, it), it->len))
            return PC_ENOMEM;
    }
    return PC_OK;
}

static pc_status write_error(struct wide_writer *w, const struct pc_record *rec, const char *msg)
{
    struct pc_error e = {.code = PC_INVALID, .type = "wide-error", .line = rec->line,
                         .record = rec->recno};
    return pc_report(w->ctx.sink, &e, "%s", msg);
}

/* Fields that wide form has no column for are dropped: said once each. */
static void warn_dropped(struct wide_writer *w, const struct pc_record *rec)
{
    const struct pc_schema *s = w->ctx.schema;
    for (size_t i = 0; i < s->nfields; i++) {
        bool kept = (int)i == w->spec.year || (int)i == w->spec.value;
        for (size_t k = 0; k < w->spec.nkeys; k++) kept = kept || w->spec.keys[k] == (int)i;
        int slot = rec->slot[i];
        if (kept || w->warned[i] || slot < 0 || s->fields[i].derive_from >= 0) continue;
        const struct pc_value *v = &pc_record_cell(rec, (size_t)slot)->v;
        if (v->type == PC_T_NULL || v->type == PC_T_ABSENT || v->len == 0) continue;
        w->warned[i] = true;
        struct pc_error e = {.code = PC_OK,
                             .severity = PC_SEV_WARNING,
                             .type = "wide-dropped",
                             .line = rec->line,
                             .record = rec->recno,
                             .field = s->fields[i].name};
        pc_report(w->ctx.sink, &e, "wide form has no column for %s: its values are left out",
                  s->fields[i].name);
    }
}

static pc_status wide_write(struct pc_writer *base, const struct pc_record *rec)
{
    struct wide_writer *w = (struct wide_writer *)base;
    const struct pc_schema *s = w->ctx.schema;
    int yslot = rec->slot[w->spec.year];
    const struct pc_value *yv = yslot >= 0 ? &pc_record_cell(rec, (size_t)yslot)->v : NULL;
    if (!yv || yv->type == PC_T_NULL || yv->len == 0 || yv->len > 9)
        return write_error(w, rec, "the record has no fiscal year, so wide form has no column "
                                   "for it");
    int year = 0; /* value text is not NUL-terminated */
    const char *yt = pc_value_text(rec->batch, yv);
    for (uint32_t i = 0; i < yv->len && yt[i] >= '0' && yt[i] <= '9'; i++)
        year = year * 10 + (yt[i] - '0');
    w->key.len = 0;
    for (size_t k = 0; k < w->spec.nkeys; k++)
        if (append_value(&w->key, rec, w->spec.keys[k], &s->fields[w->spec.keys[k]]) ||
            pc_buf_append(&w->key, "", 1))
            return PC_ENOMEM;
    warn_dropped(w, rec);
    struct wide_row *row;
    if (find_row(w, &row)) return PC_ENOMEM;
    size_t off = w->text.len;
    if (append_value(&w->text, rec, w->spec.value, &s->fields[w->spec.value])) return PC_ENOMEM;
    if (w->text.len > PC_WIDE_MAX)
        return write_error(w, rec,
                           "the table is too large for the wide form (over 256 MiB of text)");
    struct wide_cell *c = pc_vec_push(&w->cells);
    if (!c) return PC_ENOMEM;
    *c = (struct wide_cell){.year = year, .off = off, .len = w->text.len - off,
                            .next = SIZE_MAX};
    size_t ci = w->cells.len - 1;
    if (row->last == SIZE_MAX)
        row->first = ci;
    else
        PC_VEC_AT(&w->cells, struct wide_cell, row->last).next = ci;
    row->last = ci;
    if (!w->min_year || year < w->min_year) w->min_year = year;
    if (year > w->max_year) w->max_year = year;
    return PC_OK;
}

/* ---- output ------------------------------------------------------------ */

static void put_cell(struct wide_writer *w, const char *s, size_t n)
{
    struct pc_ostream *o = w->ctx.out;
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == w->delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (quote) pc_out_write(o, "\"", 1);
    if (w->ctx.excel && pc_csv_is_formula(s, n)) pc_out_write(o, "'", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') pc_out_write(o, "\"", 1);
        pc_out_write(o, s + i, 1);
    }
    if (quote) pc_out_write(o, "\"", 1);
}

static void put_header(struct wide_writer *w)
{
    const struct pc_schema *s = w->ctx.schema;
    struct pc_ostream *o = w->ctx.out;
    for (size_t k = 0; k < w->spec.nkeys; k++) {
        const struct pc_field *f = &s->fields[w->spec.keys[k]];
        const char *name = f->title ? f->title : f->name;
        if (k) pc_out_write(o, &w->delim, 1);
        put_cell(w, name, strlen(name));
    }
    for (int y = w->min_year; w->min_year && y <= w->max_year; y++) {
        char h[32];
        int n = snprintf(h, sizeof h, "%d年度", y);
        if (w->spec.nkeys || y > w->min_year) pc_out_write(o, &w->delim, 1);
        put_cell(w, h, (size_t)n);
    }
    pc_out_str(o, w->eol);
}

/* One year's cell: the row's values for that year joined by newlines. */
static pc_status put_year(struct wide_writer *w, const struct wide_row *r, int year)
{
    struct pc_buf cell = {0};
    for (size_t ci = r->first; ci != SIZE_MAX;) {
        const struct wide_cell *c = &PC_VEC_AT(&w->cells, struct wide_cell, ci);
        if (c->year == year && ((cell.len && pc_buf_append(&cell, "\n", 1)) ||
                                pc_buf_append(&cell, w->text.data + c->off, c->len))) {
            pc_buf_free(&cell);
            return PC_ENOMEM;
        }
        ci = c->next;
    }
    put_cell(w, cell.data ? cell.data : "", cell.len);
    pc_buf_free(&cell);
    return PC_OK;
}

static pc_status wide_finish(struct pc_writer *base)
{
    struct wide_writer *w = (struct wide_writer *)base;
    struct pc_ostream *o = w->ctx.out;
    if (w->ctx.excel) pc_out_write(o, "\xEF\xBB\xBF", 3);
    put_header(w);
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct wide_row *r = &PC_VEC_AT(&w->rows, struct wide_row, i);
        const char *k = w->text.data + r->key_off;
        for (size_t f = 0; f < w->spec.nkeys; f++, k += strlen(k) + 1) {
            if (f) pc_out_write(o, &w->delim, 1);
            put_cell(w, k, strlen(k));
        }
        for (int y = w->min_year; y <= w->max_year; y++) {
            if (w->spec.nkeys || y > w->min_year) pc_out_write(o, &w->delim, 1);
            if (put_year(w, r, y)) return PC_ENOMEM;
        }
        pc_out_str(o, w->eol);
        pc_out_maybe_flush(o);
    }
    return o->status;
}

static void wide_free(struct pc_writer *base)
{
    struct wide_writer *w = (struct wide_writer *)base;
    pc_buf_free(&w->text);
    pc_buf_free(&w->key);
    pc_vec_free(&w->rows);
    pc_vec_free(&w->cells);
    pc_strset_free(&w->row_of_key);
    free(w->warned);
    free(w);
}

static const struct pc_writer_ops wide_ops = {wide_write, wide_finish, wide_free};

pc_status pc_csv_wide_writer_new(const struct pc_write_ctx *ctx, char delim,
                                 struct pc_writer **out)
{
    struct pc_pivot_spec spec;
    pc_status st;
    if (!pc_pivot_spec(ctx->schema, &spec, ctx->sink, &st)) {
        if (st) return st;
        struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
        return pc_report(ctx->sink, &e,
                         "the wide form needs a kind with one (x-pivot in its schema); %s has none",
                         ctx->schema->name);
    }
    struct wide_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->warned = calloc(ctx->schema->nfields, sizeof *w->warned))) {
        free(w);
        return PC_ENOMEM;
    }
    w->base.ops = &wide_ops;
    w->ctx = *ctx;
    w->spec = spec;
    w->delim = delim;
    w->eol = ctx->excel ? "\r\n" : "\n";
    pc_vec_init(&w->rows, sizeof(struct wide_row));
    pc_vec_init(&w->cells, sizeof(struct wide_cell));
    *out = &w->base;
    return PC_OK;
}
