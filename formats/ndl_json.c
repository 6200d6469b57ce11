/* The NDL minutes API's JSON packing (recordPacking=json, and the old
 * API's XML converted to JSON): YAJL's callbacks fed line by line, like
 * formats/json.c, turned into the builder's events (ndl.h). Arrays are
 * transparent: each object in "speechRecord": [...] opens a speechRecord. */
#include "ndl.h"

#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Deeper than any API answer (the old API's is 7 levels). */
#define NDL_JSON_MAX_DEPTH 16

struct ndl_json {
    struct pc_reader base;
    struct pc_ndl b;
    yajl_handle h;
    /* per open container: an array (its key names its objects) or an object */
    bool is_array[NDL_JSON_MAX_DEPTH];
    char *array_key[NDL_JSON_MAX_DEPTH];
    int depth;
    struct pc_buf key; /* the object's key waiting for its value */
    unsigned long line;
    size_t quiet; /* bytes given to YAJL since it last reported anything */
    bool eof, any;
};

static struct ndl_json *heard(void *ctx)
{
    struct ndl_json *r = ctx;
    r->quiet = 0;
    r->any = true;
    return r;
}

/* The name the next value or container gets: its key, or its array's. */
static const char *name_of(struct ndl_json *r, size_t *n)
{
    if (r->depth && r->is_array[r->depth - 1]) {
        const char *k = r->array_key[r->depth - 1];
        *n = k ? strlen(k) : 0;
        return k;
    }
    *n = r->key.len;
    return r->depth ? (r->key.data ? r->key.data : "") : NULL;
}

static int push(struct ndl_json *r, bool array)
{
    if (r->depth == NDL_JSON_MAX_DEPTH)
        return pc_ndl_fail(&r->b, r->line, PC_HINT_NONE, "the JSON is nested deeper than %d levels",
                           NDL_JSON_MAX_DEPTH);
    size_t n;
    const char *name = name_of(r, &n);
    r->is_array[r->depth] = array;
    r->array_key[r->depth] = NULL;
    if (array && name && !(r->array_key[r->depth] = pc_strndup(name, n)))
        return r->b.fatal = PC_ENOMEM, 0;
    r->depth++;
    return 1;
}

static int scalar(void *ctx, const char *s, size_t len, bool null)
{
    struct ndl_json *r = heard(ctx);
    size_t n;
    const char *name = name_of(r, &n);
    if (r->depth && r->is_array[r->depth - 1]) name = NULL; /* a list of scalars */
    return pc_ndl_value(&r->b, name, n, s, len, null, r->line);
}

static int on_null(void *ctx)
{
    return scalar(ctx, "", 0, true);
}

static int on_boolean(void *ctx, int v)
{
    return scalar(ctx, v ? "true" : "false", v ? 4 : 5, false);
}

static int on_number(void *ctx, const char *s, size_t len)
{
    return scalar(ctx, s, len, false);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    return scalar(ctx, (const char *)s, len, false);
}

static int on_start_map(void *ctx)
{
    struct ndl_json *r = heard(ctx);
    size_t n;
    const char *name = name_of(r, &n);
    return pc_ndl_open(&r->b, name, n, r->line) && push(r, false);
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
    struct ndl_json *r = heard(ctx);
    r->key.len = 0;
    return pc_buf_append(&r->key, key, len) ? (r->b.fatal = PC_ENOMEM, 0) : 1;
}

static int on_end_map(void *ctx)
{
    struct ndl_json *r = heard(ctx);
    r->depth--;
    return pc_ndl_close(&r->b, r->line);
}

static int on_start_array(void *ctx)
{
    return push(heard(ctx), true);
}

static int on_end_array(void *ctx)
{
    struct ndl_json *r = heard(ctx);
    r->depth--;
    free(r->array_key[r->depth]);
    r->array_key[r->depth] = NULL;
    return 1;
}

static const yajl_callbacks callbacks = {
    on_null,      on_boolean, NULL,       NULL,           on_number,    on_string,
    on_start_map, on_map_key, on_end_map, on_start_array, on_end_array,
};

static pc_status yajl_failure(struct ndl_json *r, const unsigned char *seg, size_t len)
{
    if (r->b.fatal) return r->b.fatal;
    unsigned char *msg = yajl_get_error(r->h, 0, seg, len);
    char text[200];
    size_t n = 0;
    while (msg && msg[n] && msg[n] != '\n' && n < sizeof text - 1)
        text[n] = (char)msg[n], n++;
    text[n] = '\0';
    if (msg) yajl_free_error(r->h, msg);
    pc_ndl_fail(&r->b, r->line, PC_HINT_NONE, "invalid JSON: %s", text);
    return r->b.fatal;
}

static pc_status parse_chunk(struct ndl_json *r)
{
    const char *p;
    size_t n;
    pc_status st = pc_istream_next(r->b.ctx.in, &p, &n);
    if (st) return st;
    if (n == 0) {
        r->eof = true;
        if (!r->any) {
            pc_ndl_fail(&r->b, r->line, PC_HINT_NONE,
                        "the file is empty; expected the NDL API's JSON answer");
            return r->b.fatal;
        }
        if (yajl_complete_parse(r->h) != yajl_status_ok) return yajl_failure(r, NULL, 0);
        return pc_ndl_end(&r->b, r->line);
    }
    for (const char *end = p + n; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        if (yajl_parse(r->h, (const unsigned char *)p, len) != yajl_status_ok)
            return yajl_failure(r, (const unsigned char *)p, len);
        /* a token cut by the end of a piece is held by YAJL until it ends */
        if ((r->quiet += len) > r->b.ctx.max_field_size + 2 * PC_CHUNK) {
            pc_ndl_too_large(&r->b, r->line);
            return r->b.fatal;
        }
        if (nl) r->line++;
        p += len;
    }
    return PC_OK;
}

static pc_status ndl_json_next(struct pc_reader *base, struct pc_record *rec)
{
    struct ndl_json *r = (struct ndl_json *)base;
    for (;;) {
        if (r->b.fatal) return r->b.fatal;
        pc_status st = pc_ndl_take(&r->b, rec);
        if (st != PC_END || r->eof) return st;
        if ((st = parse_chunk(r))) return r->b.fatal ? r->b.fatal : st;
    }
}

static size_t ndl_json_labels(struct pc_reader *base, const struct pc_label **labels)
{
    (void)base;
    return pc_ndl_labels(labels);
}

static void ndl_json_free(struct pc_reader *base)
{
    struct ndl_json *r = (struct ndl_json *)base;
    if (r->h) yajl_free(r->h);
    for (int i = 0; i < r->depth; i++)
        free(r->array_key[i]);
    pc_buf_free(&r->key);
    pc_ndl_free(&r->b);
    free(r);
}

static const struct pc_reader_ops ndl_json_ops = {ndl_json_next, ndl_json_labels, ndl_json_free};

pc_status pc_ndl_json_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct ndl_json *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &ndl_json_ops;
    pc_ndl_init(&r->b, ctx);
    r->line = 1;
    if (!(r->h = yajl_alloc(&callbacks, NULL, r))) {
        ndl_json_free(&r->base);
        return PC_ENOMEM;
    }
    *out = &r->base;
    return PC_OK;
}
