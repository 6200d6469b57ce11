/* Casting values to field types and checking single-value constraints. */
#include "types.h"

#include "normalize.h"
#include "../core/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool digits(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int num2(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

bool pc_text_is_integer(const char *s, size_t n)
{
    size_t sign = n && s[0] == '-';
    if (!digits(s + sign, n - sign) || (n - sign > 1 && s[sign] == '0') || n > 20) return false;
    if (n - sign < 19) return true; /* fewer than 19 digits always fit in 64 bits */
    /* 19 digits: compare with the limits as text (same length, no leading 0) */
    return n - sign == 19 &&
           memcmp(s + sign, sign ? "9223372036854775808" : "9223372036854775807", 19) <= 0;
}

/* The JSON number grammar, so that a number from CSV is valid JSON. */
bool pc_text_is_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-') i++;
    size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == start || (s[start] == '0' && i - start > 1)) return false;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == f) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t e = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == e) return false;
    }
    return i == n;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool pc_text_is_date(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2)) return false;
    int y = num2(s) * 100 + num2(s + 2), m = num2(s + 5), d = num2(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool pc_text_is_time(const char *s, size_t n)
{
    if ((n != 5 && n != 8) || s[2] != ':') return false;
    if (!digits(s, 2) || !digits(s + 3, 2) || num2(s) > 23 || num2(s + 3) > 59) return false;
    return n == 5 || (s[5] == ':' && digits(s + 6, 2) && num2(s + 6) <= 59);
}

bool pc_text_is_datetime(const char *s, size_t n)
{
    if (n < 19 || !pc_text_is_date(s, 10) || s[10] != 'T' || !pc_text_is_time(s + 11, 8))
        return false;
    const char *z = s + 19;
    size_t rest = n - 19;
    return rest == 0 || (rest == 1 && *z == 'Z') ||
           (rest == 6 && (*z == '+' || *z == '-') && pc_text_is_time(z + 1, 5));
}

/* One whole sentence per type, so that a translation never splices a
 * type word into another language's sentence. */
static const char *not_type(enum pc_vtype t)
{
    switch (t) {
    case PC_T_INTEGER:
        return N_("\"%s\" is not an integer");
    case PC_T_YEAR:
        return N_("\"%s\" is not a year (an integer)");
    case PC_T_NUMBER:
        return N_("\"%s\" is not a number");
    case PC_T_BOOLEAN:
        return N_("\"%s\" is not true or false");
    case PC_T_DATE:
        return N_("\"%s\" is not a date (YYYY-MM-DD)");
    case PC_T_TIME:
        return N_("\"%s\" is not a time (HH:MM or HH:MM:SS)");
    case PC_T_DATETIME:
        return N_("\"%s\" is not a date and time (YYYY-MM-DDTHH:MM:SS)");
    default:
        return N_("\"%s\" is not text");
    }
}

struct cast_ctx {
    const struct pc_schema *schema;
    struct pc_record *rec;
    struct pc_errsink *sink;
    size_t field;
    unsigned flags; /* PC_CAST_* */
    bool ok;
};

static void cast_error(struct cast_ctx *c, const char *type, const char *cell, size_t cell_len,
                       const char *fmt, const char *detail)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    char cellbuf[256];
    size_t n = cell_len < sizeof cellbuf - 1 ? cell_len : sizeof cellbuf - 1;
    if (cell) memcpy(cellbuf, cell, n);
    cellbuf[cell ? n : 0] = '\0';
    char msg[512];
    snprintf(msg, sizeof msg, PC_(fmt), cellbuf, detail);
    struct pc_error e = {.code = PC_INVALID,
                         .type = type,
                         .line = c->rec->line,
                         .record = c->rec->recno,
                         .field = f->name,
                         .field_number = (int)c->field + 1,
                         .cell = cell ? cellbuf : NULL};
    if (f->title)
        pc_report(c->sink, &e, "%s (%s)", msg, f->title);
    else
        pc_report(c->sink, &e, "%s", msg);
    c->ok = false;
}

/* The value of a number's text: integers of up to 15 digits directly
 * (exact in a double), anything else by strtod. false if too long to read. */
static bool number_value(const char *s, size_t n, double *x)
{
    size_t i = n && s[0] == '-';
    if (n - i >= 1 && n - i <= 15) {
        int64_t v = 0;
        size_t k = i;
        while (k < n && s[k] >= '0' && s[k] <= '9') v = v * 10 + (s[k++] - '0');
        if (k == n) {
            *x = i ? -(double)v : (double)v;
            return true;
        }
    }
    char buf[64];
    if (n >= sizeof buf) return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    *x = strtod(buf, NULL);
    return true;
}

static void check_range(struct cast_ctx *c, const char *s, size_t n)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    if (!f->has_min && !f->has_max) return;
    double x;
    if (!number_value(s, n, &x)) return;
    char lim[64];
    if (f->has_min && x < f->min) {
        snprintf(lim, sizeof lim, "%g", f->min);
        cast_error(c, "constraint-error", s, n, "value %s is less than the minimum %s", lim);
    } else if (f->has_max && x > f->max) {
        snprintf(lim, sizeof lim, "%g", f->max);
        cast_error(c, "constraint-error", s, n, "value %s is more than the maximum %s", lim);
    }
}

static void check_enum(struct cast_ctx *c, const char *s, size_t n)
{
    json_t *en = c->schema->fields[c->field].enum_values;
    if (!en) return;
    for (size_t i = 0; i < json_array_size(en); i++) {
        json_t *e = json_array_get(en, i);
        if (json_is_string(e) && json_string_length(e) == n &&
            memcmp(json_string_value(e), s, n) == 0)
            return;
    }
    char *allowed = json_dumps(en, JSON_COMPACT);
    cast_error(c, "constraint-error", s, n, "\"%s\" is not one of %s", allowed ? allowed : "");
    free(allowed);
}

static void check_length(struct cast_ctx *c, const char *s, size_t n)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    if (f->min_length < 0 && f->max_length < 0) return;
    size_t len = pc_utf8_length(s, n); /* characters as a reader sees them */
    char detail[96];
    if (f->min_length >= 0 && len < (size_t)f->min_length) {
        snprintf(detail, sizeof detail, "%zu character%s, fewer than the minimum length %ld",
                 len, len == 1 ? "" : "s", f->min_length);
        cast_error(c, "constraint-error", s, n, "\"%s\" has %s", detail);
    } else if (f->max_length >= 0 && len > (size_t)f->max_length) {
        snprintf(detail, sizeof detail, "%zu character%s, more than the maximum length %ld",
                 len, len == 1 ? "" : "s", f->max_length);
        cast_error(c, "constraint-error", s, n, "\"%s\" has %s", detail);
    }
}

static void check_pattern(struct cast_ctx *c, const char *s, size_t n)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    if (!f->pattern) return;
    int rc = pcre2_match(f->pattern, (PCRE2_SPTR)s, n, 0, 0, c->schema->match, NULL);
    if (rc >= 0) return;
    const char *pat = json_string_value(json_object_get(f->constraints, "pattern"));
    if (rc == PCRE2_ERROR_NOMATCH)
        cast_error(c, "constraint-error", s, n, "\"%s\" does not match the pattern %s", pat);
    else /* a resource limit or bad UTF-8: say so rather than call it a mismatch */
        cast_error(c, "constraint-error", s, n,
                   "\"%s\" could not be matched against the pattern %s", pat);
}

/* Folds and fixes free text (normalize.c); s and n follow the value. */
static bool normalize_text(struct cast_ctx *c, struct pc_value *v, const char **s, size_t *n)
{
    struct pc_norm_ctx nc = {c->schema, c->rec, c->sink, c->field, c->flags};
    if (!pc_norm_text(&nc, v)) return c->ok = false;
    *s = pc_value_text(c->rec->batch, v);
    *n = v->len;
    return true;
}

/* Casts one scalar value (a cell, or an item of a multi-value cell). */
static void cast_scalar(struct cast_ctx *c, struct pc_value *v)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    if (c->flags & PC_CAST_TYPED) {
        struct pc_norm_ctx nc = {c->schema, c->rec, c->sink, c->field, c->flags};
        if (pc_norm_json_type(&nc, v, false) == PC_NORM_ERROR) {
            c->ok = false;
            return;
        }
    }
    const char *s = pc_value_text(c->rec->batch, v);
    size_t n = v->len;
    bool ok;
    switch (f->type) {
    case PC_T_STRING: ok = v->type == PC_T_STRING; break;
    case PC_T_INTEGER:
    case PC_T_YEAR: ok = v->type != PC_T_BOOLEAN && pc_text_is_integer(s, n); break;
    case PC_T_NUMBER: ok = v->type != PC_T_BOOLEAN && pc_text_is_number(s, n); break;
    case PC_T_BOOLEAN:
        ok = (v->type == PC_T_BOOLEAN || v->type == PC_T_STRING) &&
             ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0));
        break;
    case PC_T_DATE: ok = v->type == PC_T_STRING && pc_text_is_date(s, n); break;
    case PC_T_TIME: ok = v->type == PC_T_STRING && pc_text_is_time(s, n); break;
    case PC_T_DATETIME: ok = v->type == PC_T_STRING && pc_text_is_datetime(s, n); break;
    case PC_T_ANY: return;
    default: ok = false;
    }
    if (f->type == PC_T_STRING && ok && !normalize_text(c, v, &s, &n)) return;
    /* validating JSON or XML, a value is valid as written or not at all: its
     * Japanese forms are read only when converting, as JSON Schema says */
    bool as_written = (c->flags & PC_CAST_TREE) && !(c->flags & PC_CAST_RETYPE);
    if (!ok && v->type == PC_T_STRING && f->type != PC_T_BOOLEAN && !as_written) {
        struct pc_norm_ctx nc = {c->schema, c->rec, c->sink, c->field, c->flags};
        switch (pc_norm_typed(&nc, v)) {
        case PC_NORM_ERROR: c->ok = false; return;
        case PC_NORM_DONE:
            s = pc_value_text(c->rec->batch, v);
            n = v->len;
            ok = true;
            break;
        case PC_NORM_NONE: break;
        }
    }
    if (!ok) {
        bool big = (f->type == PC_T_INTEGER || f->type == PC_T_YEAR) && n > 18 &&
                   pc_text_is_number(s, n) && !memchr(s, '.', n) && !memchr(s, 'e', n);
        const char *beyond = f->type == PC_T_YEAR
                                 ? N_("\"%s\" is a year beyond the 64-bit range")
                                 : N_("\"%s\" is an integer beyond the 64-bit range");
        cast_error(c, "type-error", s, n, big ? beyond : not_type(f->type), "");
        return;
    }
    v->type = f->type;
    if (f->type == PC_T_INTEGER || f->type == PC_T_YEAR || f->type == PC_T_NUMBER)
        check_range(c, s, n);
    if (f->type == PC_T_STRING) {
        check_enum(c, s, n);
        check_length(c, s, n);
        check_pattern(c, s, n);
    }
}

/* Splits a multi-value cell at the separator into items that are views
 * of the cell's text. */
static bool split_cell(struct cast_ctx *c, struct pc_value *v)
{
    struct pc_batch *b = c->rec->batch;
    const char *sep = c->schema->fields[c->field].separator;
    size_t seplen = strlen(sep), first = b->items.len, pos = v->off, end = v->off + v->len;
    while (pos <= end) {
        const char *s = b->text.data + pos;
        const char *hit = memmem(s, end - pos, sep, seplen);
        size_t len = hit ? (size_t)(hit - s) : end - pos;
        struct pc_value *it = pc_vec_push(&b->items);
        if (!it) return false;
        *it = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)len, .off = pos};
        pos += len + seplen;
        if (!hit) break;
    }
    *v = (struct pc_value){.type = PC_T_ARRAY, .len = (uint32_t)(b->items.len - first),
                           .off = first};
    return true;
}

static void cast_items(struct cast_ctx *c, struct pc_value *v)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    for (uint32_t i = 0; i < v->len; i++) {
        struct pc_value *it = pc_value_item(c->rec->batch, v, i);
        const char *s = pc_value_text(c->rec->batch, it);
        if (it->len == 0 || it->type == PC_T_NULL)
            cast_error(c, "constraint-error", s, 0, "an empty item%s is not allowed in a list",
                       "");
        else if (it->type == PC_T_STRING && memmem(s, it->len, f->separator,
                                                   strlen(f->separator)))
            cast_error(c, "constraint-error", s, it->len,
                       "item \"%s\" holds the separator \"%s\", which would split it in CSV",
                       f->separator);
        else
            cast_scalar(c, it);
    }
}

static bool cast_fields(struct cast_ctx *c0, const int *slot)
{
    struct cast_ctx c = *c0;
    const struct pc_schema *s = c.schema;
    struct pc_record *rec = c.rec;
    for (size_t i = 0; i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        c.field = i;
        struct pc_value *v = slot[i] >= 0 ? &pc_record_cell(rec, (size_t)slot[i])->v : NULL;
        if (v && v->type == PC_T_STRING && v->len == 0) v->type = PC_T_NULL;
        if (!v || v->type == PC_T_NULL || (v->type == PC_T_ARRAY && v->len == 0)) {
            if (f->required)
                cast_error(&c, "constraint-error", NULL, 0, "a value is required%s%s", "");
            continue;
        }
        if (f->separator && v->type != PC_T_ARRAY) {
            struct pc_norm_ctx nc = {s, rec, c.sink, i, c.flags};
            if ((c.flags & PC_CAST_TREE) && pc_norm_json_type(&nc, v, true) == PC_NORM_ERROR) {
                c.ok = false;
                continue;
            }
            if (v->type != PC_T_STRING) {
                cast_error(&c, "type-error", pc_value_text(rec->batch, v), v->len,
                           "\"%s\" is not a list of values%s", "");
                continue;
            }
            if (!split_cell(&c, v)) return false;
        }
        if (v->type == PC_T_ARRAY) {
            if (!f->separator)
                cast_error(&c, "type-error", NULL, 0, "a list is not allowed here%s%s", "");
            else
                cast_items(&c, v);
        } else {
            cast_scalar(&c, v);
        }
    }
    return c.ok;
}

bool pc_cast_record(const struct pc_schema *s, struct pc_record *rec, int *slot,
                    struct pc_errsink *sink, const struct pc_cast_opts *o)
{
    struct cast_ctx c = {.schema = s, .rec = rec, .sink = sink, .flags = o->flags,
                         .ok = !rec->invalid};
    pc_status st = PC_OK;
    if (o->scratch && !pc_derive_fields(s, rec, slot, sink, o->flags, o->scratch, &st))
        c.ok = false;
    if (st) {
        struct pc_error e = {.code = st, .type = "source-error", .line = rec->line};
        pc_report(sink, &e, "%s while deriving fields", pc_strerror(st));
        return false;
    }
    return cast_fields(&c, slot);
}
