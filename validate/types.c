/* Casting values to field types and checking single-value constraints. */
#include "types.h"

#include "normalize.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One whole sentence per type, so that a translation never splices a
 * type word into another language's sentence. */
static const char *not_type(const struct pc_field *f)
{
    switch (f->type) {
    case PC_T_INTEGER: return N_("\"%s\" is not an integer");
    case PC_T_YEAR: return N_("\"%s\" is not a year (an integer)");
    case PC_T_NUMBER: return N_("\"%s\" is not a number");
    case PC_T_BOOLEAN:
        return f->true_values || f->false_values ? N_("\"%s\" is none of the field's true and false values")
                                                 : N_("\"%s\" is not true or false");
    case PC_T_DATE:
        return f->format == PC_F_PATTERN ? N_("\"%s\" is not a date in the format %s")
               : f->format == PC_F_ANY   ? N_("\"%s\" is not a date")
                                         : N_("\"%s\" is not a date (YYYY-MM-DD)");
    case PC_T_TIME:
        return f->format == PC_F_PATTERN ? N_("\"%s\" is not a time in the format %s")
               : f->format == PC_F_ANY   ? N_("\"%s\" is not a time")
                                         : N_("\"%s\" is not a time (HH:MM:SS)");
    case PC_T_DATETIME:
        return f->format == PC_F_PATTERN ? N_("\"%s\" is not a date and time in the format %s")
               : f->format == PC_F_ANY   ? N_("\"%s\" is not a date and time")
                                         : N_("\"%s\" is not a date and time (YYYY-MM-DDTHH:MM:SS)");
    case PC_T_YEARMONTH: return N_("\"%s\" is not a year and month (YYYY-MM)");
    case PC_T_DURATION: return N_("\"%s\" is not an ISO 8601 duration (such as P1Y2M3DT4H)");
    case PC_T_GEOPOINT:
        return f->format == PC_F_GEO_ARRAY    ? N_("\"%s\" is not a point as [longitude, latitude]")
               : f->format == PC_F_GEO_OBJECT ? N_("\"%s\" is not a point as {\"lon\": .., \"lat\": ..}")
                                              : N_("\"%s\" is not a point as \"longitude, latitude\"");
    case PC_T_GEOJSON:
        return f->format == PC_F_TOPOJSON ? N_("\"%s\" is not a TopoJSON object")
                                          : N_("\"%s\" is not a GeoJSON object");
    case PC_T_OBJECT: return N_("\"%s\" is not a JSON object");
    case PC_T_JSON_ARRAY: return N_("\"%s\" is not a JSON array");
    default: break;
    }
    switch (f->format) {
    case PC_F_EMAIL: return N_("\"%s\" is not an email address");
    case PC_F_URI: return N_("\"%s\" is not a URI");
    case PC_F_UUID: return N_("\"%s\" is not a UUID");
    case PC_F_BINARY: return N_("\"%s\" is not base64-encoded binary data");
    case PC_F_WKT: return N_("\"%s\" is not a geometry in well-known text");
    default: return N_("\"%s\" is not text");
    }
}

struct cast_ctx {
    const struct pc_schema *schema;
    struct pc_record *rec;
    struct pc_errsink *sink;
    size_t field;
    const struct pc_field *f; /* the field, or its arrayItem */
    unsigned flags; /* PC_CAST_* */
    bool ok;
    const char *note; /* Frictionless's note for the next error (the constraint), or NULL */
};

/* The cell as shown in messages: NUL-terminated, cut at a character. */
static void cell_text(char *out, size_t size, const char *cell, size_t cell_len)
{
    size_t n = cell_len < size - 1 ? cell_len : pc_utf8_cut(cell, size - 1);
    if (cell) memcpy(out, cell, n);
    out[cell ? n : 0] = '\0';
}

/* Reports `msg` (translated already) about the cell. */
static void report_cell(struct cast_ctx *c, const char *type, const char *cellbuf, const char *msg)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    struct pc_error e = {.code = PC_INVALID,
                         .type = type,
                         .line = c->rec->line,
                         .record = c->rec->recno,
                         .field = f->name,
                         .field_number = (int)c->field + 1,
                         .cell = cellbuf,
                         .note = c->note};
    c->note = NULL;
    if (f->title)
        pc_report(c->sink, &e, "%s (%s)", msg, f->title);
    else
        pc_report(c->sink, &e, "%s", msg);
    c->ok = false;
}

static void cast_error(struct cast_ctx *c, const char *type, const char *cell, size_t cell_len,
                       const char *fmt, const char *detail)
{
    char cellbuf[256], msg[512];
    cell_text(cellbuf, sizeof cellbuf, cell, cell_len);
    if (snprintf(msg, sizeof msg, PC_(fmt), cellbuf, detail) >= (int)sizeof msg)
        msg[pc_utf8_cut(msg, sizeof msg - 1)] = '\0'; /* on a character boundary: else no text */
    report_cell(c, type, cell ? cellbuf : NULL, msg);
}

bool pc_cast_text(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                  struct pc_cast_out *o)
{
    o->text = s;
    o->len = n;
    o->key = NULL;
    o->why = NULL;
    switch (f->type) {
    case PC_T_STRING: return src == PC_SRC_TEXT && pc_cast_string_format(f, s, n, o);
    case PC_T_INTEGER:
    case PC_T_YEAR: return pc_cast_integer(f, s, n, src, o);
    case PC_T_NUMBER: return pc_cast_number(f, s, n, src, o);
    case PC_T_BOOLEAN: return pc_cast_boolean(f, s, n, src, o);
    case PC_T_DATE:
    case PC_T_TIME:
    case PC_T_DATETIME:
    case PC_T_YEARMONTH:
    case PC_T_DURATION: return src == PC_SRC_TEXT && pc_cast_temporal(f, s, n, o);
    case PC_T_GEOPOINT: return src == PC_SRC_TEXT && pc_cast_geopoint(f, s, n, o);
    case PC_T_OBJECT:
    case PC_T_JSON_ARRAY:
    case PC_T_GEOJSON: return src == PC_SRC_TEXT && pc_cast_json(f, s, n, o);
    default: return true;
    }
}

static bool numeric(enum pc_vtype t)
{
    return t == PC_T_INTEGER || t == PC_T_NUMBER || t == PC_T_YEAR;
}

/* < 0, 0, > 0 as the value is below, at or above the bound. */
static int compare_bound(const struct pc_field *f, const struct pc_cast_out *o,
                         const struct pc_bound *b)
{
    if (numeric(f->type)) return o->num < b->num ? -1 : o->num > b->num;
    const char *k = o->key ? o->key : o->text;
    size_t kn = o->key ? o->keylen : o->len, bn = strlen(b->text);
    int r = memcmp(k, b->text, kn < bn ? kn : bn);
    return r ? r : (kn > bn) - (kn < bn);
}

static void check_range(struct cast_ctx *c, const struct pc_cast_out *o, const char *s, size_t n)
{
    const struct pc_field *f = c->f;
    if (f->lo.on) {
        int r = compare_bound(f, o, &f->lo);
        if (r < 0 || (r == 0 && f->lo.exclusive)) {
            cast_error(c, "constraint-error", s, n,
                       f->lo.exclusive ? N_("value %s is not more than the exclusive minimum %s")
                                       : N_("value %s is less than the minimum %s"),
                       f->lo.text);
            return;
        }
    }
    if (f->hi.on) {
        int r = compare_bound(f, o, &f->hi);
        if (r > 0 || (r == 0 && f->hi.exclusive))
            cast_error(c, "constraint-error", s, n,
                       f->hi.exclusive ? N_("value %s is not less than the exclusive maximum %s")
                                       : N_("value %s is more than the maximum %s"),
                       f->hi.text);
    }
}

static void check_enum(struct cast_ctx *c, const struct pc_cast_out *o, const char *s, size_t n)
{
    const struct pc_field *f = c->f;
    json_t *en = f->enum_cast;
    if (!en) return;
    const char *k = o->key ? o->key : o->text;
    size_t kn = o->key ? o->keylen : o->len;
    for (size_t i = 0; i < json_array_size(en); i++) {
        json_t *e = json_array_get(en, i);
        if (numeric(f->type) ? strtod(json_string_value(e), NULL) == o->num
                             : json_string_length(e) == kn &&
                                   memcmp(json_string_value(e), k, kn) == 0)
            return;
    }
    char *allowed = json_dumps(f->enum_values, JSON_COMPACT);
    cast_error(c, "constraint-error", s, n, N_("\"%s\" is not one of %s"), allowed ? allowed : "");
    free(allowed);
}

/* Characters of a string, members of a JSON array or object. */
static void check_length(struct cast_ctx *c, const char *s, size_t n)
{
    const struct pc_field *f = c->f;
    if ((f->min_length < 0 && f->max_length < 0) || f->list) return; /* a list's: cast_fields */
    size_t len;
    bool chars = f->type == PC_T_STRING;
    if (chars) {
        len = pc_utf8_length(s, n); /* characters as a reader sees them */
    } else {
        json_t *j = json_loadb(s, n, JSON_DECODE_ANY, NULL);
        len = json_is_array(j) ? json_array_size(j) : json_object_size(j);
        json_decref(j);
    }
    const char *fmt;
    long limit;
    if (f->min_length >= 0 && len < (size_t)f->min_length) {
        limit = f->min_length;
        fmt = chars ? dngettext("planconv",
                                "\"%s\" has %zu character, fewer than the minimum length %ld",
                                "\"%s\" has %zu characters, fewer than the minimum length %ld", len)
                    : dngettext("planconv", "\"%s\" has %zu item, fewer than the minimum length %ld",
                                "\"%s\" has %zu items, fewer than the minimum length %ld", len);
    } else if (f->max_length >= 0 && len > (size_t)f->max_length) {
        limit = f->max_length;
        fmt = chars ? dngettext("planconv",
                                "\"%s\" has %zu character, more than the maximum length %ld",
                                "\"%s\" has %zu characters, more than the maximum length %ld", len)
                    : dngettext("planconv", "\"%s\" has %zu item, more than the maximum length %ld",
                                "\"%s\" has %zu items, more than the maximum length %ld", len);
    } else {
        return;
    }
    char cellbuf[256], msg[512];
    cell_text(cellbuf, sizeof cellbuf, s, n);
    snprintf(msg, sizeof msg, fmt, cellbuf, len, limit);
    report_cell(c, "constraint-error", cellbuf, msg);
}

static void check_pattern(struct cast_ctx *c, const char *s, size_t n)
{
    const struct pc_field *f = c->f;
    if (!f->pattern) return;
    int rc = pcre2_match(f->pattern, (PCRE2_SPTR)s, n, 0, 0, c->schema->match, NULL);
    if (rc >= 0) return;
    const char *pat = json_string_value(json_object_get(f->constraints, "pattern"));
    if (rc == PCRE2_ERROR_NOMATCH)
        cast_error(c, "constraint-error", s, n, N_("\"%s\" does not match the pattern %s"), pat);
    else /* a resource limit or bad UTF-8: say so rather than call it a mismatch */
        cast_error(c, "constraint-error", s, n,
                   N_("\"%s\" could not be matched against the pattern %s"), pat);
}

static void check_constraints(struct cast_ctx *c, const struct pc_cast_out *o, const char *s,
                              size_t n)
{
    check_enum(c, o, s, n);
    check_range(c, o, s, n);
    check_length(c, s, n);
    check_pattern(c, s, n);
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

static enum pc_cast_src source_of(const struct pc_value *v)
{
    return v->type == PC_T_NUMBER ? PC_SRC_NUMBER
           : v->type == PC_T_BOOLEAN ? PC_SRC_BOOLEAN
                                     : PC_SRC_TEXT;
}

/* arrayItem: each item of a JSON array cast to the item field, whose
 * constraints it must meet; the first failing item is reported. */
static void cast_array_items(struct cast_ctx *c, const char *s, size_t n)
{
    const struct pc_field *item = c->f->item;
    json_t *j = json_loadb(s, n, JSON_DECODE_ANY, NULL);
    struct cast_ctx ic = *c;
    ic.f = item;
    for (size_t i = 0; i < json_array_size(j) && ic.ok; i++) {
        json_t *e = json_array_get(j, i);
        char *dump = json_is_string(e) ? NULL : json_dumps(e, JSON_ENCODE_ANY | JSON_COMPACT);
        const char *t = dump ? dump : json_string_value(e);
        size_t tn = dump ? strlen(dump) : json_string_length(e);
        enum pc_cast_src src = json_is_number(e)    ? PC_SRC_NUMBER
                               : json_is_boolean(e) ? PC_SRC_BOOLEAN
                                                    : PC_SRC_TEXT;
        struct pc_cast_out o;
        if (!t || json_is_null(e))
            ; /* a null item is no value to cast */
        else if (!pc_cast_text(item, t, tn, src, &o))
            cast_error(&ic, "type-error", t, tn, not_type(item), item->format_pattern);
        else
            check_constraints(&ic, &o, t, tn);
        free(dump);
    }
    json_decref(j);
    c->ok = ic.ok;
}

/* The value's canonical text replaces what the reader found. */
static bool set_text(struct cast_ctx *c, struct pc_value *v, const struct pc_cast_out *o)
{
    if (o->text == pc_value_text(c->rec->batch, v) && o->len == v->len) return true;
    if (pc_value_set_text(c->rec->batch, v, o->text, o->len)) {
        cast_error(c, "source-error", NULL, 0, N_("out of memory while casting a value%s%s"), "");
        return false;
    }
    return true;
}

/* Casts one scalar value (a cell, or an item of a multi-value cell). */
static void cast_scalar(struct cast_ctx *c, struct pc_value *v)
{
    const struct pc_field *f = c->f;
    /* a JSON value of the field's own (not an array item's) */
    if ((c->flags & PC_CAST_TYPED) && f == &c->schema->fields[c->field]) {
        struct pc_norm_ctx nc = {c->schema, c->rec, c->sink, c->field, c->flags};
        if (pc_norm_json_type(&nc, v, false) == PC_NORM_ERROR) {
            c->ok = false;
            return;
        }
    }
    const char *s = pc_value_text(c->rec->batch, v);
    size_t n = v->len;
    if (f->type == PC_T_ANY) { /* kept as read, but that --fix asks for on any table */
        struct pc_norm_ctx nc = {c->schema, c->rec, c->sink, c->field, c->flags};
        if (v->type == PC_T_STRING && !pc_norm_fix(&nc, v)) c->ok = false;
        return;
    }
    struct pc_cast_out o;
    o.why = NULL; /* a value of no castable kind is not cast at all (its buffer stays unset) */
    bool ok = (v->type == PC_T_STRING || v->type == PC_T_NUMBER || v->type == PC_T_BOOLEAN) &&
              pc_cast_text(f, s, n, source_of(v), &o);
    if (f->type == PC_T_STRING && ok) {
        if (!normalize_text(c, v, &s, &n)) return;
        o.text = s; /* the folded or fixed text is the value now */
        o.len = n;
    }
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
            ok = pc_cast_text(f, s, n, PC_SRC_TEXT, &o);
            break;
        case PC_NORM_NONE: break;
        }
    }
    if (!ok) {
        if (o.why) {
            cast_error(c, "type-error", s, n, o.why, "");
        } else {
            cast_error(c, "type-error", s, n, not_type(f), f->format_pattern);
        }
        return;
    }
    if (!set_text(c, v, &o)) return;
    s = pc_value_text(c->rec->batch, v);
    n = v->len;
    v->type = f->type == PC_T_OBJECT || f->type == PC_T_JSON_ARRAY || f->type == PC_T_GEOJSON
                  ? PC_T_JSON
                  : f->type;
    if (f->item) cast_array_items(c, s, n);
    check_constraints(c, &o, s, n);
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

/* A v2 list's minLength and maxLength count its items. */
static void check_list_length(struct cast_ctx *c, const struct pc_value *v)
{
    const struct pc_field *f = c->f;
    const char *fmt;
    long limit;
    if (f->min_length >= 0 && v->len < (size_t)f->min_length) {
        limit = f->min_length;
        fmt = dngettext("planconv", "the list has %u item, fewer than the minimum length %ld",
                        "the list has %u items, fewer than the minimum length %ld", v->len);
    } else if (f->max_length >= 0 && v->len > (size_t)f->max_length) {
        limit = f->max_length;
        fmt = dngettext("planconv", "the list has %u item, more than the maximum length %ld",
                        "the list has %u items, more than the maximum length %ld", v->len);
    } else {
        return;
    }
    char msg[256];
    snprintf(msg, sizeof msg, fmt, (unsigned)v->len, limit);
    report_cell(c, "constraint-error", "", msg);
}

/* An array read from JSON or XML, for an array field: its JSON text. */
static bool array_as_json(struct cast_ctx *c, struct pc_value *v)
{
    const struct pc_batch *b = c->rec->batch;
    json_t *a = json_array();
    for (uint32_t i = 0; a && i < v->len; i++) {
        const struct pc_value *it = pc_value_item(b, v, i);
        const char *t = pc_value_text(b, it);
        json_t *j = it->type == PC_T_NULL      ? json_null()
                    : it->type == PC_T_STRING  ? json_stringn(t, it->len)
                                               : json_loadb(t, it->len, JSON_DECODE_ANY, NULL);
        if (!j || json_array_append_new(a, j)) {
            json_decref(a);
            a = NULL;
        }
    }
    char *text = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    size_t off;
    bool ok = text && !pc_batch_text(c->rec->batch, text, strlen(text), &off);
    if (ok) *v = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)strlen(text), .off = off};
    else cast_error(c, "source-error", NULL, 0, N_("out of memory while casting a value%s%s"), "");
    free(text);
    return ok;
}

static bool cast_fields(struct cast_ctx *c0, const int *slot)
{
    struct cast_ctx c = *c0;
    const struct pc_schema *s = c.schema;
    struct pc_record *rec = c.rec;
    for (size_t i = 0; i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        c.field = i;
        c.f = f;
        struct pc_value *v = slot[i] >= 0 ? &pc_record_cell(rec, (size_t)slot[i])->v : NULL;
        if (v && v->type == PC_T_STRING &&
            pc_field_is_missing(f, pc_value_text(rec->batch, v), v->len))
            v->type = PC_T_NULL;
        if (!v || v->type == PC_T_NULL || (v->type == PC_T_ARRAY && v->len == 0)) {
            if (f->required) {
                c.note = "constraint \"required\" is \"True\"";
                cast_error(&c, "constraint-error", NULL, 0, "a value is required%s%s", "");
            }
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
        if (v->type == PC_T_ARRAY && f->type == PC_T_JSON_ARRAY && !array_as_json(&c, v))
            return false;
        if (v->type == PC_T_ARRAY) {
            if (!f->separator)
                cast_error(&c, "type-error", NULL, 0, "a list is not allowed here%s%s", "");
            else
                cast_items(&c, v);
            if (f->list) check_list_length(&c, v);
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
    if (o->scratch && !pc_derive_fields(s, rec, slot, sink, o->flags, o->scratch, o->cache, &st))
        c.ok = false;
    if (st) {
        struct pc_error e = {.code = st, .type = "source-error", .line = rec->line};
        pc_report(sink, &e, "%s while deriving fields", pc_strerror(st));
        return false;
    }
    return cast_fields(&c, slot);
}
