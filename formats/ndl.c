/* The NDL minutes API's records into minutes rows (see ndl.h): the
 * builder both packings feed, and the rules that read a meeting's header
 * record and a statement's speaker label.
 *
 * Values are kept as the API writes them (午後三時開議 -> 午後三時, 第9号
 * -> 9): normalizing them is the casting step's work. */
#include "ndl.h"
#include "text_lines.h"

#include <stdarg.h>
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

/* 午前十時一分, 午後三時, 正午, 午前10時00分: bytes used, 0 if none. */
static size_t time_words(const char *s, size_t n)
{
    if (starts_with(s, n, "正午")) return strlen("正午");
    size_t i = 0;
    long v;
    if (starts_with(s, n, "午前") || starts_with(s, n, "午後")) i = strlen("午前");
    size_t d = pc_text_number(s + i, n - i, &v);
    if (!d || !starts_with(s + i + d, n - i - d, "時")) return 0;
    i += d + strlen("時");
    d = pc_text_number(s + i, n - i, &v);
    if (d && starts_with(s + i + d, n - i - d, "分")) return i + d + strlen("分");
    if (starts_with(s + i, n - i, "半")) return i + strlen("半");
    return i;
}

bool pc_ndl_time_line(const char *s, size_t n, const char *const *words, struct pc_span *time)
{
    pc_text_trim(&s, &n);
    size_t t = time_words(s, n);
    if (!t) return false;
    const char *rest = s + t;
    size_t rn = n - t;
    pc_text_trim(&rest, &rn);
    for (; *words; words++)
        if (strlen(*words) == rn && memcmp(rest, *words, rn) == 0) {
            *time = (struct pc_span){s, t};
            return true;
        }
    return false;
}

bool pc_ndl_rule_line(const char *s, size_t n)
{
    pc_text_trim(&s, &n);
    if (!n) return false;
    size_t len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        /* ― ─ … ◇ － and the like */
        if (c != 0x2015 && c != 0x2500 && c != 0x2026 && c != 0x25C7 && c != 0x2014 &&
            c != 0xFF0D && c != 0x2501)
            return false;
    }
    return true;
}

/* Titles a roster puts before a name (委員長　浜田　靖一君). */
static bool roster_title(const char *s, size_t n)
{
    static const char *const titles[] = {"委員長", "副委員長", "理事", "委員", "会長",
                                         "副会長", "会長代理", "幹事", "議長", "副議長"};
    for (size_t i = 0; i < PC_ARRAY_LEN(titles); i++)
        if (strlen(titles[i]) == n && memcmp(s, titles[i], n) == 0) return true;
    return false;
}

size_t pc_ndl_roster_names(const char *s, size_t n, struct pc_buf *names, pc_status *st)
{
    size_t count = 0, len, name_at = names->len;
    *st = PC_OK;
    for (size_t i = 0; i < n;) {
        while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len)))
            i += len;
        size_t start = i;
        while (i < n && !pc_text_is_space(pc_utf8_decode(s + i, n - i, &len)))
            i += len;
        const char *tok = s + start;
        size_t tn = i - start;
        if (!tn) break;
        bool named = ends_with(tok, tn, "君");
        if (!named && names->len == name_at && roster_title(tok, tn)) continue;
        if ((*st = pc_buf_append(names, tok, named ? tn - strlen("君") : tn))) return count;
        if (named) {
            if ((*st = pc_buf_append(names, "", 1))) return count;
            name_at = names->len;
            count++;
        }
    }
    names->len = name_at; /* a name without 君: not a roster entry */
    return count;
}

/* The statement markers of the minutes: ○ ◯ 〇 ◎ ◆ */
static size_t marker(const char *s, size_t n)
{
    size_t len;
    if (!n) return 0;
    uint32_t c = pc_utf8_decode(s, n, &len);
    return c == 0x25CB || c == 0x25EF || c == 0x3007 || c == 0x25CE || c == 0x25C6 ? len : 0;
}

size_t pc_ndl_label(const char *s, size_t n, const char *speaker, size_t speaker_n,
                    struct pc_span *role, struct pc_span *name)
{
    *role = *name = (struct pc_span){s, 0};
    size_t m = marker(s, n), len, end = m;
    if (!m) return 0;
    while (end < n && !pc_text_is_space(pc_utf8_decode(s + end, n - end, &len)))
        end += len;
    const char *l = s + m;
    size_t ln = end - m;
    size_t open = 0;
    while (open < ln && !starts_with(l + open, ln - open, "（")) {
        pc_utf8_decode(l + open, ln - open, &len);
        open += len;
    }
    if (open < ln) { /* 役職（氏名君） */
        *role = (struct pc_span){l, open};
        *name = (struct pc_span){l + open + strlen("（"), ln - open - strlen("（")};
        if (ends_with(name->s, name->n, "）")) name->n -= strlen("）");
    } else {
        *name = (struct pc_span){l, ln};
    }
    if (ends_with(name->s, name->n, "君")) name->n -= strlen("君");
    if (open == ln && !ends_with(l, ln, "君") && speaker) {
        /* 小泉委員長: the name's start, then the role */
        size_t common = 0;
        while (common < ln && common < speaker_n && l[common] == speaker[common])
            common++;
        while (common && ((unsigned char)l[common] & 0xC0) == 0x80)
            common--;
        if (common) *role = (struct pc_span){l + common, ln - common};
    }
    if (end < n) end += len; /* the space after the label */
    return end;
}

/* ---- the builder ------------------------------------------------------- */

static const struct {
    const char *name;
    enum pc_ndl_field field;
} keys[] = {
    {"issueID", NF_ISSUE_ID},
    {"session", NF_SESSION},
    {"nameOfHouse", NF_HOUSE},
    {"nameOfMeeting", NF_MEETING},
    {"issue", NF_ISSUE},
    {"date", NF_DATE},
    {"speechOrder", NF_ORDER},
    {"speaker", NF_SPEAKER},
    {"speakerYomi", NF_YOMI},
    {"speakerGroup", NF_GROUP},
    {"speakerPosition", NF_POSITION},
    {"speakerRole", NF_ROLE},
    {"speech", NF_SPEECH},
    {"speechURL", NF_URL},
};

/* What the API also sends and the minutes kind has no field for. */
static const char *const unmapped[] = {
    "imageKind",       "searchObject",   "closing",     "startPage",          "createTime",
    "updateTime",      "meetingURL",     "pdfURL",      "speechID",           "speechCount",
    "numberOfRecords", "numberOfReturn", "startRecord", "nextRecordPosition", "details"};

static bool named(const char *name, size_t n, const char *want)
{
    return name && strlen(want) == n && memcmp(name, want, n) == 0;
}

enum label {
    L_MEETING_ID,
    L_BODY,
    L_DATE,
    L_START,
    L_END,
    L_AGENDA,
    L_HOUSE,
    L_DIET_SESSION,
    L_ISSUE,
    L_ATTENDANCE,
    L_ORDER,
    L_SPEAKER,
    L_ROLE,
    L_KIND,
    L_TEXT,
    L_YOMI,
    L_GROUP,
    L_POSITION,
    L_URL,
    L_COUNT
};
static const struct pc_label label_table[L_COUNT] = {
    {"meeting_id", 1, false},   {"body", 1, false},         {"date", 1, false},
    {"start_time", 1, false},   {"end_time", 1, false},     {"agenda", 1, false},
    {"house", 1, false},        {"diet_session", 1, false}, {"issue", 1, false},
    {"attendance", 1, false},   {"order", 1, false},        {"speaker", 1, false},
    {"role", 1, false},         {"kind", 1, false},         {"text", 1, false},
    {"speaker_yomi", 1, false}, {"group", 1, false},        {"position", 1, false},
    {"speech_url", 1, false}};

size_t pc_ndl_labels(const struct pc_label **labels)
{
    *labels = label_table;
    return L_COUNT;
}

void pc_ndl_init(struct pc_ndl *b, const struct pc_read_ctx *ctx)
{
    memset(b, 0, sizeof *b);
    b->ctx = *ctx;
    pc_batch_init(&b->batch);
    pc_vec_init(&b->held, sizeof(struct pc_ndl_stmt));
}

void pc_ndl_free(struct pc_ndl *b)
{
    pc_batch_free(&b->batch);
    for (size_t i = 0; i < NF_COUNT; i++)
        pc_buf_free(&b->speech[i]);
    for (size_t i = 0; i < NF_FIRST_SPEECH; i++)
        pc_buf_free(&b->meeting[i]);
    pc_buf_free(&b->start);
    pc_buf_free(&b->end);
    pc_buf_free(&b->agenda);
    pc_buf_free(&b->attendance);
    pc_vec_free(&b->held);
    pc_buf_free(&b->held_text);
    pc_buf_free(&b->api_message);
}

int pc_ndl_fail(struct pc_ndl *b, unsigned long line, enum pc_hint hint, const char *fmt, ...)
{
    struct pc_error e = {.code = PC_INVALID,
                         .type = "format-error",
                         .line = line,
                         .record = b->records + 1,
                         .hint = hint};
    va_list ap;
    va_start(ap, fmt);
    b->fatal = pc_vreport(b->ctx.sink, &e, fmt, ap);
    va_end(ap);
    return 0;
}

int pc_ndl_too_large(struct pc_ndl *b, unsigned long line)
{
    b->fatal = pc_reader_too_large(b->ctx.sink, line, b->records + 1, b->ctx.max_field_size);
    return 0;
}

static int nomem(struct pc_ndl *b)
{
    b->fatal = PC_ENOMEM;
    return 0;
}

static void clear_meeting(struct pc_ndl *b)
{
    for (size_t i = 0; i < NF_FIRST_SPEECH; i++)
        b->meeting[i].len = 0;
    b->start.len = b->end.len = b->agenda.len = b->attendance.len = 0;
    b->nagenda = b->nattendance = 0;
    b->held.len = 0;
    b->held_text.len = 0;
    b->have_meeting = false;
}

/* The lines of a speech: LF, CRLF and the API's CR CR LF each end one. */
static const char *next_line(const char *p, const char *end, size_t *len, const char **after)
{
    const char *q = p;
    while (q < end && *q != '\n' && *q != '\r')
        q++;
    *len = (size_t)(q - p);
    while (q < end && *q == '\r')
        q++;
    if (q < end && *q == '\n') q++;
    *after = q;
    return p;
}

static pc_status set_buf(struct pc_buf *dst, const char *s, size_t n)
{
    dst->len = 0;
    return pc_buf_append(dst, s, n);
}

static pc_status add_item(struct pc_buf *list, size_t *count, const char *s, size_t n)
{
    pc_text_trim(&s, &n);
    size_t m = marker(s, n);
    s += m, n -= m;
    if (!n) return PC_OK;
    (*count)++;
    pc_status st = pc_buf_append(list, s, n);
    return st ? st : pc_buf_append(list, "", 1);
}

/* The header record: 開議 time, 出席委員 roster, 本日の会議に付した案件. */
static pc_status read_header(struct pc_ndl *b, const char *s, size_t n)
{
    static const char *const opening[] = {"開議", "開会", NULL};
    enum { NONE, ATTENDANCE, AGENDA } in = NONE;
    if (!n) return PC_OK; /* s may be NULL */
    const char *end = s + n, *p = s, *after;
    size_t len;
    pc_status st = PC_OK;
    while (p < end && !st) {
        const char *l = next_line(p, end, &len, &after);
        p = after;
        pc_text_trim(&l, &len);
        struct pc_span t;
        if (!len) continue;
        if (pc_ndl_rule_line(l, len) || starts_with(l, len, "〔")) {
            in = NONE;
        } else if (!b->start.len && pc_ndl_time_line(l, len, opening, &t)) {
            st = set_buf(&b->start, t.s, t.n);
        } else if (len == strlen("出席委員") && memcmp(l, "出席委員", len) == 0) {
            in = ATTENDANCE;
        } else if (ends_with(l, len, "会議に付した案件") || ends_with(l, len, "会議に付した事件")) {
            in = AGENDA;
        } else if (in == ATTENDANCE) {
            if (starts_with(l, len, "出席") || starts_with(l, len, "委員外"))
                in = NONE;
            else
                b->nattendance += pc_ndl_roster_names(l, len, &b->attendance, &st);
        } else if (in == AGENDA) {
            st = add_item(&b->agenda, &b->nagenda, l, len);
        }
    }
    return st;
}

/* A closing line (午後三時四十七分散会), or a bare time as the last line. */
static pc_status find_end(struct pc_ndl *b, const char *s, size_t n)
{
    static const char *const closing[] = {"散会", "閉会", "散議", NULL};
    static const char *const bare[] = {"", NULL};
    if (!n) return PC_OK; /* s may be NULL */
    const char *end = s + n, *p = s, *after, *last = NULL;
    size_t len, last_len = 0;
    while (p < end) {
        const char *l = next_line(p, end, &len, &after);
        p = after;
        struct pc_span t;
        if (pc_ndl_time_line(l, len, closing, &t)) return set_buf(&b->end, t.s, t.n);
        const char *tl = l;
        size_t tn = len;
        pc_text_trim(&tl, &tn);
        if (tn) last = l, last_len = len;
    }
    struct pc_span t;
    if (last && pc_ndl_time_line(last, last_len, bare, &t)) return set_buf(&b->end, t.s, t.n);
    return PC_OK;
}

/* The statement's text: the speech without its label, one LF per line
 * break, no empty line (the API writes none), no break at the end.
 * Appended to held_text. */
static pc_status statement_text(struct pc_ndl *b, const char *s, size_t n, size_t *off, size_t *tn)
{
    struct pc_buf *h = &b->held_text;
    *off = h->len;
    *tn = 0;
    if (!n) return PC_OK;
    const char *end = s + n, *p = s, *after;
    size_t len;
    pc_status st = PC_OK;
    while (p < end && !st) {
        const char *l = next_line(p, end, &len, &after);
        p = after;
        if (!len) continue; /* the XML packing's CR CR LF reads as two breaks */
        if (h->len > *off) st = pc_buf_append(h, "\n", 1);
        if (!st) st = pc_buf_append(h, l, len);
    }
    while (h->len > *off && (h->data[h->len - 1] == '\n' || h->data[h->len - 1] == ' '))
        h->len--;
    *tn = h->len - *off;
    return st;
}

/* The speech record just read becomes the meeting's header or a statement. */
static int end_speech(struct pc_ndl *b, unsigned long line)
{
    static const char info[] = "会議録情報"; /* the header's speaker */
    struct pc_buf *f = b->speech;
    bool header =
        (f[NF_ORDER].len == 1 && f[NF_ORDER].data[0] == '0') ||
        (f[NF_SPEAKER].len == strlen(info) && memcmp(f[NF_SPEAKER].data, info, strlen(info)) == 0);
    if (header) return read_header(b, f[NF_SPEECH].data, f[NF_SPEECH].len) ? nomem(b) : 1;

    struct pc_ndl_stmt *stmt = pc_vec_push(&b->held);
    if (!stmt) return nomem(b);
    stmt->line = line;
    struct pc_buf *h = &b->held_text;
    const char *sp = f[NF_SPEECH].data ? f[NF_SPEECH].data : "";
    size_t sn = f[NF_SPEECH].len;
    struct pc_span role, name;
    size_t label = pc_ndl_label(sp, sn, f[NF_SPEAKER].data, f[NF_SPEAKER].len, &role, &name);
    /* the API's speaker and role where the label gives none */
    if (!f[NF_SPEAKER].len && set_buf(&f[NF_SPEAKER], name.s, name.n)) return nomem(b);
    if (!role.n) role = (struct pc_span){f[NF_ROLE].data, f[NF_ROLE].len};
    for (int i = NF_FIRST_SPEECH; i < NF_COUNT; i++) {
        if (i == NF_SPEECH) continue;
        stmt->off[i] = h->len;
        stmt->len[i] = f[i].len;
        if (pc_buf_append(h, f[i].data, f[i].len)) return nomem(b);
    }
    stmt->role_off = h->len;
    stmt->role_len = role.n;
    if (pc_buf_append(h, role.s, role.n)) return nomem(b);
    stmt->has_text = b->speech_set[NF_SPEECH] && sn;
    if (!b->speech_set[NF_SPEECH] && !b->warned_no_text) {
        b->warned_no_text = true;
        pc_reader_error(b->ctx.sink, PC_OK, "warning", line, b->records + 1,
                        "the NDL records have no speech text (a meeting_list answer); ask the "
                        "meeting or speech API for the minutes themselves");
    }
    if (statement_text(b, sp + label, sn - label, &stmt->text_off, &stmt->text_len))
        return nomem(b);
    if (find_end(b, sp, sn)) return nomem(b);
    if (h->len > PC_NDL_MAX_MEETING)
        return pc_ndl_fail(b, line, PC_HINT_NONE,
                           "a meeting is larger than %u bytes, the most this reader holds "
                           "at once",
                           PC_NDL_MAX_MEETING);
    return 1;
}

/* 第9号, 1号 -> 9, 1; anything else as written. */
static pc_status issue_number(struct pc_buf *out, const char *s, size_t n)
{
    out->len = 0;
    if (!n) return PC_OK;
    const char *t = s;
    size_t tn = n;
    if (starts_with(t, tn, "第")) t += strlen("第"), tn -= strlen("第");
    if (ends_with(t, tn, "号")) tn -= strlen("号");
    long v;
    out->len = 0;
    if (tn && pc_text_number(t, tn, &v) == tn) return pc_buf_printf(out, "%ld", v);
    return pc_buf_append(out, s, n);
}

static pc_status meeting_id(struct pc_ndl *b, struct pc_buf *id)
{
    struct pc_buf *m = b->meeting;
    id->len = 0;
    if (m[NF_ISSUE_ID].len) return pc_buf_append(id, m[NF_ISSUE_ID].data, m[NF_ISSUE_ID].len);
    /* the old API has no issueID: session, house, meeting and issue name it */
    return pc_buf_printf(id, "%.*s-%.*s-%.*s-%.*s", (int)m[NF_SESSION].len,
                         m[NF_SESSION].data ? m[NF_SESSION].data : "", (int)m[NF_HOUSE].len,
                         m[NF_HOUSE].data ? m[NF_HOUSE].data : "", (int)m[NF_MEETING].len,
                         m[NF_MEETING].data ? m[NF_MEETING].data : "", (int)m[NF_ISSUE].len,
                         m[NF_ISSUE].data ? m[NF_ISSUE].data : "");
}

/* Writes the held statements as rows, each with the meeting's fields. */
static pc_status release(struct pc_ndl *b)
{
    if (!b->have_meeting) return PC_OK;
    struct pc_batch *bt = &b->batch;
    struct pc_buf *m = b->meeting, id = {0}, issue = {0};
    pc_status st = meeting_id(b, &id);
    if (!st) st = issue_number(&issue, m[NF_ISSUE].data, m[NF_ISSUE].len);
    const char *h = b->held_text.data;
    for (size_t i = 0; i < b->held.len && !st; i++) {
        const struct pc_ndl_stmt *s = &PC_VEC_AT(&b->held, struct pc_ndl_stmt, i);
        size_t first = bt->cells.len;
        st = pc_text_add_cell(bt, L_MEETING_ID, id.data, id.len);
        if (!st) st = pc_text_add_cell(bt, L_BODY, m[NF_MEETING].data, m[NF_MEETING].len);
        if (!st) st = pc_text_add_cell(bt, L_DATE, m[NF_DATE].data, m[NF_DATE].len);
        if (!st) st = pc_text_add_cell(bt, L_START, b->start.data, b->start.len);
        if (!st) st = pc_text_add_cell(bt, L_END, b->end.data, b->end.len);
        if (!st) st = pc_batch_add_list(bt, L_AGENDA, b->agenda.data, b->nagenda);
        if (!st) st = pc_text_add_cell(bt, L_HOUSE, m[NF_HOUSE].data, m[NF_HOUSE].len);
        if (!st) st = pc_text_add_cell(bt, L_DIET_SESSION, m[NF_SESSION].data, m[NF_SESSION].len);
        if (!st) st = pc_text_add_cell(bt, L_ISSUE, issue.data, issue.len);
        if (!st) st = pc_batch_add_list(bt, L_ATTENDANCE, b->attendance.data, b->nattendance);
        if (!st) st = pc_text_add_cell(bt, L_ORDER, h + s->off[NF_ORDER], s->len[NF_ORDER]);
        if (!st) st = pc_text_add_cell(bt, L_SPEAKER, h + s->off[NF_SPEAKER], s->len[NF_SPEAKER]);
        if (!st) st = pc_text_add_cell(bt, L_ROLE, h + s->role_off, s->role_len);
        if (!st) st = pc_text_add_cell(bt, L_KIND, "speech", strlen("speech"));
        if (!st && s->has_text) st = pc_text_add_cell(bt, L_TEXT, h + s->text_off, s->text_len);
        if (!st) st = pc_text_add_cell(bt, L_YOMI, h + s->off[NF_YOMI], s->len[NF_YOMI]);
        if (!st) st = pc_text_add_cell(bt, L_GROUP, h + s->off[NF_GROUP], s->len[NF_GROUP]);
        if (!st)
            st = pc_text_add_cell(bt, L_POSITION, h + s->off[NF_POSITION], s->len[NF_POSITION]);
        if (!st) st = pc_text_add_cell(bt, L_URL, h + s->off[NF_URL], s->len[NF_URL]);
        struct pc_row *row = st ? NULL : pc_vec_push(&bt->rows);
        if (!row)
            st = PC_ENOMEM;
        else
            *row = (struct pc_row){.first_cell = first,
                                   .ncells = bt->cells.len - first,
                                   .line = s->line,
                                   .recno = ++b->records};
    }
    pc_buf_free(&id);
    pc_buf_free(&issue);
    b->ready = bt->rows.len;
    clear_meeting(b);
    return st;
}

/* Two speech API records belong to one meeting when their meeting fields agree. */
static bool same_meeting(const struct pc_ndl *b)
{
    for (int i = 0; i < NF_FIRST_SPEECH; i++) {
        const struct pc_buf *x = &b->meeting[i], *y = &b->speech[i];
        if (x->len != y->len || (x->len && memcmp(x->data, y->data, x->len) != 0)) return false;
    }
    return true;
}

int pc_ndl_open(struct pc_ndl *b, const char *name, size_t n, unsigned long line)
{
    b->depth++;
    if (b->speech_depth) return 1; /* nothing nests in a speech: ignored */
    if (named(name, n, "meetingRecord") && !b->meeting_depth) {
        if (release(b)) return nomem(b);
        b->meeting_depth = b->depth;
        b->have_meeting = true;
    } else if (named(name, n, "speechRecord")) {
        b->speech_depth = b->depth;
        b->speech_line = line;
        for (int i = 0; i < NF_COUNT; i++)
            b->speech[i].len = 0, b->speech_set[i] = false;
        if (b->meeting_depth) /* the meeting's fields, for records that repeat them */
            for (int i = 0; i < NF_FIRST_SPEECH; i++)
                if (set_buf(&b->speech[i], b->meeting[i].data, b->meeting[i].len)) return nomem(b);
    }
    return 1;
}

static int set_field(struct pc_ndl *b, struct pc_buf *dst, bool *set, const char *s, size_t sn,
                     unsigned long line)
{
    if (sn > b->ctx.max_field_size) return pc_ndl_too_large(b, line);
    if (set) *set = true;
    return set_buf(dst, s, sn) ? nomem(b) : 1;
}

int pc_ndl_value(struct pc_ndl *b, const char *name, size_t n, const char *s, size_t sn, bool null,
                 unsigned long line)
{
    if (!name) return 1; /* an array item (details) */
    for (size_t i = 0; i < PC_ARRAY_LEN(keys); i++) {
        if (!named(name, n, keys[i].name)) continue;
        enum pc_ndl_field f = keys[i].field;
        if (null) sn = 0;
        if (b->speech_depth == b->depth)
            return set_field(b, &b->speech[f], &b->speech_set[f], s, sn, line);
        if (b->meeting_depth == b->depth && f < NF_FIRST_SPEECH)
            return set_field(b, &b->meeting[f], NULL, s, sn, line);
        return 1;
    }
    if (named(name, n, "message") && !b->speech_depth && !b->meeting_depth)
        return set_field(b, &b->api_message, NULL, s, sn, line);
    for (size_t i = 0; i < PC_ARRAY_LEN(unmapped); i++)
        if (named(name, n, unmapped[i])) return 1;
    if (b->speech_depth || b->meeting_depth)
        pc_reader_error(b->ctx.sink, PC_OK, "warning", line, b->records + 1,
                        "the NDL record has a value \"%.*s\" that the minutes kind has no "
                        "field for; it is left out",
                        (int)(n > 60 ? 60 : n), name);
    return 1;
}

int pc_ndl_close(struct pc_ndl *b, unsigned long line)
{
    int ok = 1;
    if (b->speech_depth == b->depth) {
        b->speech_depth = 0;
        if (!b->meeting_depth) { /* speech API: the record names its meeting */
            if (b->have_meeting && !same_meeting(b) && release(b)) return nomem(b);
            if (!b->have_meeting)
                for (int i = 0; i < NF_FIRST_SPEECH; i++)
                    if (set_buf(&b->meeting[i], b->speech[i].data, b->speech[i].len))
                        return nomem(b);
            b->have_meeting = true;
        }
        ok = end_speech(b, b->speech_line);
    } else if (b->meeting_depth == b->depth) {
        b->meeting_depth = 0;
        if (release(b)) return nomem(b);
    }
    if (ok && b->depth == 1 && b->api_message.len)
        ok = pc_ndl_fail(b, line, PC_HINT_NONE, "the NDL API answered with an error: %.*s",
                         (int)(b->api_message.len > 300 ? 300 : b->api_message.len),
                         b->api_message.data);
    b->depth--;
    return ok;
}

pc_status pc_ndl_end(struct pc_ndl *b, unsigned long line)
{
    (void)line;
    return release(b);
}

pc_status pc_ndl_take(struct pc_ndl *b, struct pc_record *rec)
{
    struct pc_batch *bt = &b->batch;
    if (bt->next < b->ready) return pc_batch_take(bt, rec);
    if (bt->next == bt->rows.len) {
        pc_batch_reset(bt);
        b->ready = 0;
    }
    return PC_END;
}

/* ---- the format -------------------------------------------------------- */

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

static bool has(const char *head, size_t n, const char *word)
{
    return memmem(head, n, word, strlen(word)) != NULL;
}

/* The API's answer: a JSON object or an XML document with its record
 * names near the start. */
static int ndl_probe(const char *head, size_t n)
{
    if (!n) return 0;
    const char *p = skip_space(head, head + n);
    if (p == head + n || (*p != '{' && *p != '<')) return 0;
    bool records = has(head, n, "numberOfRecords");
    bool meeting = has(head, n, "meetingRecord") || has(head, n, "speechRecord");
    return records && meeting ? 95 : meeting ? 60 : 0;
}

static pc_status ndl_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    const char *head;
    size_t n;
    pc_status st = pc_istream_peek(ctx->in, &head, &n);
    if (st) return st;
    const char *p = n ? skip_space(head, head + n) : NULL; /* empty: head may be NULL */
    if (p && p < head + n && *p == '<') return pc_ndl_xml_reader_new(ctx, out);
    return pc_ndl_json_reader_new(ctx, out);
}

static const char *const ndl_ext[] = {NULL}; /* .json or .xml: found by the probe */
/* A .json or .xml file it is sure of is read as ndl too (registry.c). */
const struct pc_format pc_format_ndl = {"ndl",     "application/json", 0,   ndl_ext, NULL,
                                        ndl_probe, ndl_reader_new,     NULL};
