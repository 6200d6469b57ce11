/* Minutes (議事録) as plain text: a title line, a numbered header block
 * (開催日時, 場所, 議事次第, 資料) and statements opened by ○. One record
 * per statement (kind speech) and per stage direction in parentheses or
 * 〔…〕 on a line of its own (kind note), each carrying the meeting's fields.
 * Assemblies' and the Diet's layouts too: 開催日：/会議名： items, headings
 * with a marker (○議事日程), rosters (出席議員, 出席委員) read as attendance,
 * 午前10時00分　開会 / 午後三時四十七分散会 lines as the meeting's times,
 * rules (―――) and <PAGE="n"> marks dropped. The statements are held until
 * the input ends, since the closing time comes last and every row carries it.
 *
 * Values are written as they appear (令和5年6月6日, 8:45): normalizing
 * them is the casting step's work. Page marks, running headers (the title
 * repeated) and blank lines are dropped; anything else that fits nowhere
 * is reported as a warning with its line. The line rules are in
 * text_minutes_rules.c; this file is the reader's state and loop. */
#include "format.h"
#include "ndl.h"
#include "text_lines.h"

#include <stdlib.h>
#include <string.h>

/* ---- reader ------------------------------------------------------------ */

enum label {
    L_MEETING_ID, L_BODY, L_SESSION, L_DATE, L_START, L_END, L_PLACE, L_ISSUE, L_HOUSE,
    L_DIET_SESSION, L_AGENDA, L_MATERIALS, L_ATTENDANCE, L_ORDER, L_SPEAKER, L_ROLE, L_KIND,
    L_TEXT, L_COUNT
};
static const char *const label_names[L_COUNT] = {
    "meeting_id", "body", "session", "date", "start_time", "end_time", "place", "issue",
    "house", "diet_session", "agenda", "materials", "attendance", "order", "speaker", "role",
    "kind", "text"};

/* A statement held until the input ends: views into held_text. */
struct held {
    size_t speaker, speaker_len, role, role_len, text, text_len;
    bool note;
    unsigned long line;
};

struct list {
    struct pc_buf text; /* items, each NUL-terminated */
    size_t count;
};

struct minutes_reader {
    struct pc_text_reader t; /* first: the line rules get the whole reader */
    struct pc_label labels[L_COUNT];
    /* the meeting */
    struct pc_buf title, meeting[L_DIET_SESSION + 1];
    /* the meeting's name within an assembly (議会運営委員会, 定例会): the
     * schema has no field for it; meeting_id names it */
    struct pc_buf meeting_name;
    struct list agenda, materials, attendance;
    bool quiet_section;   /* a section without a field warned once already */
    bool sectioned;       /* a header section began: the title lines are over */
    bool assembly;        /* the body is an assembly's name (つくば市議会) */
    bool numbered_agenda; /* its items are numbered 第N */
    long item_indent;     /* the indent of the last item numbered １　…, -1: none */
    bool added_agenda;    /* under 追加議事日程: the items are marked （追加） */
    /* the statements, held until the end (PC_NDL_MAX_MEETING bytes at most) */
    struct pc_vec held;
    struct pc_buf held_text;
    bool in_header, have_title;
    enum pc_minutes_section section;
    long section_number;
    /* the statement being read */
    struct pc_buf speaker, role, text, scratch;
    bool open;
    bool spoke; /* a statement was seen: text after a note resumes it */
    unsigned long line, order;
    long indent; /* the current line's leading spaces, in bytes */
};

static pc_status list_add(struct list *l, const char *s, size_t n)
{
    if (n == 0) return PC_OK;
    l->count++;
    pc_status st = pc_buf_append(&l->text, s, n);
    return st ? st : pc_buf_append(&l->text, "", 1);
}

static pc_status warn(struct minutes_reader *r, unsigned long line, const char *what,
                      const char *s, size_t n)
{
    pc_reader_error(r->t.ctx.sink, PC_OK, "warning", line, 0, "%s: \"%.*s\"", PC_(what),
                    (int)(n > 120 ? 120 : n), s);
    return PC_OK;
}

static pc_status add_list(struct pc_batch *b, enum label l, const struct list *list)
{
    return pc_batch_add_list(b, l, list->text.data, list->count);
}

/* Holds the statement (speaker, role and text as they are now). */
static pc_status emit(struct minutes_reader *r, const char *kind, unsigned long line)
{
    struct pc_buf *h = &r->held_text;
    struct held *x = pc_vec_push(&r->held);
    if (!x) return PC_ENOMEM;
    *x = (struct held){.note = kind[0] == 'n', .line = line};
    x->speaker = h->len, x->speaker_len = r->speaker.len;
    pc_status st = pc_buf_append(h, r->speaker.data, r->speaker.len);
    x->role = h->len, x->role_len = r->role.len;
    if (!st) st = pc_buf_append(h, r->role.data, r->role.len);
    x->text = h->len, x->text_len = r->text.len;
    if (!st) st = pc_buf_append(h, r->text.data, r->text.len);
    if (!st && h->len > PC_NDL_MAX_MEETING)
        return pc_reader_error(r->t.ctx.sink, PC_INVALID, "format-error", line, r->held.len,
                               "the minutes are larger than %u bytes, the most this reader "
                               "holds at once", PC_NDL_MAX_MEETING);
    return st;
}

/* The rows: every held statement with the meeting's fields. */
static pc_status release(struct minutes_reader *r)
{
    struct pc_batch *b = &r->t.batch;
    const char *h = r->held_text.data;
    pc_status st = PC_OK;
    for (size_t i = 0; i < r->held.len && !st; i++) {
        const struct held *x = &PC_VEC_AT(&r->held, struct held, i);
        struct pc_mark m = pc_batch_mark(b);
        for (int l = L_MEETING_ID; l <= L_DIET_SESSION && !st; l++)
            st = pc_text_add_cell(b, (enum label)l, r->meeting[l].data, r->meeting[l].len);
        if (!st) st = add_list(b, L_AGENDA, &r->agenda);
        if (!st) st = add_list(b, L_MATERIALS, &r->materials);
        if (!st) st = add_list(b, L_ATTENDANCE, &r->attendance);
        char order[24];
        int on = snprintf(order, sizeof order, "%zu", i + 1);
        const char *kind = x->note ? "note" : "speech";
        if (!st) st = pc_text_add_cell(b, L_ORDER, order, (size_t)on);
        if (!st) st = pc_text_add_cell(b, L_SPEAKER, h + x->speaker, x->speaker_len);
        if (!st) st = pc_text_add_cell(b, L_ROLE, h + x->role, x->role_len);
        if (!st) st = pc_text_add_cell(b, L_KIND, kind, strlen(kind));
        if (!st) st = pc_text_add_cell(b, L_TEXT, h + x->text, x->text_len);
        struct pc_row *row = st ? NULL : pc_vec_push(&b->rows);
        if (!row) return PC_ENOMEM;
        *row = (struct pc_row){.first_cell = m.cell, .ncells = b->cells.len - m.cell,
                               .line = x->line, .recno = i + 1};
    }
    return st;
}

static pc_status close_statement(struct minutes_reader *r)
{
    if (!r->open) return PC_OK;
    r->open = false;
    return emit(r, "speech", r->line);
}

/* meeting_id: the meeting-id option, else body, the meeting's name in
 * an assembly and the date, as written (the casting step normalizes none
 * of them here). */
static pc_status end_header(struct minutes_reader *r)
{
    if (!r->in_header) return PC_OK;
    r->in_header = false;
    struct pc_buf *id = &r->meeting[L_MEETING_ID], *body = &r->meeting[L_BODY],
                  *date = &r->meeting[L_DATE];
    id->len = 0;
    const char *given = pc_format_option(r->t.ctx.options, "minutes-text", "meeting-id");
    if (given) return pc_buf_append(id, given, strlen(given));
    const struct pc_buf *parts[] = {body, &r->meeting_name, date};
    pc_status st = PC_OK;
    for (size_t i = 0; i < PC_ARRAY_LEN(parts) && !st; i++) {
        if (!parts[i]->len) continue;
        if (id->len) st = pc_buf_append(id, "-", 1);
        if (!st) st = pc_buf_append(id, parts[i]->data, parts[i]->len);
    }
    if (!st && id->len == 0) st = pc_buf_append(id, "minutes", 7);
    return st;
}

static pc_status set_span(struct pc_buf *b, const struct pc_span *sp)
{
    if (!sp->n) return PC_OK;
    b->len = 0;
    return pc_buf_append(b, sp->s, sp->n);
}

/* The issue (第N号) a line names, if any, into the meeting; *issue 0 if none. */
static pc_status issue_of(struct minutes_reader *r, const char *s, size_t n, long *issue)
{
    *issue = 0;
    size_t at = pc_text_find(s, n, "第");
    for (; at < n; at += strlen("第")) {
        size_t d = pc_text_number(s + at + 3, n - at - 3, issue);
        if (d && pc_text_starts_with(s + at + 3 + d, n - at - 3 - d, "号")) {
            r->meeting[L_ISSUE].len = 0;
            return pc_buf_printf(&r->meeting[L_ISSUE], "%ld", *issue);
        }
        *issue = 0;
        size_t next = pc_text_find(s + at + 3, n - at - 3, "第");
        at = next == n - at - 3 ? n : at + next;
    }
    return PC_OK;
}

/* A title or 会議名 line -> the body and session (第N回). A line naming an
 * assembly gives the assembly as the body and the rest as the meeting's
 * name (つくば市議会 / 議会運営委員会); with no rest, the body the title
 * gave before is that name. */
static pc_status body_name(struct minutes_reader *r, const char *s, size_t n)
{
    struct pc_buf *body = &r->meeting[L_BODY], name = {0};
    size_t at, len;
    long session = 0;
    pc_status st;
    if (!pc_minutes_assembly(s, n, &at, &len)) {
        st = pc_minutes_title(s, n, body, &session);
    } else {
        r->assembly = true;
        r->scratch.len = 0;
        st = pc_buf_append(&r->scratch, s, at);
        if (!st) st = pc_buf_append(&r->scratch, s + at + len, n - at - len);
        if (!st)
            st = pc_minutes_title(r->scratch.data ? r->scratch.data : "", r->scratch.len, &name,
                                  &session);
        struct pc_buf *meeting = name.len ? &name : body;
        if (!st && meeting->len)
            st = set_span(&r->meeting_name, &(struct pc_span){meeting->data, meeting->len});
        if (!st) st = set_span(body, &(struct pc_span){s + at, len});
        pc_buf_free(&name);
    }
    if (!st && session > 0) {
        r->meeting[L_SESSION].len = 0;
        st = pc_buf_printf(&r->meeting[L_SESSION], "%ld", session);
    }
    return st;
}

/* 会議名：令和 5年第1回定例会（第1号 2月17日）: body and session as the
 * title gives them, and the issue (第N号). */
static pc_status body_item(struct minutes_reader *r, const char *s, size_t n)
{
    long issue;
    pc_status st = body_name(r, s, n);
    return st ? st : issue_of(r, s, n, &issue);
}

/* A line that opens with an era's date (令和６年１２月２７日午後１時…). */
static bool date_line_start(const char *s, size_t n)
{
    static const char *const eras[] = {"令和", "平成", "昭和"};
    for (size_t i = 0; i < PC_ARRAY_LEN(eras); i++)
        if (pc_text_starts_with(s, n, eras[i]) && pc_text_find(s, n, "月") < n) return true;
    return false;
}

/* A header line that is a date of its own (令和六年六月十二日（水曜日）). */
static bool date_line(const char *s, size_t n)
{
    return date_line_start(s, n) && (pc_text_ends_with(s, n, "日") || pc_text_ends_with(s, n, "曜日）"));
}

/* The bytes of the date a line opens with, up to its 日 (令和６年12月26日
 * 午前９時40分開会), 0 if none. */
static size_t leading_date(const char *s, size_t n)
{
    struct pc_span d, a, e;
    if (!date_line_start(s, n) || !pc_minutes_datetime(s, n, &d, &a, &e)) return 0;
    return d.n ? (size_t)(d.s + d.n - s) : 0;
}

/* The meeting's date as a line writes it, spaces inside left out (令和　６年
 * -> 令和６年), unless one was read before. */
static pc_status first_date(struct minutes_reader *r, const char *s, size_t n)
{
    if (r->meeting[L_DATE].len) return PC_OK;
    return pc_text_append_squeezed(&r->meeting[L_DATE], s, n);
}

/* An agenda line. Under an item numbered 第N, lines without a number
 * continue it (the bills of 第４); the heading repeated with its date
 * (議事日程（第１号）　令和５年２月17日) and 議事日程に同じ are no items. */
static pc_status agenda_line(struct minutes_reader *r, const char *s, size_t n)
{
    pc_text_trim(&s, &n);
    if (pc_text_starts_with(s, n, "議事日程")) return PC_OK;
    if (pc_text_starts_with(s, n, "追加議事日程")) { /* the items added during the sitting */
        r->added_agenda = true;
        return PC_OK;
    }
    /* the sitting's date and time under the heading (令和６年１２月２７日午後１時　開議) */
    if (date_line(s, n) || (pc_text_ends_with(s, n, "開議") && date_line_start(s, n))) return PC_OK;
    /* a table drawn with －, ＋ (the hosted systems' 議事日程): a line
     * opening with ＋ is a note on the item above, （委員会審査報告） */
    bool note = pc_text_starts_with(s, n, "＋");
    while (n && (pc_text_ends_with(s, n, "－") || pc_text_ends_with(s, n, "＋"))) n -= strlen("＋");
    if (note) s += strlen("＋"), n -= strlen("＋");
    if (pc_minutes_agenda_item(s, n, &r->scratch)) return PC_ENOMEM;
    /* items numbered １　… are continued by deeper lines without a number
     * (３　事件 / 　　本日の議事について); those numbered 第N by any such */
    bool paren, numbered = pc_minutes_item_number(s, n, &paren) > 0;
    bool continues = r->agenda.count && (r->numbered_agenda ? !pc_minutes_dai_number(s, n)
                                                            : !numbered && r->item_indent >= 0 &&
                                                                  r->indent > r->item_indent);
    if ((note || continues) && r->agenda.count) {
        struct pc_buf *t = &r->agenda.text;
        t->len--; /* the item's NUL */
        pc_status st = note ? pc_buf_printf(t, "（%.*s）", (int)r->scratch.len, r->scratch.data)
                            : pc_buf_append(t, "　", strlen("　"));
        if (!st && !note) st = pc_buf_append(t, r->scratch.data, r->scratch.len);
        return st ? st : pc_buf_append(t, "", 1);
    }
    if (pc_minutes_dai_number(s, n)) r->numbered_agenda = true;
    r->item_indent = numbered && !paren ? r->indent : -1;
    if (!r->added_agenda) return list_add(&r->agenda, r->scratch.data, r->scratch.len);
    struct pc_buf item = {0};
    pc_status st = pc_buf_printf(&item, "（追加）%.*s", (int)r->scratch.len, r->scratch.data);
    if (!st) st = list_add(&r->agenda, item.data, item.len);
    pc_buf_free(&item);
    return st;
}

/* Seats in columns, as hosted minutes systems print them (墨田区:
 * １番　　小林しょう　　　１７番　　たかはしのりこ): each seat number
 * starts a member whose name runs to the next one, spaces left out.
 * The members found; 0 when the line does not start with a seat. */
static size_t seat_roster(struct minutes_reader *r, const char *s, size_t n, pc_status *st)
{
    size_t count = 0, len;
    bool in_name = false;
    r->scratch.len = 0;
    for (size_t i = 0; i <= n && !*st;) {
        while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
        size_t start = i;
        while (i < n && !pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
        long seat;
        size_t d = i > start ? pc_text_number(s + start, i - start, &seat) : 0;
        bool is_seat = d && pc_text_starts_with(s + start + d, i - start - d, "番") &&
                       start + d + strlen("番") == i;
        if ((is_seat || i == start) && in_name && r->scratch.len) { /* a member ends */
            *st = list_add(&r->attendance, r->scratch.data, r->scratch.len);
            count++;
            r->scratch.len = 0;
        }
        if (i == start) break;
        if (!is_seat && !in_name) return count; /* text before any seat: no seat roster */
        if (is_seat) in_name = true;
        else *st = pc_buf_append(&r->scratch, s + start, i - start);
    }
    return count;
}

/* A roster line: 委員長　浜田　靖一君　理事　… (the Diet),
 * １番　　樋　川　篤　子　議員 (one member a line) or seats in columns;
 * names without spaces. */
static pc_status roster_line(struct minutes_reader *r, const char *s, size_t n)
{
    pc_status st = PC_OK;
    /* 〃 (ditto) repeats the title above: the roster keeps names only */
    if (pc_text_starts_with(s, n, "〃")) s += strlen("〃"), n -= strlen("〃");
    if (!pc_text_ends_with(s, n, "議員") && seat_roster(r, s, n, &st)) return st;
    size_t before = r->attendance.text.len;
    size_t k = pc_ndl_roster_names(s, n, &r->attendance.text, &st);
    r->attendance.count += k;
    if (st || k || !pc_text_ends_with(s, n, "議員")) return st;
    r->attendance.text.len = before;
    n -= strlen("議員");
    size_t ban = pc_text_find(s, n, "番"); /* the seat number */
    if (ban < n) s += ban + strlen("番"), n -= ban + strlen("番");
    r->scratch.len = 0;
    size_t len;
    for (size_t i = 0; i < n && !st; i += len)
        if (!pc_text_is_space(pc_utf8_decode(s + i, n - i, &len)))
            st = pc_buf_append(&r->scratch, s + i, len);
    return st ? st : list_add(&r->attendance, r->scratch.data, r->scratch.len);
}

static pc_status header_value(struct minutes_reader *r, const char *s, size_t n)
{
    switch (r->section) {
    case PC_SEC_DATE: {
        struct pc_span d, a, e;
        if (!pc_minutes_datetime(s, n, &d, &a, &e))
            return warn(r, r->t.lines.lineno, "no date or time in the 開催日時 section", s, n);
        pc_status st = set_span(&r->meeting[L_DATE], &d);
        if (!st) st = set_span(&r->meeting[L_START], &a);
        return st ? st : set_span(&r->meeting[L_END], &e);
    }
    case PC_SEC_PLACE:
        if (r->meeting[L_PLACE].len && pc_buf_append(&r->meeting[L_PLACE], " ", 1))
            return PC_ENOMEM;
        return pc_buf_append(&r->meeting[L_PLACE], s, n);
    case PC_SEC_AGENDA: return agenda_line(r, s, n);
    case PC_SEC_MATERIALS:
        if (pc_minutes_material(s, n, &r->scratch))
            return list_add(&r->materials, r->scratch.data, r->scratch.len);
        return warn(r, r->t.lines.lineno, "not a material (資料N：title); not kept", s, n);
    case PC_SEC_BODY: return body_item(r, s, n);
    case PC_SEC_ATTENDANCE: return roster_line(r, s, n);
    case PC_SEC_OTHER:
        /* 欠席委員　なし: an empty roster, nothing left out */
        if (r->quiet_section || (n == strlen("なし") && memcmp(s, "なし", n) == 0)) return PC_OK;
        r->quiet_section = true; /* once per section: rosters run long */
        return warn(r, r->t.lines.lineno, "header text without a field in the minutes; not kept",
                    s, n);
    case PC_SEC_NONE: break;
    }
    static const char *const bare[] = {"", NULL};
    struct pc_span t;
    /* 午前９時37分 closing an assembly's header: the minutes do not say what it marks */
    if (pc_ndl_time_line(s, n, bare, &t))
        return warn(r, r->t.lines.lineno,
                    "a time that neither opens nor closes the meeting (開会, 散会); not kept", s,
                    n);
    return warn(r, r->t.lines.lineno, "text before the first header or statement; not kept", s, n);
}

/* A header starts a section when it is numbered one past the current one
 * (or unnumbered) and is not the current section's own word repeated
 * (議事 inside 議事次第 is an item). */
static bool header_line(struct minutes_reader *r, const char *s, size_t n)
{
    long num;
    size_t at;
    enum pc_minutes_section sec = pc_minutes_header(s, n, &num, &at);
    if (sec == PC_SEC_NONE || sec == r->section) return false;
    if (num >= 0 && r->section_number >= 0 && num != r->section_number + 1) return false;
    if (num < 0 && r->section == PC_SEC_AGENDA && at == n) return false;
    r->section = sec;
    r->sectioned = true;
    r->quiet_section = false;
    if (num >= 0) r->section_number = num;
    if (at < n) {
        r->t.fatal = header_value(r, s + at, n - at);
    }
    return true;
}

/* The Diet's title line: 第213回国会　衆議院　内閣委員会　第20号　令和6年6月12日
 * -> Diet session, house, body, issue and date. False if it is none. */
static bool diet_title(struct minutes_reader *r, const char *s, size_t n, pc_status *st)
{
    if (pc_text_find(s, n, "回国会") == n) return false;
    struct pc_buf *m = r->meeting;
    m[L_BODY].len = 0;
    size_t len;
    for (size_t i = 0; i < n && !*st;) {
        while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
        size_t start = i;
        while (i < n && !pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
        const char *w = s + start;
        size_t wn = i - start;
        long v;
        size_t d = pc_text_starts_with(w, wn, "第") ? pc_text_number(w + 3, wn - 3, &v) : 0;
        struct pc_buf *to = &m[L_BODY];
        if (d && pc_text_starts_with(w + 3 + d, wn - 3 - d, "回国会")) {
            m[L_DIET_SESSION].len = 0;
            *st = pc_buf_printf(&m[L_DIET_SESSION], "%ld", v);
            continue;
        }
        if (d && pc_text_starts_with(w + 3 + d, wn - 3 - d, "号") && wn == 3 + d + 3) {
            m[L_ISSUE].len = 0;
            *st = pc_buf_printf(&m[L_ISSUE], "%ld", v);
            continue;
        }
        if ((wn == 9 && (pc_text_starts_with(w, wn, "衆議院") || pc_text_starts_with(w, wn, "参議院"))) ||
            (wn == 6 && pc_text_starts_with(w, wn, "両院")))
            to = &m[L_HOUSE];
        else if (pc_text_find(w, wn, "年") < wn && pc_text_ends_with(w, wn, "日"))
            to = &m[L_DATE];
        if (to != &m[L_BODY]) to->len = 0;
        *st = pc_buf_append(to, w, wn);
    }
    return true;
}

/* 午前10時00分　開会, 午後三時開議, 正午開議: the meeting's start; …散会: its end.
 * True when the line was one (it is no statement text). */
static bool time_line(struct minutes_reader *r, const char *s, size_t n, pc_status *st)
{
    static const char *const opening[] = {"開会", "開議", NULL};
    static const char *const closing[] = {"散会", "閉会", NULL};
    struct pc_span t;
    struct pc_buf *to = pc_ndl_time_line(s, n, opening, &t) ? &r->meeting[L_START]
                        : pc_ndl_time_line(s, n, closing, &t) ? &r->meeting[L_END]
                                                              : NULL;
    if (!to) return false;
    *st = set_span(to, &t);
    return true;
}

static pc_status header_text(struct minutes_reader *r, const char *s, size_t n)
{
    long num;
    size_t at;
    if (!r->have_title && pc_minutes_header(s, n, &num, &at) != PC_SEC_NONE)
        r->have_title = true; /* 開催日：… first: there is no title line */
    pc_status st = PC_OK;
    if (!r->have_title && diet_title(r, s, n, &st)) {
        r->have_title = true;
        return st ? st : pc_buf_append(&r->title, s, n);
    }
    if (r->section == PC_SEC_NONE && date_line(s, n)) { /* the title may have had it */
        size_t w = pc_text_find(s, n, "（");
        return r->meeting[L_DATE].len ? PC_OK : set_span(&r->meeting[L_DATE], &(struct pc_span){s, w});
    }
    if (!r->have_title) { /* 令和　６年１２月２６日議会運営委員会: the date first */
        r->have_title = true;
        size_t day = leading_date(s, n);
        st = pc_buf_append(&r->title, s, n);
        if (!st) st = first_date(r, s, day);
        return st ? st : body_name(r, s + day, n - day);
    }
    if (header_line(r, s, n)) return r->t.fatal;
    size_t day = r->section == PC_SEC_NONE ? leading_date(s, n) : 0;
    if (day && time_line(r, s + day, n - day, &st)) /* 令和６年12月26日　午前９時40分開会 */
        return st ? st : first_date(r, s, day);
    /* the line under the title naming the assembly: つくば市議会議会運営委員会 */
    size_t name_at, name_len;
    if (!r->sectioned && !r->assembly && pc_minutes_assembly(s, n, &name_at, &name_len))
        return body_name(r, s, n);
    /* the agenda's own heading, after the rosters, with the issue:
     * 令和６年度墨田区議会定例会１２月緊急議会議事日程　第１号 */
    long issue;
    if (pc_text_find(s, n, "議事日程") < n && pc_text_ends_with(s, n, "号") &&
        (st = issue_of(r, s, n, &issue), issue || st)) {
        r->section = PC_SEC_AGENDA;
        r->section_number = -1;
        r->sectioned = true;
        r->quiet_section = false;
        return st;
    }
    return header_value(r, s, n);
}

/* The speaker's name as minutes write it (山田太郎君, 清野一榮議員, 櫻田　宏)
 * -> without the honorific and the spaces, each change reported. */
static pc_status plain_name(struct minutes_reader *r)
{
    static const char *const honorifics[] = {"君", "議員", "氏"};
    struct pc_buf *name = &r->speaker;
    if (!name->len) return PC_OK;
    r->scratch.len = 0;
    pc_status st = pc_buf_append(&r->scratch, name->data, name->len);
    const char *rule = NULL;
    for (size_t i = 0; !st && i < PC_ARRAY_LEN(honorifics); i++)
        if (pc_text_ends_with(name->data, name->len, honorifics[i]) &&
            name->len > strlen(honorifics[i])) {
            name->len -= strlen(honorifics[i]);
            rule = "honorific";
            break;
        }
    size_t o = 0, len;
    for (size_t i = 0; !st && i < name->len; i += len)
        if (!pc_text_is_space(pc_utf8_decode(name->data + i, name->len - i, &len))) {
            memmove(name->data + o, name->data + i, len);
            o += len;
        } else if (!rule) {
            rule = "name-spaces";
        }
    name->len = o;
    if (st || !rule) return st;
    if (pc_buf_append(&r->scratch, "", 1) || pc_buf_append(name, "", 1)) return PC_ENOMEM;
    name->len--;
    struct pc_error e = {.code = PC_OK, .severity = PC_SEV_NORMALIZATION, .type = "normalized",
                         .line = r->t.lines.lineno, .record = r->held.len + 1,
                         .field = "speaker", .cell = r->scratch.data, .fixed = name->data,
                         .rule = rule};
    pc_report(r->t.ctx.sink, &e, "the speaker \"%s\" is written as \"%s\"", r->scratch.data,
              name->data);
    return PC_OK;
}

/* ○小泉委員長: the roster's full name (小泉進次郎) when exactly one
 * member's name starts with the surname written; reported. */
static pc_status roster_name(struct minutes_reader *r)
{
    struct pc_buf *name = &r->speaker;
    const char *p = r->attendance.text.data, *found = NULL;
    if (!name->len) return PC_OK;
    for (size_t i = 0; i < r->attendance.count; i++, p += strlen(p) + 1) {
        size_t k = strlen(p);
        if (k <= name->len || memcmp(p, name->data, name->len) != 0) continue;
        if (found) return PC_OK; /* two members of that surname */
        found = p;
    }
    if (!found) return PC_OK;
    r->scratch.len = 0;
    if (pc_buf_append(&r->scratch, name->data, name->len) || pc_buf_append(&r->scratch, "", 1) ||
        set_span(name, &(struct pc_span){found, strlen(found) + 1}))
        return PC_ENOMEM;
    name->len--;
    struct pc_error e = {.code = PC_OK, .severity = PC_SEV_NORMALIZATION, .type = "normalized",
                         .line = r->t.lines.lineno, .record = r->held.len + 1,
                         .field = "speaker", .cell = r->scratch.data, .fixed = name->data,
                         .rule = "roster-name"};
    pc_report(r->t.ctx.sink, &e, "the speaker \"%s\" is written as \"%s\"", r->scratch.data,
              name->data);
    return PC_OK;
}

/* A statement's text may not grow past the field size limit. */
static pc_status join(struct minutes_reader *r, const char *s, size_t n)
{
    pc_status st = pc_text_join_line(&r->text, s, n);
    if (!st && r->text.len > r->t.ctx.max_field_size)
        return pc_reader_too_large(r->t.ctx.sink, r->line, r->held.len + 1,
                                   r->t.ctx.max_field_size);
    return st;
}

static pc_status open_statement(struct minutes_reader *r, const char *s, size_t n)
{
    pc_status st = close_statement(r);
    if (!st) st = end_header(r);
    if (st) return st;
    struct pc_span label, text;
    pc_minutes_split_statement(s, n, &label, &text);
    if ((st = pc_minutes_speaker(label.s, label.n, &r->speaker, &r->role))) return st;
    if ((st = plain_name(r)) || (st = roster_name(r))) return st;
    r->text.len = 0;
    r->open = r->spoke = true;
    r->line = r->t.lines.lineno;
    return text.n ? join(r, text.s, text.n) : PC_OK;
}

static pc_status stage_direction(struct minutes_reader *r, const char *s, size_t n)
{
    pc_status st = close_statement(r);
    if (!st) st = end_header(r);
    if (st) return st;
    struct pc_buf speaker = r->speaker, role = r->role, text = r->text;
    r->speaker = r->role = (struct pc_buf){0};
    r->text = (struct pc_buf){.data = (char *)s, .len = n, .cap = n};
    st = emit(r, "note", r->t.lines.lineno);
    r->speaker = speaker, r->role = role, r->text = text;
    return st;
}

static bool is_stage_direction(struct minutes_reader *r, const char *s, size_t n,
                               struct pc_span *inner)
{
    if (r->in_header && (r->section == PC_SEC_AGENDA || r->section == PC_SEC_MATERIALS))
        return false;
    /* 〔拍手〕, 〔｢異議なし」と呼ぶ者あり〕: the minutes' own brackets for notes */
    if (pc_text_starts_with(s, n, "〔") && pc_text_ends_with(s, n, "〕") &&
        pc_text_find(s + 3, n - 3, "〔") == n - 3) {
        /* 〔巻末諸報告の部参照〕: a cross-reference, part of the text (DiscussNet) */
        if (pc_text_ends_with(s, n, "参照〕")) return false;
        *inner = (struct pc_span){s + 3, n - 6};
        return n > 6;
    }
    /* in the Diet's header, （内閣官房長官） is a roster's title: notes there are 〔…〕 */
    if (r->in_header && r->section == PC_SEC_OTHER) return false;
    return pc_text_parenthesized(s, n, &inner->s, &inner->n);
}

/* A marker on a heading, not a speaker: ○議事日程, 〇招集日時　令和…,
 * ◯本日の会議に付した案件. */
static bool marked_heading(struct minutes_reader *r, const char *s, size_t n)
{
    long num;
    size_t at;
    if (r->spoke) return false;
    enum pc_minutes_section sec = pc_minutes_header(s, n, &num, &at);
    return sec != PC_SEC_NONE && sec != PC_SEC_OTHER;
}

static bool has_space(const char *s, size_t n)
{
    size_t len;
    for (size_t i = 0; i < n; i += len)
        if (pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) return true;
    return false;
}

/* Layout the minutes' text does not keep: <PAGE="2"> marks, ―― rules. */
static bool layout_line(struct minutes_reader *r, const char *s, size_t n)
{
    if ((pc_text_starts_with(s, n, "<PAGE=") && pc_text_ends_with(s, n, ">")) ||
        pc_text_is_page_mark(s, n))
        return true;
    if (!pc_ndl_rule_line(s, n)) return false;
    if (r->in_header) { /* a rule ends a header block; after ……… come those not members */
        bool dots = pc_text_starts_with(s, n, "…");
        r->section = dots ? PC_SEC_OTHER : PC_SEC_NONE;
        r->quiet_section = dots;
    }
    return true;
}

static pc_status body_text(struct minutes_reader *r, const char *s, size_t n)
{
    if (r->open) return join(r, s, n);
    if (!r->spoke)
        return warn(r, r->t.lines.lineno, "text outside any statement; not kept", s, n);
    /* after a stage direction the last speaker goes on */
    r->open = true;
    r->text.len = 0;
    r->line = r->t.lines.lineno;
    return join(r, s, n);
}

static pc_status minutes_line(void *reader, const char *s, size_t n)
{
    struct minutes_reader *r = reader;
    const char *raw = s;
    pc_text_trim(&s, &n);
    r->indent = (long)(s - raw); /* bytes of spaces: deeper or not, within a file */
    if (n == 0 || layout_line(r, s, n)) return PC_OK;
    if (r->have_title && n == r->title.len && memcmp(s, r->title.data, n) == 0)
        return PC_OK; /* running header */
    pc_status st = PC_OK;
    if (time_line(r, s, n, &st)) return st;
    size_t mark = pc_minutes_statement_mark(s, n);
    if (mark && marked_heading(r, s + mark, n - mark)) {
        r->have_title = true;
        return header_text(r, s + mark, n - mark);
    }
    if (mark && r->in_header && r->section == PC_SEC_AGENDA &&
        !has_space(s + mark, n - mark))
        return header_value(r, s + mark, n - mark); /* ○国家の基本政策に関する調査 */
    if (mark) return open_statement(r, s + mark, n - mark);
    struct pc_span inner;
    if (is_stage_direction(r, s, n, &inner)) return stage_direction(r, inner.s, inner.n);
    if (r->in_header) return header_text(r, s, n);
    return body_text(r, s, n);
}

static pc_status minutes_end(void *reader)
{
    struct minutes_reader *r = reader;
    pc_status st = end_header(r);
    if (!st) st = close_statement(r);
    return st ? st : release(r);
}

static const struct pc_line_rules rules = {minutes_line, minutes_end};

static void minutes_free(struct pc_reader *base)
{
    struct minutes_reader *r = (struct minutes_reader *)base;
    pc_text_reader_finish(&r->t);
    pc_buf_free(&r->title);
    pc_buf_free(&r->meeting_name);
    for (size_t i = 0; i < PC_ARRAY_LEN(r->meeting); i++) pc_buf_free(&r->meeting[i]);
    pc_buf_free(&r->agenda.text);
    pc_buf_free(&r->materials.text);
    pc_buf_free(&r->attendance.text);
    pc_vec_free(&r->held);
    pc_buf_free(&r->held_text);
    pc_buf_free(&r->speaker);
    pc_buf_free(&r->role);
    pc_buf_free(&r->text);
    pc_buf_free(&r->scratch);
    free(r);
}

static const struct pc_reader_ops minutes_ops = {pc_text_reader_next, pc_text_reader_labels,
                                              minutes_free};

static pc_status minutes_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct minutes_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    pc_text_reader_start(&r->t, &minutes_ops, &rules, r->labels, label_names, L_COUNT, ctx);
    r->in_header = true;
    r->section_number = -1;
    r->item_indent = -1;
    pc_vec_init(&r->held, sizeof(struct held));
    *out = &r->t.base;
    return PC_OK;
}

pc_status pc_minutes_text_reader_over(const struct pc_read_ctx *ctx, const char *text, size_t n,
                                     struct pc_reader **out)
{
    struct pc_read_ctx own = *ctx;
    own.in = NULL;
    pc_status st = minutes_reader_new(&own, out);
    if (st) return st;
    struct minutes_reader *r = (struct minutes_reader *)*out;
    /* the whole text is the one chunk; no stream to refill from */
    r->t.lines.chunk = text;
    r->t.lines.n = n;
    r->t.lines.eof = true;
    return PC_OK;
}

/* A line opening with ○ and a 日時 header: minutes, surely. One of them:
 * perhaps. */
static int minutes_probe(const char *head, size_t n)
{
    bool mark = false, date = false;
    const char *s;
    size_t sn;
    for (size_t i = 0; pc_text_head_line(head, n, &i, &s, &sn);) {
        pc_text_trim(&s, &sn);
        long num;
        size_t at;
        if (pc_minutes_statement_mark(s, sn)) mark = true;
        if (pc_minutes_header(s, sn, &num, &at) == PC_SEC_DATE) date = true;
    }
    return mark && date ? 90 : mark || date ? 20 : 0;
}

static const char *const no_extensions[] = {NULL}; /* picked by -f or the probe */

static const char *const minutes_keys[] = {"meeting-id", NULL};
const struct pc_format pc_format_minutes_text = {
    "minutes-text", "text/plain", 0, no_extensions, minutes_keys, minutes_probe,
    minutes_reader_new, NULL};
