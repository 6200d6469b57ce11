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
 * with a warning. The id set grows with the input (one entry per item). */
#include "format.h"
#include "text_lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rules ------------------------------------------------------------- */

static bool starts_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

static bool ends_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s + n - k, p, k) == 0;
}

static bool is_circled(uint32_t c, long *v)
{
    if (c >= 0x2460 && c <= 0x2473) { /* ①-⑳ */
        *v = (long)(c - 0x2460) + 1;
        return true;
    }
    return false;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    size_t len;
    while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
    return i;
}

static bool is_dash(uint32_t c)
{
    return c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2212;
}

/* "-M" after a number: 第3-1, ③-1. */
static size_t sub_number(const char *s, size_t n, long *sub)
{
    size_t len;
    *sub = -1;
    if (n == 0 || !is_dash(pc_utf8_decode(s, n, &len))) return 0;
    size_t d = pc_text_number(s + len, n - len, sub);
    if (!d) {
        *sub = -1;
        return 0;
    }
    return len + d;
}

static bool ends_clause(const char *s, size_t n)
{
    return ends_with(s, n, "。") || ends_with(s, n, "、") || ends_with(s, n, "，");
}

static bool heading_dai(const char *s, size_t n, struct pc_outline_heading *h)
{
    if (!starts_with(s, n, "第")) return false;
    size_t i = 3, d = pc_text_number(s + i, n - i, &h->num);
    if (!d) return false;
    i += d;
    i += sub_number(s + i, n - i, &h->sub);
    size_t len;
    if (i < n && !pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) return false; /* 第1条 */
    h->style = PC_OL_DAI;
    h->title_at = skip_spaces(s, n, i);
    return true;
}

static bool heading_numbered(const char *s, size_t n, struct pc_outline_heading *h)
{
    size_t len, i = 0;
    uint32_t c = pc_utf8_decode(s, n, &len);
    h->sub = -1;
    if (is_circled(c, &h->num)) {
        h->style = PC_OL_CIRCLED;
        i = len;
        i += sub_number(s + i, n - i, &h->sub);
    } else if (c == '(' || c == 0xFF08) {
        size_t d = pc_text_number(s + len, n - len, &h->num);
        if (!d || len + d >= n) return false;
        c = pc_utf8_decode(s + len + d, n - len - d, &i);
        if (c != ')' && c != 0xFF09) return false;
        h->style = PC_OL_PAREN;
        i += len + d;
    } else {
        size_t d = pc_text_number(s, n, &h->num);
        if (!d || d >= n || (c >= 0x3000 && !(c >= 0xFF10 && c <= 0xFF19)))
            return false; /* kanji numerals start words (一体化) */
        c = pc_utf8_decode(s + d, n - d, &len);
        if (c == '.' || c == 0xFF0E) {
            i = d + len;
            if (i < n && s[i] >= '0' && s[i] <= '9') return false; /* 1.5 */
        } else if (pc_text_is_space(c)) {
            i = d;
        } else {
            return false; /* 4次元, 2025年 */
        }
        h->style = PC_OL_DOT;
    }
    h->title_at = skip_spaces(s, n, i);
    return h->title_at < n && !ends_clause(s, n);
}

static bool heading_bullet(const char *s, size_t n, struct pc_outline_heading *h)
{
    static const char *const marks[] = {"- ", "-\t", "● ", "●", "■ ", "■", "◆ ", "◆"};
    for (size_t k = 0; k < PC_ARRAY_LEN(marks); k++)
        if (starts_with(s, n, marks[k]) && n > strlen(marks[k])) {
            h->style = PC_OL_BULLET;
            h->num = h->sub = -1;
            h->title_at = skip_spaces(s, n, strlen(marks[k]));
            return true;
        }
    return false;
}

bool pc_outline_heading(const char *s, size_t n, struct pc_outline_heading *h)
{
    memset(h, 0, sizeof *h);
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    h->indent = (int)i;
    const char *t = s + i;
    size_t tn = n - i, len;
    pc_text_trim(&t, &tn);
    if (tn && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i = (size_t)(t - s);
    bool ok = heading_dai(t, tn, h) || heading_numbered(t, tn, h) || heading_bullet(t, tn, h);
    if (ok) h->title_at += (size_t)(t - s);
    return ok;
}

static size_t digits4(const char *s, size_t n)
{
    size_t i = 0, len, count = 0;
    while (i < n && count < 5) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
        i += len;
        count++;
    }
    return count == 4 ? i : 0;
}

/* （令和7年度） after a year: an era gloss, skipped. */
static size_t era_gloss(const char *s, size_t n)
{
    size_t len;
    if (!n) return 0;
    uint32_t c = pc_utf8_decode(s, n, &len);
    if (c != '(' && c != 0xFF08) return 0;
    for (size_t i = len; i < n && i < 40;) {
        c = pc_utf8_decode(s + i, n - i, &len);
        i += len;
        if (c == ')' || c == 0xFF09) return i;
    }
    return 0;
}

/* One deadline candidate at s (a 4-digit year): its length in the text,
 * the canonical spelling in out; 0 when it is no deadline. */
static size_t deadline_at(const char *s, size_t n, struct pc_buf *out)
{
    static const char *const quals[] = {"上半期", "下半期", "上期", "下期", "年央", "初め",
                                        "初頭", "前半", "後半", "中", "末", "春", "夏", "秋",
                                        "冬"};
    static const char *const cues[] = {"まで", "を目途", "を目処", "めど", "を目指"};
    size_t y = digits4(s, n);
    if (!y || !starts_with(s + y, n - y, "年")) return 0;
    out->len = 0;
    size_t i = y + 3;
    if (starts_with(s + i, n - i, "度")) i += 3;
    if (pc_buf_append(out, s, i)) return 0;
    i += era_gloss(s + i, n - i);
    long m;
    size_t d = pc_text_number(s + i, n - i, &m);
    if (d && starts_with(s + i + d, n - i - d, "月")) {
        if (pc_buf_append(out, s + i, d + 3)) return 0;
        i += d + 3;
    }
    bool ok = false;
    for (size_t k = 0; k < PC_ARRAY_LEN(quals) && !ok; k++)
        if (starts_with(s + i, n - i, quals[k])) {
            if (pc_buf_append(out, quals[k], strlen(quals[k]))) return 0;
            i += strlen(quals[k]);
            ok = true;
        }
    if (starts_with(s + i, n - i, "以降") || starts_with(s + i, n - i, "から")) return 0;
    for (size_t k = 0; k < PC_ARRAY_LEN(cues) && !ok; k++)
        if (starts_with(s + i, n - i, cues[k])) ok = true;
    return ok ? i : 0;
}

bool pc_outline_deadline(const char *s, size_t n, struct pc_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
        if (deadline_at(s + i, n - i, out)) return true;
    }
    out->len = 0;
    return false;
}

static const char *const ministries[] = {
    "デジタル庁", "内閣官房", "内閣府", "内閣法制局", "宮内庁", "公正取引委員会",
    "国家公安委員会", "警察庁", "個人情報保護委員会", "カジノ管理委員会", "金融庁",
    "消費者庁", "こども家庭庁", "復興庁", "総務省", "消防庁", "法務省", "出入国在留管理庁",
    "公安調査庁", "外務省", "財務省", "国税庁", "文部科学省", "文化庁", "スポーツ庁",
    "厚生労働省", "農林水産省", "林野庁", "水産庁", "経済産業省", "資源エネルギー庁",
    "特許庁", "中小企業庁", "国土交通省", "観光庁", "気象庁", "海上保安庁", "環境省",
    "原子力規制委員会", "防衛省", "防衛装備庁", "会計検査院", "人事院",
};

static size_t find_in(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, p, k) == 0) return i;
    return n;
}

pc_status pc_outline_ministries(const char *s, size_t n, struct pc_buf *found)
{
    /* in order of first mention */
    size_t pos[PC_ARRAY_LEN(ministries)];
    for (size_t k = 0; k < PC_ARRAY_LEN(ministries); k++) pos[k] = find_in(s, n, ministries[k]);
    for (;;) {
        size_t best = PC_ARRAY_LEN(ministries);
        for (size_t k = 0; k < PC_ARRAY_LEN(ministries); k++)
            if (pos[k] < n && (best == PC_ARRAY_LEN(ministries) || pos[k] < pos[best])) best = k;
        if (best == PC_ARRAY_LEN(ministries)) return PC_OK;
        pos[best] = n;
        const char *name = ministries[best];
        size_t k = strlen(name);
        bool dup = false;
        for (size_t i = 0; i + k <= found->len && !dup; i++)
            dup = memcmp(found->data + i, name, k) == 0 && (i == 0 || found->data[i - 1] == ';') &&
                  (i + k == found->len || found->data[i + k] == ';');
        if (dup) continue;
        if (found->len && pc_buf_append(found, ";", 1)) return PC_ENOMEM;
        if (pc_buf_append(found, name, k)) return PC_ENOMEM;
    }
}

/* ---- the set of ids given ------------------------------------------------ */

struct seen_entry {
    char *id;
    uint64_t title;
    unsigned long line;
};

struct seen {
    struct seen_entry *slots;
    size_t cap, count;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static struct seen_entry *seen_find(struct seen *t, const char *id)
{
    if (!t->cap) return NULL;
    for (size_t i = hash(id, strlen(id)) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (!t->slots[i].id) return NULL;
        if (strcmp(t->slots[i].id, id) == 0) return &t->slots[i];
    }
}

static pc_status seen_add(struct seen *t, const char *id, uint64_t title, unsigned long line)
{
    if (2 * (t->count + 1) > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        struct seen_entry *slots = calloc(cap, sizeof *slots);
        if (!slots) return PC_ENOMEM;
        for (size_t k = 0; k < t->cap; k++) {
            if (!t->slots[k].id) continue;
            size_t i = hash(t->slots[k].id, strlen(t->slots[k].id)) & (cap - 1);
            while (slots[i].id) i = (i + 1) & (cap - 1);
            slots[i] = t->slots[k];
        }
        free(t->slots);
        t->slots = slots;
        t->cap = cap;
    }
    size_t i = hash(id, strlen(id)) & (t->cap - 1);
    while (t->slots[i].id) i = (i + 1) & (t->cap - 1);
    if (!(t->slots[i].id = strdup(id))) return PC_ENOMEM;
    t->slots[i].title = title;
    t->slots[i].line = line;
    t->count++;
    return PC_OK;
}

static void seen_free(struct seen *t)
{
    for (size_t i = 0; i < t->cap; i++) free(t->slots[i].id);
    free(t->slots);
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
    struct pc_reader base;
    struct pc_read_ctx ctx;
    struct pc_lines lines;
    struct pc_batch batch;
    struct pc_label labels[L_COUNT];
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
    bool eof;
    pc_status fatal;
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
    pc_reader_error(r->ctx.sink, PC_OK, "warning", line, 0, "%s", msg);
}

static pc_status add_cell(struct pc_batch *b, enum label l, const char *s, size_t n)
{
    if (n == 0) return PC_OK;
    struct pc_cell *c = pc_vec_push(&b->cells);
    size_t off;
    if (!c || pc_batch_text(b, s, n, &off)) return PC_ENOMEM;
    c->label = l;
    c->v = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)n, .off = off};
    return PC_OK;
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
    struct pc_batch *b = &r->batch;
    struct pc_mark m = pc_batch_mark(b);
    char level[8];
    snprintf(level, sizeof level, "%d", it->level);
    r->found.len = 0;
    pc_status st = pc_outline_ministries(it->title, it->title_n, &r->found);
    if (!st) st = pc_outline_ministries(it->desc, it->desc_n, &r->found);
    if (!pc_outline_deadline(it->title, it->title_n, &r->deadline))
        pc_outline_deadline(it->desc, it->desc_n, &r->deadline);
    if (!st) st = add_cell(b, L_ID, it->id, strlen(it->id));
    if (!st) st = add_cell(b, L_PLAN, r->plan.data, r->plan.len);
    if (!st) st = add_cell(b, L_LEVEL, level, strlen(level));
    if (!st) st = add_cell(b, L_PARENT, it->parent, strlen(it->parent));
    if (!st) st = add_cell(b, L_NUMBER, it->number, it->number_n);
    if (!st) st = add_cell(b, L_TITLE, it->title, it->title_n);
    if (!st) st = add_cell(b, L_DESCRIPTION, it->desc, it->desc_n);
    if (!st) st = add_list(b, L_MINISTRIES, r->found.data, r->found.len);
    if (!st) st = add_cell(b, L_DEADLINE, r->deadline.data, r->deadline.len);
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
    bool list = !r->ctx.no_split_slash && r->depth > 0 &&
                r->stack[r->depth - 1].level < MAX_LEVEL &&
                find_in(r->para.data, r->para.len, "／") < r->para.len;
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
    if (e->title == hash(title, tn)) {
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
        size_t k = find_in(s + i, n - i, "／");
        const char *t = s + i;
        size_t tn = k;
        i += k + 3;
        pc_text_trim(&t, &tn);
        if (!tn) continue;
        char id[ID_MAX], part[24];
        snprintf(part, sizeof part, "%ld", ++parent->slashes);
        make_id(id, parent->id, part);
        if (check_repeat(r, id, t, tn, r->pending_line, quiet)) continue;
        pc_status st = seen_add(&r->seen, id, hash(t, tn), r->pending_line);
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
        if (!is_circled(pc_utf8_decode(s + i, *n - i, &len), &v) || i == 0) return;
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
    unsigned long line = r->lines.lineno;
    bool quiet = at > 0 && r->stack[at - 1].repeat;
    nd->repeat = check_repeat(r, nd->id, title, title_n, line, quiet);
    r->pending_line = line;
    if (nd->repeat) return PC_OK;
    if ((st = seen_add(&r->seen, nd->id, hash(title, title_n), line))) return st;
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
    warn(r, r->lines.lineno, "section %.*s has no heading of its own; its number is its title",
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
        while (dash > 0 && !is_dash((unsigned char)num[dash - 1])) dash--;
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
            size_t j = skip_spaces(s, n, i);
            if (j < n && is_circled(pc_utf8_decode(s + j, n - j, &len), &v)) return i;
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
        while (title_n && (starts_with(title, title_n, "・") || starts_with(title, title_n, "▶")))
            title += 3, title_n -= 3, pc_text_trim(&title, &title_n);
        if (pc_outline_heading(title, title_n, &inner) && inner.style != PC_OL_BULLET) {
            if (inner.style == PC_OL_DAI && !nested) {
                r->toc = true;
                warn(r, r->lines.lineno, "a table of contents (bullets naming sections) is "
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
            if (ends_with(s, n, tails[k]) && n > strlen(tails[k])) {
                n -= strlen(tails[k]);
                pc_text_trim(&s, &n);
                break;
            }
        r->started = true;
        return pc_buf_append(&r->plan, s, n);
    }
    warn(r, r->lines.lineno, "text before the first heading is not kept: \"%.*s\"",
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

static pc_status outline_next(struct pc_reader *base, struct pc_record *rec)
{
    struct outline_reader *r = (struct outline_reader *)base;
    return pc_lines_pump(&r->lines, &r->batch, &rules, r, &r->eof, &r->fatal, r->ctx.sink,
                         r->ctx.max_field_size, rec);
}

static size_t outline_labels(struct pc_reader *base, const struct pc_label **labels)
{
    *labels = ((struct outline_reader *)base)->labels;
    return L_COUNT;
}

static void outline_free(struct pc_reader *base)
{
    struct outline_reader *r = (struct outline_reader *)base;
    pc_lines_free(&r->lines);
    pc_batch_free(&r->batch);
    seen_free(&r->seen);
    struct pc_buf *bufs[] = {&r->number, &r->title, &r->desc,  &r->para,    &r->slash,
                             &r->plan,   &r->scratch, &r->found, &r->deadline};
    for (size_t i = 0; i < PC_ARRAY_LEN(bufs); i++) pc_buf_free(bufs[i]);
    free(r);
}

static const struct pc_reader_ops outline_ops = {outline_next, outline_labels, outline_free};

static pc_status outline_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct outline_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &outline_ops;
    r->ctx = *ctx;
    pc_lines_init(&r->lines, ctx->in, ctx->max_field_size);
    pc_batch_init(&r->batch);
    for (int i = 0; i < L_COUNT; i++)
        r->labels[i] = (struct pc_label){.name = (char *)label_names[i], .line = 1};
    *out = &r->base;
    return PC_OK;
}

/* 第N headings on lines of their own: an outline. */
static int outline_probe(const char *head, size_t n)
{
    int dai = 0, numbered = 0;
    for (size_t i = 0; i < n;) {
        const char *e = memchr(head + i, '\n', n - i);
        size_t len = e ? (size_t)(e - head) - i : n - i;
        struct pc_outline_heading h;
        if (pc_outline_heading(head + i, len, &h)) {
            if (h.style == PC_OL_DAI) dai++;
            else if (h.style != PC_OL_BULLET) numbered++;
        }
        i += len + 1;
    }
    return dai >= 2 ? 50 : dai && numbered ? 30 : 0;
}

static const char *const no_extensions[] = {NULL}; /* picked by -f or the probe */

const struct pc_format pc_format_outline_text = {
    "outline-text", "plan outline as plain text (第1 > 1. > (1))", no_extensions, outline_probe,
    outline_reader_new, NULL};
