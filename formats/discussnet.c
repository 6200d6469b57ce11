/* DiscussNet SSP (kaigiroku.net) minutes JSON: {"tenant_minutes": [{
 * minute_id, title, minute_type, body, ...}]}, one item per block of the
 * minutes (the 名簿 header, then one per statement), each body HTML
 * <pre>…</pre>. The bodies, tags stripped and entities decoded, are the
 * minutes as text: they are read by the minutes-text rules
 * (text_minutes.c), so markers, rosters, notes and times are understood
 * the same way in both. The file is held whole (PC_NDL_MAX_MEETING at
 * most): the minutes-text reader holds a meeting until its end anyway,
 * since the closing time comes last. Line numbers in messages count the
 * lines of the joined bodies. */
#include "ndl.h"
#include "text_lines.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Any minutes whose container holds them as text (pc_minutes_text_wrap). */
struct discussnet {
    struct pc_reader base;
    struct pc_reader *inner; /* minutes-text over `text` */
    struct pc_buf text;
};

static const struct {
    const char *entity, *text;
} entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""},
                {"&#39;", "'"}, {"&nbsp;", " "}};

/* Appends one item's body to out: <pre> and </pre> (any tag) dropped,
 * the five entities decoded, a blank line after it. */
static pc_status append_body(struct pc_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            const char *e = memchr(s + i, '>', n - i);
            if (e) {
                i = (size_t)(e - s) + 1;
                continue;
            }
        }
        if (s[i] == '&') {
            size_t k = 0;
            for (; k < PC_ARRAY_LEN(entities); k++) {
                size_t el = strlen(entities[k].entity);
                if (n - i >= el && memcmp(s + i, entities[k].entity, el) == 0) break;
            }
            if (k < PC_ARRAY_LEN(entities)) {
                if (pc_buf_append(out, entities[k].text, strlen(entities[k].text)))
                    return PC_ENOMEM;
                i += strlen(entities[k].entity);
                continue;
            }
        }
        if (pc_buf_append(out, s + i, 1)) return PC_ENOMEM;
        i++;
    }
    return pc_buf_append(out, "\n\n", 2);
}

/* The whole input into `in` (owned by the caller); too long: a format-error. */
static pc_status slurp(const struct pc_read_ctx *ctx, struct pc_buf *in)
{
    for (;;) {
        const char *p;
        size_t n;
        pc_status st = pc_istream_next(ctx->in, &p, &n);
        if (st) return st;
        if (n == 0) return PC_OK;
        if (in->len + n > PC_NDL_MAX_MEETING)
            return pc_reader_error(ctx->sink, PC_INVALID, "format-error", 0, 0,
                                   "the minutes file is larger than %u MB",
                                   PC_NDL_MAX_MEETING / (1024u * 1024u));
        if (pc_buf_append(in, p, n)) return PC_ENOMEM;
    }
}

/* The bodies of tenant_minutes[] into r->text. */
static pc_status join_bodies(const struct pc_read_ctx *ctx, const struct pc_buf *in,
                             struct pc_buf *text)
{
    json_error_t err;
    json_t *root = json_loadb(in->data ? in->data : "", in->len, 0, &err);
    if (!root)
        return pc_reader_error(ctx->sink, PC_INVALID, "format-error", (unsigned long)err.line, 0,
                               "the DiscussNet minutes are not JSON at column %d",
                               err.column);
    json_t *items = json_object_get(root, "tenant_minutes");
    pc_status st = PC_OK;
    if (!json_is_array(items)) {
        st = pc_reader_error(ctx->sink, PC_INVALID, "format-error", 0, 0,
                             "the DiscussNet minutes have no \"tenant_minutes\" array");
        goto done;
    }
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item) {
        json_t *body = json_object_get(item, "body");
        if (!json_is_string(body)) {
            st = pc_reader_error(ctx->sink, PC_INVALID, "format-error", 0, 0,
                                 "item %zu of the DiscussNet minutes has no \"body\" text",
                                 i + 1);
            goto done;
        }
        if ((st = append_body(text, json_string_value(body), json_string_length(body)))) goto done;
    }
done:
    json_decref(root);
    return st;
}

static pc_status dn_next(struct pc_reader *base, struct pc_record *rec)
{
    struct discussnet *r = (struct discussnet *)base;
    return r->inner->ops->next(r->inner, rec);
}

static size_t dn_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct discussnet *r = (struct discussnet *)base;
    return r->inner->ops->labels(r->inner, labels);
}

static void dn_free(struct pc_reader *base)
{
    struct discussnet *r = (struct discussnet *)base;
    if (r->inner) r->inner->ops->free(r->inner); /* before the text it views */
    pc_buf_free(&r->text);
    free(r);
}

static const struct pc_reader_ops dn_ops = {dn_next, dn_labels, dn_free};

pc_status pc_minutes_text_wrap(const struct pc_read_ctx *ctx, pc_minutes_extract_fn extract,
                               struct pc_reader **out)
{
    struct discussnet *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &dn_ops;
    struct pc_buf in = {0};
    pc_status st = slurp(ctx, &in);
    if (!st) st = extract(ctx, &in, &r->text);
    pc_buf_free(&in);
    if (!st && r->text.len > PC_NDL_MAX_MEETING)
        st = pc_reader_error(ctx->sink, PC_INVALID, "format-error", 0, 0,
                             "the minutes file is larger than %u MB",
                             PC_NDL_MAX_MEETING / (1024u * 1024u));
    if (!st) st = pc_minutes_text_reader_over(ctx, r->text.data ? r->text.data : "", r->text.len,
                                              &r->inner);
    if (st) {
        dn_free(&r->base);
        return st;
    }
    *out = &r->base;
    return PC_OK;
}

static pc_status dn_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    return pc_minutes_text_wrap(ctx, join_bodies, out);
}

/* Its own key at the top: surely DiscussNet. */
static int dn_probe(const char *head, size_t n)
{
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) i++;
    if (i >= n || head[i] != '{') return 0;
    return pc_text_find(head, n, "\"tenant_minutes\"") < n ? 95 : 0;
}

static const char *const dn_ext[] = {NULL}; /* a .json file: found by the probe */
const struct pc_format pc_format_discussnet = {"discussnet", "application/json", 0, dn_ext, NULL,
                                               dn_probe, dn_reader_new, NULL};
