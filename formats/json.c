/* JSON (an array of records) and JSON Lines (one record per line):
 * read with YAJL's callbacks fed line by line, so memory holds one
 * chunk's records and errors know their line; written directly.
 *
 * Output form: JSON is "[\n" + one record per line joined by ",\n" +
 * "\n]\n" ("[]\n" when empty); JSON Lines is one record and "\n" each.
 * Absent and null values are left out of the objects, except for a table
 * of no kind (-k table), whose objects carry every column, empty ones as
 * null, so that the columns come back whole and in order. */
#include "format.h"
#include "tree.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Where the check of \u escapes is, across pieces of input. YAJL turns a
 * lone surrogate into '?' and a high surrogate followed by anything but a
 * low one into a code point of its own making: invalid JSON text (RFC 8259
 * section 8.2) read as data. So the escapes are checked before YAJL. */
struct escape_scan {
    bool backslash; /* the last byte was an odd backslash */
    int digits;     /* hex digits of a \u escape seen so far, -1 outside one */
    unsigned unit;  /* the UTF-16 unit they give */
    bool want_low;  /* a high surrogate was read: a \u low surrogate must follow */
    unsigned high;  /* that high surrogate */
};

struct json_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    yajl_handle h;
    struct pc_tree tree;
    size_t quiet; /* bytes given to YAJL since it last reported anything */
    bool eof;
    struct escape_scan esc;
};

/* YAJL holds a token cut by the end of a piece until it ends: counting
 * the bytes between events bounds that by --max-field-size. */
static struct pc_tree *heard(void *ctx)
{
    ((struct json_reader *)((char *)ctx - offsetof(struct json_reader, tree)))->quiet = 0;
    return ctx;
}

static int on_null(void *ctx)
{
    return pc_tree_scalar(heard(ctx), PC_T_NULL, "", 0);
}

static int on_boolean(void *ctx, int b)
{
    return pc_tree_scalar(heard(ctx), PC_T_BOOLEAN, b ? "true" : "false", b ? 4 : 5);
}

/* A number with a fraction or exponent that is a whole number (2.0, 1e3)
 * is an integer to JSON Schema and to Frictionless (float.is_integer):
 * it is read as its plain digits, so that an integer field takes it and
 * CSV output holds what a CSV integer field takes. */
static int on_number(void *ctx, const char *s, size_t len)
{
    char plain[32];
    if (len < sizeof plain) {
        memcpy(plain, s, len);
        plain[len] = '\0';
    }
    if (len < sizeof plain && strpbrk(plain, ".eE")) {
        double d = strtod(plain, NULL);
        /* below 2^53 every whole double prints exactly */
        if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(long long)d) {
            int n = snprintf(plain, sizeof plain, "%.0f", d == 0 ? 0.0 : d);
            return pc_tree_scalar(heard(ctx), PC_T_NUMBER, plain, (size_t)n);
        }
    }
    return pc_tree_scalar(heard(ctx), PC_T_NUMBER, s, len);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    return pc_tree_scalar(heard(ctx), PC_T_STRING, (const char *)s, len);
}

static int on_start_map(void *ctx)
{
    return pc_tree_start_object(heard(ctx));
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
    return pc_tree_key(heard(ctx), (const char *)key, len);
}

static int on_end_map(void *ctx)
{
    return pc_tree_end_object(heard(ctx));
}

static int on_start_array(void *ctx)
{
    return pc_tree_start_array(heard(ctx));
}

static int on_end_array(void *ctx)
{
    return pc_tree_end_array(heard(ctx));
}

static const yajl_callbacks callbacks = {
    on_null, on_boolean, NULL, NULL, on_number, on_string,
    on_start_map, on_map_key, on_end_map, on_start_array, on_end_array,
};

static pc_status yajl_failure(struct json_reader *r, const unsigned char *seg, size_t len)
{
    struct pc_tree *t = &r->tree;
    if (t->fatal) return t->fatal;
    size_t col = yajl_get_bytes_consumed(r->h);
    unsigned char *msg = yajl_get_error(r->h, 0, seg, len);
    char text[200];
    size_t n = 0;
    /* YAJL's message ends in a newline; keep the first line only */
    while (msg && msg[n] && msg[n] != '\n' && n < sizeof text - 1) text[n] = (char)msg[n], n++;
    text[n] = '\0';
    if (msg) yajl_free_error(r->h, msg);
    if (!seg)
        return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line,
                                          t->recno + 1, "invalid JSON at the end of the input: %s",
                                          text);
    return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line,
                                      t->recno + 1, "invalid JSON near byte %zu of the line: %s",
                                      col + 1, text);
}

/* Checks one byte inside an escape; false when it breaks a surrogate pair. */
static bool escape_byte(struct escape_scan *e, unsigned char c)
{
    if (e->digits >= 0) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0) { /* not hex: YAJL reports it */
            e->digits = -1;
            return true;
        }
        e->unit = e->unit << 4 | (unsigned)v;
        if (++e->digits < 4) return true;
        e->digits = -1;
        bool low = e->unit >= 0xDC00 && e->unit <= 0xDFFF;
        if (e->want_low != low) return false;
        e->want_low = e->unit >= 0xD800 && e->unit <= 0xDBFF;
        e->high = e->unit;
        return true;
    }
    if (e->backslash) {
        e->backslash = false;
        if (c == 'u') {
            e->digits = 0;
            e->unit = 0;
            return true;
        }
        return !e->want_low;
    }
    if (c == '\\') {
        e->backslash = true;
        return true;
    }
    return !e->want_low;
}

/* Checks the \u escapes of p[0..n) (bytes without a backslash are
 * skipped at memchr speed); false at the first broken surrogate pair. */
static bool escapes_ok(struct escape_scan *e, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        if (!e->backslash && e->digits < 0 && !e->want_low) {
            p = memchr(p, '\\', (size_t)(end - p));
            if (!p) return true;
        }
        if (!escape_byte(e, (unsigned char)*p++)) return false;
    }
    return true;
}

static pc_status broken_escape(struct json_reader *r)
{
    struct pc_tree *t = &r->tree;
    return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "encoding-error", t->line,
                                      t->recno + 1, "a \\u escape gives half of a UTF-16 "
                                      "surrogate pair (U+%04X), which is no character",
                                      r->esc.high && r->esc.want_low ? r->esc.high : r->esc.unit);
}

/* Feeds YAJL line by line, so that every event knows its line. */
static pc_status parse_chunk(void *reader)
{
    struct json_reader *r = reader;
    struct pc_tree *t = &r->tree;
    const char *p;
    size_t n;
    pc_status st = pc_istream_next(r->ctx.in, &p, &n);
    if (st) return st;
    if (n == 0) {
        r->eof = true;
        if (!pc_tree_finish(t)) return t->fatal;
        if (!t->records_at_top && !t->top_seen)
            return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line,
                                              0, "the file is empty; expected a JSON array of "
                                                 "records");
        if (yajl_complete_parse(r->h) != yajl_status_ok) return yajl_failure(r, NULL, 0);
        return PC_OK;
    }
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        if (!escapes_ok(&r->esc, p, len)) return broken_escape(r);
        if (yajl_parse(r->h, (const unsigned char *)p, len) != yajl_status_ok)
            return yajl_failure(r, (const unsigned char *)p, len);
        if ((r->quiet += len) > r->ctx.max_field_size + 2 * PC_CHUNK)
            return t->fatal = pc_reader_too_large(r->ctx.sink, t->line, t->recno + 1,
                                                  r->ctx.max_field_size);
        if (nl) t->line++;
        p += len;
    }
    return PC_OK;
}

static pc_status json_next(struct pc_reader *base, struct pc_record *rec)
{
    struct json_reader *r = (struct json_reader *)base;
    return pc_tree_next(&r->tree, &r->eof, parse_chunk, r, rec);
}

static size_t json_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct json_reader *r = (struct json_reader *)base;
    *labels = r->tree.labels;
    return r->tree.nlabels;
}

static void json_reader_free(struct pc_reader *base)
{
    struct json_reader *r = (struct json_reader *)base;
    yajl_free(r->h);
    pc_tree_free(&r->tree);
    free(r);
}

static const struct pc_reader_ops json_reader_ops = {json_next, json_labels, json_reader_free};

static pc_status reader_new(const struct pc_read_ctx *ctx, bool lines, struct pc_reader **out)
{
    struct json_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    pc_tree_init(&r->tree, ctx->sink, ctx->max_field_size, lines, !lines);
    /* the dialect: rows as arrays or objects (both unless it says which),
     * and the key that holds them */
    const struct pc_dialect *d = ctx->dialect;
    struct pc_tree_layout layout = {.property = d->property[0] ? d->property : NULL,
                                    .arrays = strcmp(d->item_type, "object") != 0,
                                    .objects = strcmp(d->item_type, "array") != 0,
                                    .header = d->header};
    pc_tree_set_layout(&r->tree, &layout);
    r->tree.line = 1;
    r->esc.digits = -1;
    r->h = yajl_alloc(&callbacks, NULL, &r->tree);
    if (!r->h) {
        pc_tree_free(&r->tree);
        free(r);
        return PC_ENOMEM;
    }
    if (lines) yajl_config(r->h, yajl_allow_multiple_values, 1);
    /* the input stream has checked the UTF-8 already (an encoding-error at
     * its byte): YAJL's second check of every string was 20% of JSONL -> CSV */
    yajl_config(r->h, yajl_dont_validate_strings, 1);
    r->base.ops = &json_reader_ops;
    r->ctx = *ctx;
    *out = &r->base;
    return PC_OK;
}

static pc_status json_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    return reader_new(ctx, false, out);
}

static pc_status jsonl_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    return reader_new(ctx, true, out);
}

/* ---- writer ------------------------------------------------------------ */

struct json_writer {
    struct pc_writer base;
    struct pc_write_ctx ctx;
    bool lines;
    unsigned long written; /* top-level values: records, or parents when nested */
    char **keys;           /* "name": per field, escaped once */
    size_t *key_len;       /* their lengths */
    char *parent_key, *child_key; /* nested: "meetings": and "statements": */
    unsigned long children; /* nested: children of the open parent */
    struct pc_group group;
};

/* What each byte becomes inside a JSON string: 0 itself, 'u' a \u00XX
 * escape, else the letter that follows the backslash. */
static const unsigned char json_escape[256] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    ['"'] = '"', ['\\'] = '\\',
};

/* Escapes s[0..n) into the output: room for the worst case (every byte
 * a \u00XX) is reserved once, and runs of plain bytes are copied at once. */
static void escape_piece(struct pc_ostream *o, const char *s, size_t n, bool open, bool close)
{
    static const char hex[] = "0123456789abcdef";
    char *d = pc_out_reserve(o, 2 + 6 * n), *start = d;
    if (!d) return;
    if (open) *d++ = '"';
    size_t run = 0;
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    for (size_t i = 0; i < n; i++) {
        /* 8 bytes at a time while none is below 0x20, '"' or '\\' */
        while (i + 8 <= n) {
            uint64_t x, q, b;
            memcpy(&x, s + i, 8);
            q = x ^ (ones * '"');
            b = x ^ (ones * '\\');
            if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high)
                break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char e = json_escape[(unsigned char)s[i]];
        if (!e) continue;
        memcpy(d, s + run, i - run);
        d += i - run;
        run = i + 1;
        *d++ = '\\';
        if (e == 'u') { /* a control byte without a short escape */
            unsigned char c = (unsigned char)s[i];
            memcpy(d, "u00", 3);
            d[3] = hex[c >> 4];
            d[4] = hex[c & 15];
            d += 5;
        } else {
            *d++ = (char)e;
        }
    }
    memcpy(d, s + run, n - run);
    d += n - run;
    if (close) *d++ = '"';
    pc_out_commit(o, (size_t)(d - start));
}

/* Writes s as a JSON string; a long one in pieces, so that the worst-case
 * reservation stays small (the buffer grows by the string, not 6 times it). */
static void write_string(struct pc_ostream *o, const char *s, size_t n)
{
    enum { PIECE = 64 * 1024 };
    if (n <= PIECE) {
        escape_piece(o, s, n, true, true);
        return;
    }
    for (size_t at = 0; at < n; at += PIECE) {
        size_t k = n - at < PIECE ? n - at : PIECE;
        escape_piece(o, s + at, k, at == 0, at + k == n);
        if (o->status) return;
    }
}

static void write_scalar(struct pc_ostream *o, const struct pc_batch *b, const struct pc_value *v)
{
    const char *s = pc_value_text(b, v);
    switch (v->type) {
    case PC_T_NUMBER:
        /* JSON has no NaN or infinity: they are written as Table Schema spells them */
        if (v->len && (s[v->len - 1] == 'N' || s[v->len - 1] == 'F')) {
            write_string(o, s, v->len);
            break;
        }
        /* fall through */
    case PC_T_INTEGER:
    case PC_T_YEAR:
    case PC_T_BOOLEAN:
    case PC_T_JSON: /* object, array, geojson: JSON text checked when cast */
        pc_out_write(o, s, v->len);
        break;
    case PC_T_NULL:
    case PC_T_ABSENT:
        pc_out_write(o, "null", 4);
        break;
    default:
        write_string(o, pc_value_text(b, v), v->len);
    }
}

/* Writes the "key":value pairs of the fields whose `child` flag is
 * `child` (all fields when the schema does not nest). Returns how many. */
static size_t write_fields(struct json_writer *w, const struct pc_record *rec, bool child)
{
    struct pc_ostream *o = w->ctx.out;
    const struct pc_schema *s = w->ctx.schema;
    size_t n = 0;
    for (size_t i = 0; i < s->nfields; i++) {
        int slot = rec->slot[i];
        if (s->nest.on && s->fields[i].child != child) continue;
        const struct pc_value *v = slot < 0 ? NULL : &pc_record_cell(rec, (size_t)slot)->v;
        if (!v || v->type == PC_T_NULL || v->type == PC_T_ABSENT) {
            if (!w->ctx.every_key) continue;
            if (n++) pc_out_byte(o, ',');
            pc_out_write(o, w->keys[i], w->key_len[i]);
            pc_out_write(o, "null", 4);
            continue;
        }
        if (n++) pc_out_byte(o, ',');
        pc_out_write(o, w->keys[i], w->key_len[i]);
        if (v->type != PC_T_ARRAY) {
            write_scalar(o, rec->batch, v);
            continue;
        }
        pc_out_byte(o, '[');
        for (uint32_t k = 0; k < v->len; k++) {
            if (k) pc_out_byte(o, ',');
            write_scalar(o, rec->batch, pc_value_item(rec->batch, v, k));
        }
        pc_out_byte(o, ']');
    }
    return n;
}

/* Starts a top-level value: the array's opening, or the separator. */
static void begin_value(struct json_writer *w)
{
    if (w->lines) return;
    struct pc_ostream *o = w->ctx.out;
    if (w->written) {
        pc_out_write(o, ",\n", 2);
    } else if (w->parent_key) {
        pc_out_write(o, "{", 1);
        pc_out_str(o, w->parent_key);
        pc_out_write(o, "[\n", 2);
    } else {
        pc_out_write(o, "[\n", 2);
    }
    w->written++;
}

static void close_parent(struct json_writer *w)
{
    pc_out_write(w->ctx.out, w->lines ? "]}\n" : "]}", w->lines ? 3 : 2);
}

/* Nested: consecutive records with the same key share one parent object;
 * only the open parent's key is held, never the parent's records. */
static pc_status write_nested(struct json_writer *w, const struct pc_record *rec)
{
    struct pc_ostream *o = w->ctx.out;
    bool was_open = w->group.open, starts;
    if (pc_group_next(&w->group, w->ctx.schema, rec, &starts)) return PC_ENOMEM;
    if (starts) {
        if (was_open) close_parent(w);
        begin_value(w);
        pc_out_write(o, "{", 1);
        if (write_fields(w, rec, false)) pc_out_write(o, ",", 1);
        pc_out_str(o, w->child_key);
        pc_out_write(o, "[", 1);
        w->children = 0;
    }
    if (w->children++) pc_out_write(o, ",", 1);
    pc_out_write(o, "{", 1);
    write_fields(w, rec, true);
    pc_out_write(o, "}", 1);
    return PC_OK;
}

static pc_status json_write(struct pc_writer *base, const struct pc_record *rec)
{
    struct json_writer *w = (struct json_writer *)base;
    struct pc_ostream *o = w->ctx.out;
    if (w->ctx.schema->nest.on) {
        if (write_nested(w, rec)) return PC_ENOMEM;
    } else {
        begin_value(w);
        pc_out_byte(o, '{');
        write_fields(w, rec, false);
        pc_out_write(o, w->lines ? "}\n" : "}", w->lines ? 2 : 1);
    }
    pc_out_maybe_flush(o);
    return o->status;
}

static pc_status json_finish(struct pc_writer *base)
{
    struct json_writer *w = (struct json_writer *)base;
    struct pc_ostream *o = w->ctx.out;
    if (w->group.open) close_parent(w);
    if (!w->lines && w->written)
        pc_out_str(o, w->parent_key ? "\n]}\n" : "\n]\n");
    else if (!w->lines && w->parent_key) {
        pc_out_write(o, "{", 1);
        pc_out_str(o, w->parent_key);
        pc_out_str(o, "[]}\n");
    } else if (!w->lines)
        pc_out_str(o, "[]\n");
    return o->status;
}

static void json_writer_free(struct pc_writer *base)
{
    struct json_writer *w = (struct json_writer *)base;
    for (size_t i = 0; w->keys && i < w->ctx.schema->nfields; i++) free(w->keys[i]);
    free(w->keys);
    free(w->key_len);
    free(w->parent_key);
    free(w->child_key);
    pc_group_free(&w->group);
    free(w);
}

/* "name": escaped once; caller frees. */
static char *json_key(const char *name)
{
    struct pc_ostream tmp = {0};
    write_string(&tmp, name, strlen(name));
    pc_out_write(&tmp, ":", 1);
    if (tmp.status) {
        pc_buf_free(&tmp.buf);
        return NULL;
    }
    return tmp.buf.data;
}

static const struct pc_writer_ops json_writer_ops = {json_write, json_finish, json_writer_free};

static pc_status writer_new(const struct pc_write_ctx *ctx, bool lines, struct pc_writer **out)
{
    struct json_writer *w = calloc(1, sizeof *w);
    if (!w) return PC_ENOMEM;
    w->base.ops = &json_writer_ops;
    w->ctx = *ctx;
    w->lines = lines;
    const struct pc_schema *s = ctx->schema;
    bool ok = (w->keys = calloc(s->nfields, sizeof *w->keys)) != NULL &&
              (w->key_len = calloc(s->nfields, sizeof *w->key_len)) != NULL;
    for (size_t i = 0; ok && i < s->nfields; i++)
        if ((ok = (w->keys[i] = json_key(s->fields[i].name)))) w->key_len[i] = strlen(w->keys[i]);
    if (ok && s->nest.on)
        ok = (w->child_key = json_key(s->nest.child)) &&
             (lines || (w->parent_key = json_key(s->nest.parent)));
    if (!ok) {
        json_writer_free(&w->base);
        return PC_ENOMEM;
    }
    *out = &w->base;
    return PC_OK;
}

static pc_status json_writer_new(const struct pc_write_ctx *ctx, struct pc_writer **out)
{
    return writer_new(ctx, false, out);
}

static pc_status jsonl_writer_new(const struct pc_write_ctx *ctx, struct pc_writer **out)
{
    return writer_new(ctx, true, out);
}

/* ---- probe ------------------------------------------------------------- */

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    return p;
}

static int json_probe(const char *head, size_t n)
{
    const char *p = skip_space(head, head + n);
    if (p == head + n) return 0;
    return *p == '[' ? 90 : *p == '{' ? 50 : 0;
}

/* JSON Lines: an object that closes at the end of its first line. */
static int jsonl_probe(const char *head, size_t n)
{
    const char *end = head + n, *p = skip_space(head, end);
    if (p == end || *p != '{') return 0;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return 40;
    while (nl > p && (nl[-1] == '\r' || nl[-1] == ' ')) nl--;
    return nl > p && nl[-1] == '}' ? 90 : 40;
}

static const char *const json_ext[] = {"json", NULL};
static const char *const jsonl_ext[] = {"jsonl", "ndjson", NULL};

const struct pc_format pc_format_json = {"json",     "application/json", PC_FORMAT_TREE | PC_FORMAT_TYPED, json_ext, NULL,
                                         json_probe, json_reader_new, json_writer_new};
const struct pc_format pc_format_jsonl = {"jsonl",     "application/jsonl", PC_FORMAT_TREE | PC_FORMAT_TYPED, jsonl_ext, NULL,
                                          jsonl_probe, jsonl_reader_new, jsonl_writer_new};
