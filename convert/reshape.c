/* The reshaping reader: wide -> long and fill-down, wrapped around any
 * reader. It holds one input row's output records at a time. */
#include "reshape.h"
#include "labels.h"

#include "../validate/pivot_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one label of the wrapped reader becomes. */
struct column {
    int outer; /* label handed out, or -1 for a year column */
    int year;  /* a year column's fiscal year */
    int fill;  /* index in spec.fill, or -1 */
};

enum { YEAR_LABEL = 0, VALUE_LABEL = 1 }; /* the first outer labels when pivoting */

struct reshape {
    struct pc_reader base;
    struct pc_reader *inner;
    struct pc_errsink *sink;
    const struct pc_schema *schema;
    struct pc_pivot_spec spec;
    bool pivot, fill;
    struct pc_label *labels; /* outer labels; names owned */
    size_t nlabels;
    struct column *cols; /* per inner label */
    size_t ncols;
    int last_year;       /* of the rightmost year column so far; 0: none */
    size_t last_year_col;
    struct pc_batch batch;
    unsigned long recno;
    struct pc_buf above; /* the fill fields of the row above, NUL-terminated each */
    bool have_above;
    bool filling[PC_PIVOT_MAX_KEYS]; /* fill fields the current row takes from above */
};

static pc_status add_label(struct reshape *r, const char *name, unsigned long line,
                           bool container, unsigned long column)
{
    struct pc_label *l = realloc(r->labels, (r->nlabels + 1) * sizeof *l);
    if (!l) return PC_ENOMEM;
    r->labels = l;
    if (!(l[r->nlabels].name = strdup(name))) return PC_ENOMEM;
    l[r->nlabels].line = line;
    l[r->nlabels].container = container;
    l[r->nlabels].column = column;
    r->nlabels++;
    return PC_OK;
}

static int fill_index(const struct reshape *r, const char *name)
{
    int f = pc_schema_field_index(r->schema, name);
    for (size_t k = 0; f >= 0 && k < r->spec.nfill; k++)
        if (r->spec.fill[k] == f) return (int)k;
    return -1;
}

/* A year column must be later than the one to its left. */
static pc_status check_year(struct reshape *r, const struct pc_label *in, size_t i, int year)
{
    const struct pc_label *l = &in[i], *prev = &in[r->last_year_col];
    if (r->last_year && year <= r->last_year) {
        struct pc_error e = {.code = PC_INVALID, .type = "pivot-error", .line = l->line,
                             .field = l->name, .field_number = (int)i + 1};
        if (year == r->last_year)
            return pc_report(r->sink, &e,
                             "column %zu \"%s\" repeats fiscal year %d of column %zu \"%s\"; "
                             "each year may have one column",
                             i + 1, l->name, year, r->last_year_col + 1, prev->name);
        return pc_report(r->sink, &e,
                         "column %zu \"%s\" (fiscal year %d) comes after column %zu \"%s\" "
                         "(fiscal year %d); year columns must go up from left to right",
                         i + 1, l->name, year, r->last_year_col + 1, prev->name, r->last_year);
    }
    r->last_year = year;
    r->last_year_col = i;
    return PC_OK;
}

/* Extends the column map to labels the wrapped reader has added. */
static pc_status sync_labels(struct reshape *r)
{
    const struct pc_label *in;
    size_t n = r->inner->ops->labels(r->inner, &in);
    if (n <= r->ncols) return PC_OK;
    struct column *c = realloc(r->cols, n * sizeof *c);
    if (!c) return PC_ENOMEM;
    r->cols = c;
    for (; r->ncols < n; r->ncols++) {
        size_t i = r->ncols;
        int year;
        c[i].fill = fill_index(r, in[i].name);
        if (r->pivot && !in[i].container && pc_schema_field_index(r->schema, in[i].name) < 0 &&
            pc_pivot_year_header(in[i].name, strlen(in[i].name), &year)) {
            c[i].outer = -1;
            c[i].year = year;
            pc_status st = check_year(r, in, i, year);
            if (st) return st;
            continue;
        }
        c[i].outer = (int)r->nlabels;
        pc_status st = add_label(r, in[i].name, in[i].line, in[i].container, in[i].column);
        if (st) return st;
    }
    return PC_OK;
}

/* ---- cells ------------------------------------------------------------ */

static bool blank(const struct pc_batch *b, const struct pc_value *v)
{
    if (v->type == PC_T_ABSENT || v->type == PC_T_NULL) return true;
    if (v->type == PC_T_ARRAY) return v->len == 0;
    const unsigned char *s = (const unsigned char *)pc_value_text(b, v);
    for (size_t i = 0; i < v->len; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') continue;
        if (i + 2 < v->len && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
            i += 2; /* the ideographic space */
            continue;
        }
        return false;
    }
    return true;
}

static pc_status copy_value(struct reshape *r, const struct pc_batch *from,
                            const struct pc_value *v, struct pc_value *out)
{
    if (v->type != PC_T_ARRAY) {
        *out = *v;
        return pc_batch_text(&r->batch, pc_value_text(from, v), v->len, &out->off);
    }
    /* items first, in a run, then the array pointing at them */
    size_t first = r->batch.items.len;
    for (uint32_t i = 0; i < v->len; i++) {
        const struct pc_value *it = pc_value_item(from, v, i);
        struct pc_value *dst = pc_vec_push(&r->batch.items);
        if (!dst) return PC_ENOMEM;
        *dst = *it;
        if (pc_batch_text(&r->batch, pc_value_text(from, it), it->len, &dst->off))
            return PC_ENOMEM;
    }
    *out = (struct pc_value){.type = PC_T_ARRAY, .len = v->len, .off = first};
    return PC_OK;
}

static pc_status push_cell(struct reshape *r, uint32_t label, const struct pc_batch *from,
                           const struct pc_value *v)
{
    struct pc_value copy;
    pc_status st = copy_value(r, from, v, &copy);
    struct pc_cell *c = st ? NULL : pc_vec_push(&r->batch.cells);
    if (!c) return PC_ENOMEM;
    c->label = label;
    c->v = copy;
    return PC_OK;
}

static pc_status push_text(struct reshape *r, uint32_t label, const char *s, size_t n)
{
    struct pc_cell *c = pc_vec_push(&r->batch.cells);
    if (!c) return PC_ENOMEM;
    c->label = label;
    c->v = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)n};
    return pc_batch_text(&r->batch, s, n, &c->v.off);
}

/* ---- fill-down ----------------------------------------------------------- */

/* The text of fill field k in `above` (NUL-separated, in spec.fill order). */
static const char *above_text(const struct reshape *r, size_t k)
{
    const char *p = r->above.data;
    while (k--) p += strlen(p) + 1;
    return p;
}

static pc_status remember_row(struct reshape *r, const struct pc_value *const *fills,
                              const struct pc_batch *b)
{
    r->above.len = 0;
    for (size_t k = 0; k < r->spec.nfill; k++) {
        const struct pc_value *v = fills[k];
        /* an array (JSON) is written as its first item only: fill-down is for sheets */
        if (v && v->type == PC_T_ARRAY) v = v->len ? pc_value_item(b, v, 0) : NULL;
        if (v && !blank(b, v) && pc_buf_append(&r->above, pc_value_text(b, v), v->len))
            return PC_ENOMEM;
        if (pc_buf_append(&r->above, "", 1)) return PC_ENOMEM;
    }
    r->have_above = true;
    return PC_OK;
}

static void warn_fill(struct reshape *r, const struct pc_record *rec)
{
    char names[256] = "", values[512] = "";
    size_t nn = 0, nv = 0, count = 0;
    for (size_t k = 0; k < r->spec.nfill; k++) {
        if (!r->filling[k]) continue;
        const char *name = r->schema->fields[r->spec.fill[k]].name;
        nn += (size_t)snprintf(names + nn, nn < sizeof names ? sizeof names - nn : 0, "%s%s",
                               count ? ", " : "", name);
        nv += (size_t)snprintf(values + nv, nv < sizeof values ? sizeof values - nv : 0,
                               "%s\"%s\"", count ? ", " : "", above_text(r, k));
        count++;
        if (nn >= sizeof names) nn = sizeof names - 1;
        if (nv >= sizeof values) nv = sizeof values - 1;
    }
    struct pc_error e = {.code = PC_OK,
                         .severity = PC_SEV_WARNING,
                         .hint = PC_HINT_NO_FILL_DOWN,
                         .type = "fill-down",
                         .line = rec->line,
                         .record = rec->recno};
    pc_report(r->sink, &e,
              "%s %s empty: taken from the row above (%s), as cells merged in the sheet", names,
              count == 1 ? "is" : "are", values);
}

/* Whether a filled fill cell says the same as the row above. */
static bool same_as_above(const struct reshape *r, size_t k, const struct pc_batch *b,
                          const struct pc_value *v)
{
    const char *t = above_text(r, k);
    if (v->type == PC_T_ARRAY) return false;
    return strlen(t) == v->len && memcmp(t, pc_value_text(b, v), v->len) == 0;
}

/* Decides which fill fields the row takes from the row above: its empty
 * ones, when it has some, has something else, and its filled ones agree
 * with the row above (a merged block, not a new row with a missing id). */
static pc_status fill_decide(struct reshape *r, const struct pc_record *rec, bool *fill)
{
    const struct pc_value *fills[PC_PIVOT_MAX_KEYS] = {0};
    bool any = false, some_blank = false, agree = true, all_blank = true;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *c = pc_record_cell(rec, i);
        int k = c->label < r->ncols ? r->cols[c->label].fill : -1;
        if (k >= 0)
            fills[k] = &c->v;
        else
            any = any || !blank(rec->batch, &c->v);
    }
    for (size_t k = 0; k < r->spec.nfill; k++) {
        bool b = !fills[k] || blank(rec->batch, fills[k]);
        r->filling[k] = b;
        some_blank = some_blank || b;
        all_blank = all_blank && b;
        if (!b && r->have_above) agree = agree && same_as_above(r, k, rec->batch, fills[k]);
    }
    *fill = r->fill && r->have_above && some_blank && agree && any;
    if (*fill) {
        warn_fill(r, rec);
        return PC_OK;
    }
    if (!r->fill || (all_blank && !any)) return PC_OK; /* an empty row changes nothing */
    return remember_row(r, fills, rec->batch);
}

/* ---- records --------------------------------------------------------------- */

static void begin_row(struct reshape *r, struct pc_mark *m)
{
    *m = pc_batch_mark(&r->batch);
}

static pc_status end_row(struct reshape *r, const struct pc_mark *m, const struct pc_record *rec)
{
    struct pc_row *row = pc_vec_push(&r->batch.rows);
    if (!row) return PC_ENOMEM;
    row->first_cell = m->cell;
    row->ncells = r->batch.cells.len - m->cell;
    row->line = rec->line;
    row->recno = ++r->recno;
    row->invalid = rec->invalid;
    return PC_OK;
}

/* The cells that every record of the row carries (all but year columns),
 * with the filled-down ones from the row above. */
static pc_status push_carried(struct reshape *r, const struct pc_record *rec, bool fill)
{
    bool filled[PC_PIVOT_MAX_KEYS] = {0};
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *c = pc_record_cell(rec, i);
        const struct column *col = &r->cols[c->label];
        if (col->outer < 0) continue;
        pc_status st;
        if (fill && col->fill >= 0 && r->filling[col->fill]) {
            const char *t = above_text(r, (size_t)col->fill);
            st = push_text(r, (uint32_t)col->outer, t, strlen(t));
            filled[col->fill] = true;
        } else {
            st = push_cell(r, (uint32_t)col->outer, rec->batch, &c->v);
        }
        if (st) return st;
    }
    /* a fill field the record has no cell for (a key left out) */
    for (size_t k = 0; fill && k < r->spec.nfill; k++) {
        if (filled[k] || !r->filling[k]) continue;
        for (size_t i = 0; i < r->ncols; i++)
            if (r->cols[i].fill == (int)k && r->cols[i].outer >= 0) {
                const char *t = above_text(r, k);
                pc_status st = push_text(r, (uint32_t)r->cols[i].outer, t, strlen(t));
                if (st) return st;
                break;
            }
    }
    return PC_OK;
}

/* Cells past the header's columns belong to no field: each is an
 * extra-cell, as the pipeline says for a table that is not reshaped, and
 * is left out. False if there was any. */
static bool check_extra_cells(struct reshape *r, const struct pc_record *rec)
{
    bool none = true;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *c = pc_record_cell(rec, i);
        if (c->label < r->ncols) continue;
        none = false;
        pc_labels_extra_cell(r->sink, rec, &c->v, c->label, (unsigned long)c->label + 1, r->ncols);
    }
    return none;
}

static pc_status reshape_row(struct reshape *r, const struct pc_record *rec)
{
    if (!check_extra_cells(r, rec)) return PC_OK; /* the row gives no record */
    bool fill = false;
    pc_status st = fill_decide(r, rec, &fill);
    if (st) return st;
    struct pc_mark m;
    if (!r->pivot) {
        begin_row(r, &m);
        if ((st = push_carried(r, rec, fill))) return st;
        return end_row(r, &m, rec);
    }
    bool any_year = false, any_other = false;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *c = pc_record_cell(rec, i);
        if (blank(rec->batch, &c->v)) continue;
        if (r->cols[c->label].outer >= 0) {
            any_other = true;
            continue;
        }
        any_year = true;
        char year[16];
        int n = snprintf(year, sizeof year, "%d", r->cols[c->label].year);
        begin_row(r, &m);
        if ((st = push_text(r, YEAR_LABEL, year, (size_t)n)) ||
            (st = push_cell(r, VALUE_LABEL, rec->batch, &c->v)) ||
            (st = push_carried(r, rec, fill)) || (st = end_row(r, &m, rec)))
            return st;
    }
    if (!any_year && any_other) {
        struct pc_error e = {.code = PC_OK,
                             .severity = PC_SEV_WARNING,
                             .type = "pivot-empty-row",
                             .line = rec->line,
                             .record = rec->recno};
        pc_report(r->sink, &e, "the row has no value in any year column, so it gives no record");
    }
    return PC_OK;
}

static pc_status reshape_next(struct pc_reader *base, struct pc_record *rec)
{
    struct reshape *r = (struct reshape *)base;
    for (;;) {
        if (pc_batch_take(&r->batch, rec) == PC_OK) return PC_OK;
        pc_batch_reset(&r->batch);
        struct pc_record in;
        pc_status st = r->inner->ops->next(r->inner, &in);
        if (st) return st;
        if ((st = sync_labels(r)) || (st = reshape_row(r, &in))) return st;
    }
}

static size_t reshape_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct reshape *r = (struct reshape *)base;
    *labels = r->labels;
    return r->nlabels;
}

static void reshape_free(struct pc_reader *base)
{
    struct reshape *r = (struct reshape *)base;
    r->inner->ops->free(r->inner);
    for (size_t i = 0; i < r->nlabels; i++) free(r->labels[i].name);
    free(r->labels);
    free(r->cols);
    pc_batch_free(&r->batch);
    pc_buf_free(&r->above);
    free(r);
}

static const struct pc_reader_ops reshape_ops = {reshape_next, reshape_labels, reshape_free};

/* Two or more year headers, and none for the year or value field. */
static bool wide(const struct pc_schema *s, const struct pc_pivot_spec *spec,
                 const struct pc_label *l, size_t n)
{
    size_t years = 0;
    for (size_t i = 0; i < n; i++) {
        int f = pc_schema_field_index(s, l[i].name), year;
        if (f == spec->year || f == spec->value) return false;
        if (f < 0 && pc_pivot_year_header(l[i].name, strlen(l[i].name), &year)) years++;
    }
    return years >= 2;
}

const char *const pc_reshape_option_keys[] = {"pivot", "fill-down", NULL};

/* fill-down: < 0 when pivoting (the default), 0 never, > 0 always. */
static pc_status fill_down_option(const char *const *options, struct pc_errsink *sink, int *out)
{
    const char *v = pc_format_option(options, "reshape", "fill-down");
    *out = !v ? -1 : strcmp(v, "always") == 0 ? 1 : strcmp(v, "never") == 0 ? 0 : -2;
    if (*out > -2) return PC_OK;
    struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
    return pc_report(sink, &e, "the option reshape:fill-down takes always or never, not \"%s\"", v);
}

pc_status pc_reshape_reader(const struct pc_schema *s, const char *const *options,
                            struct pc_errsink *sink, const struct pc_record *current,
                            struct pc_reader **reader)
{
    bool may_pivot = true;
    int fill_down;
    pc_status st = pc_format_option_bool(options, "reshape", "pivot", sink, &may_pivot);
    if (st || (st = fill_down_option(options, sink, &fill_down))) return st;
    struct pc_pivot_spec spec;
    if (!pc_pivot_spec(s, &spec, sink, &st)) return st;
    const struct pc_label *l;
    size_t n = (*reader)->ops->labels(*reader, &l);
    bool pivot = may_pivot && wide(s, &spec, l, n);
    bool fill = spec.nfill > 0 && (fill_down > 0 || (fill_down < 0 && pivot));
    if (!pivot && !fill) return PC_OK;
    struct reshape *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    *r = (struct reshape){.base.ops = &reshape_ops, .inner = *reader, .sink = sink, .schema = s,
                          .spec = spec, .pivot = pivot, .fill = fill};
    pc_batch_init(&r->batch);
    *reader = &r->base; /* owns the wrapped reader from here, even on failure */
    /* a long row's year and value come from a different column each */
    if (pivot && ((st = add_label(r, s->fields[spec.year].name, 0, false, 0)) ||
                  (st = add_label(r, s->fields[spec.value].name, 0, false, 0))))
        return st;
    if ((st = sync_labels(r))) return st;
    return current ? reshape_row(r, current) : PC_OK;
}
