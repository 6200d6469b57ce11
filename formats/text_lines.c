/* Lines and small text rules shared by the minutes and outline readers. */
#include "text_lines.h"

#include "format.h"

#include <string.h>

void pc_lines_init(struct pc_lines *l, struct pc_istream *in, size_t max)
{
    memset(l, 0, sizeof *l);
    l->in = in;
    l->max = max;
}

void pc_lines_free(struct pc_lines *l)
{
    pc_buf_free(&l->line);
}

/* A CR ending a chunk may be half of a CRLF: the LF is skipped when the
 * next chunk starts with it. */
static pc_status refill(struct pc_lines *l)
{
    pc_status st = pc_istream_next(l->in, &l->chunk, &l->n);
    if (st) return st;
    l->pos = 0;
    if (l->n == 0) l->eof = true;
    return PC_OK;
}

pc_status pc_lines_next(struct pc_lines *l, const char **s, size_t *n)
{
    l->line.len = 0;
    bool have = false; /* bytes or a line end seen */
    for (;;) {
        if (l->pos >= l->n) {
            if (l->eof) break;
            pc_status st = refill(l);
            if (st) return st;
            if (l->eof) break;
        }
        const char *p = l->chunk + l->pos, *end = l->chunk + l->n, *q = p;
        while (q < end && *q != '\n' && *q != '\r') q++;
        if (l->line.len + (size_t)(q - p) > l->max) return PC_INVALID;
        if (pc_buf_append(&l->line, p, (size_t)(q - p))) return PC_ENOMEM;
        have = true;
        l->pos += (size_t)(q - p);
        if (q == end) continue;
        l->pos++;
        if (*q == '\r') {
            if (l->pos >= l->n && !l->eof) {
                pc_status st = refill(l);
                if (st) return st;
            }
            if (l->pos < l->n && l->chunk[l->pos] == '\n') l->pos++;
        }
        l->lineno++;
        *s = l->line.data ? l->line.data : "";
        *n = l->line.len;
        return PC_OK;
    }
    if (!have || l->line.len == 0) return PC_END;
    l->lineno++;
    *s = l->line.data;
    *n = l->line.len;
    return PC_OK;
}

bool pc_text_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* The code point that ends at s + n, and its length. */
static uint32_t last_char(const char *s, size_t n, size_t *len)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3) i--;
    if (i > 0) i--;
    return pc_utf8_decode(s + i, n - i, len);
}

void pc_text_trim(const char **s, size_t *n)
{
    size_t len;
    while (*n && pc_text_is_space(pc_utf8_decode(*s, *n, &len))) *s += len, *n -= len;
    while (*n && pc_text_is_space(last_char(*s, *n, &len))) *n -= len;
}

static int kanji_digit(uint32_t c)
{
    static const uint32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
    for (int i = 0; i < 10; i++)
        if (d[i] == c) return i;
    return -1;
}

static size_t kanji_number(const char *s, size_t n, long *value)
{
    size_t i = 0, len;
    long total = 0, cur = -1;
    while (i < n) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        int d = kanji_digit(c);
        if (d >= 0) {
            if (c == 0x3007 && cur < 0 && total == 0) break; /* 〇 alone is a mark */
            cur = (cur < 0 ? 0 : cur * 10) + d;
        } else if (c == 0x5341 || c == 0x767E) { /* 十 百 */
            long unit = c == 0x5341 ? 10 : 100;
            total += (cur < 0 ? 1 : cur) * unit;
            cur = -1;
        } else {
            break;
        }
        i += len;
    }
    if (i == 0) return 0;
    *value = total + (cur < 0 ? 0 : cur);
    return i;
}

size_t pc_text_number(const char *s, size_t n, long *value)
{
    size_t i = 0, len;
    long v = 0;
    while (i < n && v < 100000000) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (c >= '0' && c <= '9') v = v * 10 + (long)(c - '0');
        else if (c >= 0xFF10 && c <= 0xFF19) v = v * 10 + (long)(c - 0xFF10);
        else break;
        i += len;
    }
    if (i) {
        *value = v;
        return i;
    }
    return kanji_number(s, n, value);
}

bool pc_text_ends_sentence(const char *s, size_t n)
{
    static const uint32_t ends[] = {0x3002, 0xFF0E, 0xFF01, 0xFF1F, '!', '?', 0x300D, 0x300F,
                                    0xFF09, ')', 0x3011, 0x3015, 0x2026, 0xFF61, ':', 0xFF1A};
    size_t len;
    if (n == 0) return true;
    uint32_t c = last_char(s, n, &len);
    for (size_t i = 0; i < PC_ARRAY_LEN(ends); i++)
        if (c == ends[i]) return true;
    return false;
}

static bool is_word_ascii(uint32_t c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

pc_status pc_text_join_line(struct pc_buf *para, const char *s, size_t n)
{
    if (para->len) {
        size_t len;
        uint32_t a = last_char(para->data, para->len, &len), b = pc_utf8_decode(s, n, &len);
        const char *sep = pc_text_ends_sentence(para->data, para->len) ? "\n"
                          : is_word_ascii(a) && is_word_ascii(b)        ? " "
                                                                       : "";
        if (pc_buf_append(para, sep, strlen(sep))) return PC_ENOMEM;
    }
    return pc_buf_append(para, s, n);
}

static bool is_dash(uint32_t c)
{
    return c == '-' || c == 0xFF0D || c == 0x2212 || c == 0x2010 || c == 0x2014 ||
           c == 0x2015 || c == 0x2013 || c == 0x30FC;
}

bool pc_text_is_page_mark(const char *s, size_t n)
{
    pc_text_trim(&s, &n);
    size_t len, i = 0;
    int dashes = 0;
    if (i < n && is_dash(pc_utf8_decode(s, n, &len))) dashes++, i += len;
    while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
    long v;
    size_t d = 0;
    while (i + d < n) { /* digits only: kanji numerals are words here */
        uint32_t c = pc_utf8_decode(s + i + d, n - i - d, &len);
        if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
        d += len;
    }
    if (d == 0 || !pc_text_number(s + i, d, &v)) return false;
    i += d;
    while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
    if (i < n && is_dash(pc_utf8_decode(s + i, n - i, &len))) dashes++, i += len;
    return i == n && (dashes == 2 || dashes == 0);
}

pc_status pc_text_append_squeezed(struct pc_buf *out, const char *s, size_t n)
{
    size_t i = 0, len;
    uint32_t prev = 0;
    while (i < n) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (pc_text_is_space(c)) {
            size_t j = i, l2 = len;
            while (j < n && pc_text_is_space(pc_utf8_decode(s + j, n - j, &l2))) j += l2;
            uint32_t next = j < n ? pc_utf8_decode(s + j, n - j, &l2) : 0;
            bool squeeze = prev >= 0x3000 && next >= 0x3000;
            if (!squeeze && pc_buf_append(out, s + i, j - i)) return PC_ENOMEM;
            i = j;
            continue;
        }
        if (pc_buf_append(out, s + i, len)) return PC_ENOMEM;
        prev = c;
        i += len;
    }
    return PC_OK;
}

bool pc_text_parenthesized(const char *s, size_t n, const char **inner, size_t *inner_n)
{
    pc_text_trim(&s, &n);
    size_t len, i = 0;
    if (n == 0) return false;
    uint32_t open = pc_utf8_decode(s, n, &len);
    if (open != '(' && open != 0xFF08) return false;
    size_t first = len;
    int depth = 0;
    for (i = 0; i < n;) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (c == '(' || c == 0xFF08) depth++;
        if (c == ')' || c == 0xFF09) {
            if (--depth == 0 && i + len != n) return false; /* closes before the end */
        }
        i += len;
    }
    size_t last_len;
    uint32_t close = last_char(s, n, &last_len);
    if (depth != 0 || (close != ')' && close != 0xFF09) || n < first + last_len) return false;
    const char *in = s + first;
    size_t in_n = n - first - last_len;
    pc_text_trim(&in, &in_n);
    long v;
    if (in_n == 0 || pc_text_number(in, in_n, &v) == in_n) return false; /* (1), （一） */
    *inner = in;
    *inner_n = in_n;
    return true;
}

pc_status pc_lines_pump(struct pc_lines *l, struct pc_batch *batch, const struct pc_line_rules *rules,
                        void *reader, bool *eof, pc_status *fatal, struct pc_errsink *sink,
                        size_t max_line, struct pc_record *rec)
{
    for (;;) {
        if (pc_batch_take(batch, rec) == PC_OK) return PC_OK;
        if (*fatal) return *fatal;
        if (*eof) return PC_END;
        pc_batch_reset(batch);
        while (!*fatal && batch->rows.len == 0) {
            const char *s;
            size_t n;
            pc_status st = pc_lines_next(l, &s, &n);
            if (st == PC_END) {
                *eof = true;
                *fatal = rules->end(reader);
                break;
            }
            if (st == PC_INVALID)
                return *fatal = pc_reader_too_large(sink, l->lineno + 1, 0, max_line);
            if (st) return *fatal = st;
            *fatal = rules->line(reader, s, n);
        }
    }
}

bool pc_text_starts_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

bool pc_text_ends_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s + n - k, p, k) == 0;
}

size_t pc_text_find(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, p, k) == 0) return i;
    return n;
}

size_t pc_text_skip_spaces(const char *s, size_t n, size_t i)
{
    size_t len;
    while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
    return i;
}

bool pc_text_is_circled(uint32_t c, long *v)
{
    if (c >= 0x2460 && c <= 0x2473) { /* ①-⑳ */
        *v = (long)(c - 0x2460) + 1;
        return true;
    }
    return false;
}

void pc_text_reader_start(struct pc_text_reader *t, const struct pc_reader_ops *ops,
                          const struct pc_line_rules *rules, struct pc_label *labels,
                          const char *const *names, size_t count, const struct pc_read_ctx *ctx)
{
    t->base.ops = ops;
    t->ctx = *ctx;
    t->rules = rules;
    pc_lines_init(&t->lines, ctx->in, ctx->max_field_size);
    pc_batch_init(&t->batch);
    for (size_t i = 0; i < count; i++)
        labels[i] = (struct pc_label){.name = (char *)names[i], .line = 1};
    t->labels = labels;
    t->nlabels = count;
}

pc_status pc_text_reader_next(struct pc_reader *base, struct pc_record *rec)
{
    struct pc_text_reader *t = (struct pc_text_reader *)base;
    return pc_lines_pump(&t->lines, &t->batch, t->rules, t, &t->eof, &t->fatal, t->ctx.sink,
                         t->ctx.max_field_size, rec);
}

size_t pc_text_reader_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct pc_text_reader *t = (struct pc_text_reader *)base;
    *labels = t->labels;
    return t->nlabels;
}

void pc_text_reader_finish(struct pc_text_reader *t)
{
    pc_lines_free(&t->lines);
    pc_batch_free(&t->batch);
}

pc_status pc_text_add_cell(struct pc_batch *b, uint32_t label, const char *s, size_t n)
{
    if (n == 0) return PC_OK;
    struct pc_cell *c = pc_vec_push(&b->cells);
    size_t off;
    if (!c || pc_batch_text(b, s, n, &off)) return PC_ENOMEM;
    c->label = label;
    c->v = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)n, .off = off};
    return PC_OK;
}

bool pc_text_head_line(const char *head, size_t size, size_t *i, const char **s, size_t *n)
{
    if (*i >= size) return false;
    const char *e = memchr(head + *i, '\n', size - *i);
    *n = e ? (size_t)(e - head) - *i : size - *i;
    *s = head + *i;
    *i += *n + 1;
    return true;
}
