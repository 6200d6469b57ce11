/* Plan outlines as plain text (重点計画の概要 and the like) -> plan-items.
 *
 * Headings build the tree: 第1 (level 1), 第3-1 (level 2 under 第3),
 * 1. / 1 (a number and a space), (1) / （１）, ① and "- " bullets, each
 * one level under the heading above it whose style differs; a style
 * already open closes the headings under it (the usual outline rule).
 * ids join the numbers: 1-1-(2), 3-1-2; bullets, which have no number,
 * are b1, b2 … under their parent; items listed with ／ under a heading
 * become its children 1, 2 …. Text below the deepest level (4) is kept in
 * the description of the heading above it.
 *
 * Repeats: PDF-to-text outlines repeat sections (a summary then the
 * detail, or 第3 …① / 第3 …② over two pages). A heading whose id was
 * given before with the same title is not given again: the items under it
 * attach to the first one; one warning names the repeat (none for the
 * items inside an already reported repeat), and text under a repeated
 * heading is reported as not kept. A heading whose id was given with
 * another title keeps its data under the id suffixed _2, _3 … and is
 * reported. A table of contents (bullets naming 第N headings) is skipped
 * with a warning. The id set grows with the input (one entry per item).
 * The line rules are in text_outline_rules.c; this file is the reader. */
#include "format.h"
#include "text_lines.h"

#include "../core/hashset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the set of ids given ------------------------------------------------ */

/* What an id was given with: its title's fingerprint (a repeat has the
 * same) and its line. */
struct seen_entry {
    uint64_t title;
    unsigned long line;
};

struct seen {
    struct pc_strset ids;  /* value: the index of the id's entry */
    struct pc_vec entries; /* struct seen_entry */
};

static struct seen_entry *seen_find(struct seen *t, const char *id)
{
    uint32_t i;
    if (!pc_strset_get(&t->ids, id, strlen(id), &i)) return NULL;
    return &PC_VEC_AT(&t->entries, struct seen_entry, i);
}

/* Adds an id not given before. */
static pc_status seen_add(struct seen *t, const char *id, uint64_t title, unsigned long line)
{
    if (t->entries.len >= UINT32_MAX) return PC_ENOMEM; /* the set's value has 32 bits */
    uint32_t i = (uint32_t)t->entries.len;
    struct seen_entry *e = pc_vec_push(&t->entries);
    if (!e) return PC_ENOMEM;
    *e = (struct seen_entry){title, line};
    bool seen;
    if (pc_strset_add(&t->ids, id, strlen(id), &i, &seen)) {
        t->entries.len--;
        return PC_ENOMEM;
    }
    return PC_OK;
}

static void seen_free(struct seen *t)
{
    pc_strset_free(&t->ids);
    pc_vec_free(&t->entries);
}

/* ---- reader ------------------------------------------------------------ */

enum label {
    L_ID, L_PLAN, L_LEVEL, L_PARENT, L_NUMBER, L_TITLE, L_DESCRIPTION, L_MINISTRIES,
    L_DEADLINE, L_COUNT
};
static const char *const label_names[L_COUNT] = {"id", "plan", "level", "parent_id", "number",
                                                 "title", "description", "ministries",
                                                 "deadline"};

#define MAX_LEVEL 4
#define ID_MAX 128

struct node {
    enum pc_outline_style style;
    int indent, level;
    char id[ID_MAX];
    long bullets, slashes; /* children without numbers so far */
    bool repeat;           /* given before: not given again */
};

struct outline_reader {
    struct pc_text_reader t; /* first: the line rules get the whole reader */
    struct pc_label labels[L_COUNT];
    bool split_slash; /* the split-slash option: ／ lists become items */
    struct seen seen;
    struct node stack[MAX_LEVEL + 1];
    int depth;
    /* the heading being read (the top of the stack) */
    bool pending;
    unsigned long pending_line;
    struct pc_buf number, title, desc, para, slash, plan, scratch, found, deadline;
    unsigned long para_line;
    bool started, toc;
    long top_bullets;
};

static void warn(struct outline_reader *r, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn(struct outline_reader *r, unsigned long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, PC_(fmt), ap);
    va_end(ap);
    pc_reader_error(r->t.ctx.sink, PC_OK, "warning", line, 0, "%s", msg);
}

/* A ';'-joined list as an array value. */
static pc_status add_list(struct pc_batch *b, enum label l, const char *s, size_t n)
{
    if (n == 0) return PC_OK;
    size_t first = b->items.len;
    for (size_t i = 0; i <= n;) {
        const char *e = memchr(s + i, ';', n - i);
        size_t k = e ? (size_t)(e - s) - i : n - i, off;
        struct pc_value *it = pc_vec_push(&b->items);
        if (!it || pc_batch_text(b, s + i, k, &off)) return PC_ENOMEM;
        *it = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)k, .off = off};
        i += k + 1;
    }
    struct pc_cell *c = pc_vec_push(&b->cells);
    if (!c) return PC_ENOMEM;
    c->label = l;
    c->v = (struct pc_value){.type = PC_T_ARRAY, .len = (uint32_t)(b->items.len - first),
                             .off = first};
    return PC_OK;
}

struct item {
    const char *id, *parent, *number, *title, *desc;
    size_t number_n, title_n, desc_n;
    int level;
    unsigned long line;
};

static pc_status emit(struct outline_reader *r, const struct item *it)
{
    struct pc_batch *b = &r->t.batch;
    struct pc_mark m = pc_batch_mark(b);
    char level[8];
    snprintf(level, sizeof level, "%d", it->level);
    r->found.len = 0;
    pc_status st = pc_outline_ministries(it->title, it->title_n, &r->found);
    if (!st) st = pc_outline_ministries(it->desc, it->desc_n, &r->found);
    if (!pc_outline_deadline(it->title, it->title_n, &r->deadline))
        pc_outline_deadline(it->desc, it->desc_n, &r->deadline);
    if (!st) st = pc_text_add_cell(b, L_ID, it->id, strlen(it->id));
    if (!st) st = pc_text_add_cell(b, L_PLAN, r->plan.data, r->plan.len);
    if (!st) st = pc_text_add_cell(b, L_LEVEL, level, strlen(level));
    if (!st) st = pc_text_add_cell(b, L_PARENT, it->parent, strlen(it->parent));
    if (!st) st = pc_text_add_cell(b, L_NUMBER, it->number, it->number_n);
    if (!st) st = pc_text_add_cell(b, L_TITLE, it->title, it->title_n);
    if (!st) st = pc_text_add_cell(b, L_DESCRIPTION, it->desc, it->desc_n);
    if (!st) st = add_list(b, L_MINISTRIES, r->found.data, r->found.len);
    if (!st) st = pc_text_add_cell(b, L_DEADLINE, r->deadline.data, r->deadline.len);
    struct pc_row *row = st ? NULL : pc_vec_push(&b->rows);
    if (!row) return PC_ENOMEM;
    *row = (struct pc_row){.first_cell = m.cell, .ncells = b->cells.len - m.cell,
                           .line = it->line, .recno = b->rows.len};
    return PC_OK;
}

/* parent-part, cut to ID_MAX - 1 bytes (ids that long are not real). */
static void make_id(char *out, const char *parent, const char *part)
{
    size_t pn = strlen(parent), k = strlen(part), n = 0;
    char tmp[ID_MAX];
    if (pn) {
        n = pn < ID_MAX - 2 ? pn : ID_MAX - 2;
        memcpy(tmp, parent, n);
        tmp[n++] = '-';
    }
    if (k > ID_MAX - 1 - n) k = ID_MAX - 1 - n;
    memcpy(tmp + n, part, k);
    tmp[n + k] = 0;
    memcpy(out, tmp, n + k + 1);
}

static const char *parent_id(const struct outline_reader *r, int at)
{
    return at > 0 ? r->stack[at - 1].id : "";
}

/* Ends the paragraph being read: a ／ list becomes items, other text goes
 * to the description. */
static pc_status end_paragraph(struct outline_reader *r)
{
    if (!r->para.len) return PC_OK;
    pc_status st = PC_OK;
    bool list = r->split_slash && r->depth > 0 &&
                r->stack[r->depth - 1].level < MAX_LEVEL &&
                pc_text_find(r->para.data, r->para.len, "／") < r->para.len;
    if (list) {
        if (r->slash.len) st = pc_buf_append(&r->slash, "／", 3);
        if (!st) st = pc_buf_append(&r->slash, r->para.data, r->para.len);
    } else {
        if (r->desc.len) st = pc_buf_append(&r->desc, "\n", 1);
        if (!st) st = pc_buf_append(&r->desc, r->para.data, r->para.len);
    }
    r->para.len = 0;
    return st;
}

static void node_id_suffix(struct outline_reader *r, char *id)
{
    size_t n = strlen(id);
    for (int k = 2; k < 1000; k++) {
        snprintf(id + n, ID_MAX - n, "_%d", k);
        if (!seen_find(&r->seen, id)) return;
    }
}

/* Checks an id against those given: true when it is a repeat to skip;
 * a clash of titles gets a suffix. `quiet` for items inside a repeat. */
static bool check_repeat(struct outline_reader *r, char *id, const char *title, size_t tn,
                         unsigned long line, bool quiet)
{
    struct seen_entry *e = seen_find(&r->seen, id);
    if (!e) return false;
    if (e->title == pc_hash_bytes(title, tn)) {
        if (!quiet)
            warn(r, line, "item %s repeats the heading at line %lu; it is not given again", id,
                 e->line);
        return true;
    }
    char old[ID_MAX];
    snprintf(old, sizeof old, "%s", id);
    unsigned long first = e->line;
    node_id_suffix(r, id);
    warn(r, line, "item %s has another title than at line %lu; it is given as %s", old, first,
         id);
    return false;
}

static pc_status emit_slash_items(struct outline_reader *r, struct node *parent)
{
    const char *s = r->slash.data;
    size_t n = r->slash.len;
    bool quiet = parent->repeat;
    for (size_t i = 0; i < n;) {
        size_t k = pc_text_find(s + i, n - i, "／");
        const char *t = s + i;
        size_t tn = k;
        i += k + 3;
        pc_text_trim(&t, &tn);
        if (!tn) continue;
        char id[ID_MAX], part[24];
        snprintf(part, sizeof part, "%ld", ++parent->slashes);
        make_id(id, parent->id, part);
        if (check_repeat(r, id, t, tn, r->pending_line, quiet)) continue;
        pc_status st = seen_add(&r->seen, id, pc_hash_bytes(t, tn), r->pending_line);
        struct item it = {.id = id, .parent = parent->id, .title = t, .title_n = tn,
                          .desc = "", .level = parent->level + 1, .line = r->pending_line};
        if (!st) st = emit(r, &it);
        if (st) return st;
    }
    r->slash.len = 0;
    return PC_OK;
}

/* Emits the heading being read, then its ／ items. */
static pc_status finish_heading(struct outline_reader *r)
{
    pc_status st = end_paragraph(r);
    if (st || r->depth == 0) return st;
    struct node *top = &r->stack[r->depth - 1];
    if (top->repeat && r->desc.len)
        warn(r, r->pending_line, "the text under the repeated item %s is not kept", top->id);
    if (r->pending && !top->repeat) {
        struct item it = {.id = top->id, .parent = parent_id(r, r->depth - 1),
                          .number = r->number.data, .number_n = r->number.len,
                          .title = r->title.data, .title_n = r->title.len,
                          .desc = r->desc.data ? r->desc.data : "", .desc_n = r->desc.len,
                          .level = top->level, .line = r->pending_line};
        if ((st = emit(r, &it))) return st;
    }
    if (r->slash.len && (st = emit_slash_items(r, top))) return st;
    r->pending = false;
    r->desc.len = r->title.len = r->number.len = 0;
    return PC_OK;
}

/* Drops ① ② … left at a title's end by page headers (施策①). */
static void strip_page_circle(const char *s, size_t *n)
{
    size_t len;
    long v;
    for (;;) {
        const char *t = s;
        size_t tn = *n;
        pc_text_trim(&t, &tn);
        *n = tn + (size_t)(t - s);
        if (!*n) return;
        size_t i = *n;
        while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
        if (i > 0) i--;
        if (!pc_text_is_circled(pc_utf8_decode(s + i, *n - i, &len), &v) || i == 0) return;
        *n = i;
    }
}

/* Pushes a heading node at stack position `at` with its id part. */
static pc_status open_node(struct outline_reader *r, int at, const struct pc_outline_heading *h,
                           const char *part, const char *number, size_t number_n,
                           const char *title, size_t title_n)
{
    pc_status st = finish_heading(r);
    if (st) return st;
    struct node *nd = &r->stack[at];
    memset(nd, 0, sizeof *nd);
    nd->style = h->style;
    nd->indent = h->indent;
    nd->level = at + 1;
    make_id(nd->id, at > 0 ? r->stack[at - 1].id : "", part);
    r->depth = at + 1;
    unsigned long line = r->t.lines.lineno;
    bool quiet = at > 0 && r->stack[at - 1].repeat;
    nd->repeat = check_repeat(r, nd->id, title, title_n, line, quiet);
    r->pending_line = line;
    if (nd->repeat) return PC_OK;
    if ((st = seen_add(&r->seen, nd->id, pc_hash_bytes(title, title_n), line))) return st;
    r->pending = true;
    if ((st = pc_buf_append(&r->number, number, number_n))) return st;
    return pc_buf_append(&r->title, title, title_n);
}

/* A context such as 第2 in "第2 1. title": re-entered when given, else
 * given with its number as title. */
static pc_status enter_context(struct outline_reader *r, int at, const char *part,
                               const char *number, size_t number_n)
{
    char id[ID_MAX];
    make_id(id, at > 0 ? r->stack[at - 1].id : "", part);
    struct seen_entry *e = seen_find(&r->seen, id);
    if (e) {
        pc_status st = finish_heading(r);
        if (st) return st;
        struct node *nd = &r->stack[at];
        memset(nd, 0, sizeof *nd);
        nd->style = PC_OL_DAI;
        nd->level = at + 1;
        memcpy(nd->id, id, sizeof nd->id);
        nd->repeat = true;
        r->depth = at + 1;
        return PC_OK;
    }
    warn(r, r->t.lines.lineno, "section %.*s has no heading of its own; its number is its title",
         (int)number_n, number);
    struct pc_outline_heading h = {.style = PC_OL_DAI};
    return open_node(r, at, &h, part, number, number_n, number, number_n);
}

static bool same_style(const struct node *nd, const struct pc_outline_heading *h)
{
    return nd->style == h->style && (h->style != PC_OL_BULLET || nd->indent == h->indent);
}

static pc_status heading_line(struct outline_reader *r, const char *s, size_t n,
                              const struct pc_outline_heading *h, bool nested);

static pc_status dai_heading(struct outline_reader *r, const char *s, size_t n,
                             const struct pc_outline_heading *h)
{
    const char *num = s + h->indent;
    size_t num_n = h->title_at - (size_t)h->indent;
    pc_text_trim(&num, &num_n);
    const char *title = s + h->title_at;
    size_t title_n = n - h->title_at;
    strip_page_circle(title, &title_n);
    char part[32];
    snprintf(part, sizeof part, "%ld", h->num);
    struct pc_outline_heading inner;
    bool compound = title_n && pc_outline_heading(title, title_n, &inner) &&
                    inner.style != PC_OL_DAI && inner.style != PC_OL_BULLET;
    pc_status st;
    if (h->sub >= 0) {
        size_t dash = num_n; /* 第3-1: 第3 is the context */
        while (dash > 0 && num[dash - 1] != '-') dash--;
        if ((st = enter_context(r, 0, part, num, dash ? dash - 1 : num_n))) return st;
        snprintf(part, sizeof part, "%ld", h->sub);
        if (compound || !title_n) {
            if ((st = enter_context(r, 1, part, num, num_n))) return st;
        } else {
            return open_node(r, 1, h, part, num, num_n, title, title_n);
        }
    } else if (compound || !title_n) {
        if ((st = enter_context(r, 0, part, num, num_n))) return st;
    } else {
        return open_node(r, 0, h, part, num, num_n, title, title_n);
    }
    return title_n ? heading_line(r, title, title_n, &inner, true) : PC_OK;
}

/* ① A ② B on one line: the items after the first go back as lines. */
static size_t inline_enumeration(const char *s, size_t n, size_t from)
{
    size_t len;
    long v;
    for (size_t i = from; i < n;) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (pc_text_is_space(c)) {
            size_t j = pc_text_skip_spaces(s, n, i);
            if (j < n && pc_text_is_circled(pc_utf8_decode(s + j, n - j, &len), &v)) return i;
            i = j;
            continue;
        }
        i += len;
    }
    return n;
}

static pc_status process_line(struct outline_reader *r, const char *s, size_t n);

static pc_status heading_line(struct outline_reader *r, const char *s, size_t n,
                              const struct pc_outline_heading *h, bool nested)
{
    if (h->style == PC_OL_DAI) return dai_heading(r, s, n, h);
    const char *title = s + h->title_at;
    size_t title_n = n - h->title_at;
    if (h->style == PC_OL_BULLET) { /* "- ① text" is the numbered heading */
        struct pc_outline_heading inner;
        while (title_n && (pc_text_starts_with(title, title_n, "・") || pc_text_starts_with(title, title_n, "▶")))
            title += 3, title_n -= 3, pc_text_trim(&title, &title_n);
        if (pc_outline_heading(title, title_n, &inner) && inner.style != PC_OL_BULLET) {
            if (inner.style == PC_OL_DAI && !nested) {
                r->toc = true;
                warn(r, r->t.lines.lineno, "a table of contents (bullets naming sections) is "
                                         "skipped");
                return PC_OK;
            }
            return heading_line(r, title, title_n, &inner, true);
        }
    }
    if (h->style == PC_OL_CIRCLED) {
        size_t cut = inline_enumeration(s, n, h->title_at);
        if (cut < n) {
            pc_status st = heading_line(r, s, cut, h, nested);
            return st ? st : process_line(r, s + cut, n - cut);
        }
    }
    strip_page_circle(title, &title_n);
    int at = r->depth, open = r->depth;
    if (h->style != PC_OL_BULLET) /* a numbered heading closes the bullets above it */
        while (open > 0 && r->stack[open - 1].style == PC_OL_BULLET) open--;
    at = open;
    for (int i = open - 1; i >= 0; i--)
        if (same_style(&r->stack[i], h)) {
            at = i;
            break;
        }
    if (at >= MAX_LEVEL || !title_n) { /* too deep: text of the heading above */
        pc_status st = end_paragraph(r);
        if (!st) st = pc_text_join_line(&r->para, s + h->indent, n - (size_t)h->indent);
        return st ? st : end_paragraph(r);
    }
    char part[40];
    const char *num = s + h->indent;
    size_t num_n = h->title_at - (size_t)h->indent;
    pc_text_trim(&num, &num_n);
    switch (h->style) {
    case PC_OL_PAREN: snprintf(part, sizeof part, "(%ld)", h->num); break;
    case PC_OL_BULLET:
        snprintf(part, sizeof part, "b%ld", at > 0 ? ++r->stack[at - 1].bullets : 0);
        num_n = 0;
        break;
    default:
        if (h->sub >= 0) snprintf(part, sizeof part, "%ld-%ld", h->num, h->sub);
        else snprintf(part, sizeof part, "%ld", h->num);
    }
    if (h->style == PC_OL_BULLET && at == 0) snprintf(part, sizeof part, "b%ld", ++r->top_bullets);
    return open_node(r, at, h, part, num, num_n, title, title_n);
}

static pc_status preamble(struct outline_reader *r, const char *s, size_t n)
{
    if (r->plan.len == 0 && !r->started) {
        static const char *const tails[] = {"概要資料", "概要", "（概要）", "(概要)"};
        for (size_t k = 0; k < PC_ARRAY_LEN(tails); k++)
            if (pc_text_ends_with(s, n, tails[k]) && n > strlen(tails[k])) {
                n -= strlen(tails[k]);
                pc_text_trim(&s, &n);
                break;
            }
        r->started = true;
        return pc_buf_append(&r->plan, s, n);
    }
    warn(r, r->t.lines.lineno, "text before the first heading is not kept: \"%.*s\"",
         (int)(n > 120 ? 120 : n), s);
    return PC_OK;
}

static pc_status process_line(struct outline_reader *r, const char *s, size_t n)
{
    const char *t = s;
    size_t tn = n;
    pc_text_trim(&t, &tn);
    if (tn == 0) {
        r->toc = false;
        return end_paragraph(r);
    }
    if (pc_text_is_page_mark(t, tn)) return PC_OK;
    struct pc_outline_heading h;
    bool heading = pc_outline_heading(s, n, &h);
    if (r->toc && heading && h.style == PC_OL_BULLET) return PC_OK;
    r->toc = false;
    if (heading) return heading_line(r, s, n, &h, false);
    if (r->depth == 0) return preamble(r, t, tn);
    return pc_text_join_line(&r->para, t, tn);
}

/* Cells of a table row (tab-separated) are lines of their own. */
static pc_status outline_line(void *reader, const char *s, size_t n)
{
    struct outline_reader *r = reader;
    const char *tab;
    while ((tab = memchr(s, '\t', n))) {
        size_t k = (size_t)(tab - s);
        pc_status st = k ? process_line(r, s, k) : PC_OK;
        if (st) return st;
        s += k + 1;
        n -= k + 1;
    }
    return process_line(r, s, n);
}

static pc_status outline_end(void *reader)
{
    struct outline_reader *r = reader;
    return finish_heading(r);
}

static const struct pc_line_rules rules = {outline_line, outline_end};

static void outline_free(struct pc_reader *base)
{
    struct outline_reader *r = (struct outline_reader *)base;
    pc_text_reader_finish(&r->t);
    seen_free(&r->seen);
    struct pc_buf *bufs[] = {&r->number, &r->title, &r->desc,  &r->para,    &r->slash,
                             &r->plan,   &r->scratch, &r->found, &r->deadline};
    for (size_t i = 0; i < PC_ARRAY_LEN(bufs); i++) pc_buf_free(bufs[i]);
    free(r);
}

static const struct pc_reader_ops outline_ops = {pc_text_reader_next, pc_text_reader_labels,
                                              outline_free};

static pc_status outline_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct outline_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    pc_text_reader_start(&r->t, &outline_ops, &rules, r->labels, label_names, L_COUNT, ctx);
    pc_vec_init(&r->seen.entries, sizeof(struct seen_entry));
    *out = &r->t.base; /* freed by the caller, also on failure */
    r->split_slash = true;
    return pc_format_option_bool(ctx->options, "outline-text", "split-slash", ctx->sink,
                                 &r->split_slash);
}

/* 第N headings on lines of their own: an outline. */
static int outline_probe(const char *head, size_t n)
{
    int dai = 0, numbered = 0;
    const char *s;
    size_t len;
    for (size_t i = 0; pc_text_head_line(head, n, &i, &s, &len);) {
        struct pc_outline_heading h;
        if (pc_outline_heading(s, len, &h)) {
            if (h.style == PC_OL_DAI) dai++;
            else if (h.style != PC_OL_BULLET) numbered++;
        }
    }
    return dai >= 2 ? 50 : dai && numbered ? 30 : 0;
}

static const char *const no_extensions[] = {NULL}; /* picked by -f or the probe */

static const char *const outline_keys[] = {"split-slash", NULL};
const struct pc_format pc_format_outline_text = {
    "outline-text", "text/plain", 0, no_extensions, outline_keys, outline_probe,
    outline_reader_new, NULL};
