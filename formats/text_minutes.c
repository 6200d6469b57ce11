/* Minutes (議事録) as plain text: a title line, a numbered header block
 * (開催日時, 場所, 議事次第, 資料) and statements opened by ○. One record
 * per statement (kind speech) and per stage direction in parentheses
 * (kind note), each carrying the meeting's fields.
 *
 * Values are written as they appear (令和5年6月6日, 8:45): normalizing
 * them is the casting step's work. Page marks, running headers (the title
 * repeated) and blank lines are dropped; anything else that fits nowhere
 * is reported as a warning with its line. The line rules are in
 * text_minutes_rules.c; this file is the reader's state and loop. */
#include "format.h"
#include "text_lines.h"

#include <stdlib.h>
#include <string.h>

/* ---- reader ------------------------------------------------------------ */

enum label {
    L_MEETING_ID, L_BODY, L_SESSION, L_DATE, L_START, L_END, L_PLACE, L_AGENDA, L_MATERIALS,
    L_ORDER, L_SPEAKER, L_ROLE, L_KIND, L_TEXT, L_COUNT
};
static const char *const label_names[L_COUNT] = {
    "meeting_id", "body", "session", "date", "start_time", "end_time", "place",
    "agenda", "materials", "order", "speaker", "role", "kind", "text"};

struct list {
    struct pc_buf text; /* items, each NUL-terminated */
    size_t count;
};

struct minutes_reader {
    struct pc_text_reader t; /* first: the line rules get the whole reader */
    struct pc_label labels[L_COUNT];
    /* the meeting */
    struct pc_buf title, meeting[L_MATERIALS + 1];
    struct list agenda, materials;
    bool in_header, have_title;
    enum pc_minutes_section section;
    long section_number;
    /* the statement being read */
    struct pc_buf speaker, role, text, scratch;
    bool open;
    bool spoke; /* a statement was seen: text after a note resumes it */
    unsigned long line, order;
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
    if (!list->count) return PC_OK;
    size_t first = b->items.len;
    const char *p = list->text.data;
    for (size_t i = 0; i < list->count; i++) {
        size_t n = strlen(p), off;
        struct pc_value *it = pc_vec_push(&b->items);
        if (!it || pc_batch_text(b, p, n, &off)) return PC_ENOMEM;
        *it = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)n, .off = off};
        p += n + 1;
    }
    struct pc_cell *c = pc_vec_push(&b->cells);
    if (!c) return PC_ENOMEM;
    c->label = l;
    c->v = (struct pc_value){.type = PC_T_ARRAY, .len = (uint32_t)list->count, .off = first};
    return PC_OK;
}

static pc_status emit(struct minutes_reader *r, const char *kind, unsigned long line)
{
    struct pc_batch *b = &r->t.batch;
    struct pc_mark m = pc_batch_mark(b);
    pc_status st = PC_OK;
    for (int l = L_MEETING_ID; l <= L_PLACE && !st; l++)
        st = pc_text_add_cell(b, (enum label)l, r->meeting[l].data, r->meeting[l].len);
    if (!st) st = add_list(b, L_AGENDA, &r->agenda);
    if (!st) st = add_list(b, L_MATERIALS, &r->materials);
    char order[24];
    int on = snprintf(order, sizeof order, "%lu", ++r->order);
    if (!st) st = pc_text_add_cell(b, L_ORDER, order, (size_t)on);
    if (!st) st = pc_text_add_cell(b, L_SPEAKER, r->speaker.data, r->speaker.len);
    if (!st) st = pc_text_add_cell(b, L_ROLE, r->role.data, r->role.len);
    if (!st) st = pc_text_add_cell(b, L_KIND, kind, strlen(kind));
    if (!st) st = pc_text_add_cell(b, L_TEXT, r->text.data, r->text.len);
    struct pc_row *row = st ? NULL : pc_vec_push(&b->rows);
    if (!row) return PC_ENOMEM;
    *row = (struct pc_row){.first_cell = m.cell, .ncells = b->cells.len - m.cell, .line = line,
                           .recno = r->order};
    return PC_OK;
}

static pc_status close_statement(struct minutes_reader *r)
{
    if (!r->open) return PC_OK;
    r->open = false;
    return emit(r, "speech", r->line);
}

/* meeting_id: the meeting-id option, else body and date as written (the
 * casting step normalizes neither here). */
static pc_status end_header(struct minutes_reader *r)
{
    if (!r->in_header) return PC_OK;
    r->in_header = false;
    struct pc_buf *id = &r->meeting[L_MEETING_ID], *body = &r->meeting[L_BODY],
                  *date = &r->meeting[L_DATE];
    id->len = 0;
    const char *given = pc_format_option(r->t.ctx.options, "minutes-text", "meeting-id");
    if (given) return pc_buf_append(id, given, strlen(given));
    pc_status st = pc_buf_append(id, body->data, body->len);
    if (!st && body->len && date->len) st = pc_buf_append(id, "-", 1);
    if (!st) st = pc_buf_append(id, date->data, date->len);
    if (!st && id->len == 0) st = pc_buf_append(id, "minutes", 7);
    return st;
}

static pc_status set_span(struct pc_buf *b, const struct pc_span *sp)
{
    if (!sp->n) return PC_OK;
    b->len = 0;
    return pc_buf_append(b, sp->s, sp->n);
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
    case PC_SEC_AGENDA:
        if (pc_minutes_agenda_item(s, n, &r->scratch)) return PC_ENOMEM;
        return list_add(&r->agenda, r->scratch.data, r->scratch.len);
    case PC_SEC_MATERIALS:
        if (pc_minutes_material(s, n, &r->scratch))
            return list_add(&r->materials, r->scratch.data, r->scratch.len);
        return warn(r, r->t.lines.lineno, "not a material (資料N：title); not kept", s, n);
    case PC_SEC_OTHER:
        return warn(r, r->t.lines.lineno, "header text without a field in the minutes; not kept",
                    s, n);
    case PC_SEC_NONE: break;
    }
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
    if (num >= 0) r->section_number = num;
    if (at < n) {
        r->t.fatal = header_value(r, s + at, n - at);
    }
    return true;
}

static pc_status header_text(struct minutes_reader *r, const char *s, size_t n)
{
    if (!r->have_title) {
        r->have_title = true;
        long session;
        pc_status st = pc_buf_append(&r->title, s, n);
        if (!st) st = pc_minutes_title(s, n, &r->meeting[L_BODY], &session);
        if (!st && session > 0) {
            r->meeting[L_SESSION].len = 0;
            st = pc_buf_printf(&r->meeting[L_SESSION], "%ld", session);
        }
        return st;
    }
    if (header_line(r, s, n)) return r->t.fatal;
    return header_value(r, s, n);
}

static pc_status open_statement(struct minutes_reader *r, const char *s, size_t n)
{
    pc_status st = close_statement(r);
    if (!st) st = end_header(r);
    if (st) return st;
    struct pc_span label, text;
    pc_minutes_split_statement(s, n, &label, &text);
    if ((st = pc_minutes_speaker(label.s, label.n, &r->speaker, &r->role))) return st;
    r->text.len = 0;
    r->open = r->spoke = true;
    r->line = r->t.lines.lineno;
    return text.n ? pc_text_join_line(&r->text, text.s, text.n) : PC_OK;
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
    return pc_text_parenthesized(s, n, &inner->s, &inner->n);
}

static pc_status body_text(struct minutes_reader *r, const char *s, size_t n)
{
    if (r->open) return pc_text_join_line(&r->text, s, n);
    if (!r->spoke)
        return warn(r, r->t.lines.lineno, "text outside any statement; not kept", s, n);
    /* after a stage direction the last speaker goes on */
    r->open = true;
    r->text.len = 0;
    r->line = r->t.lines.lineno;
    return pc_text_join_line(&r->text, s, n);
}

static pc_status minutes_line(void *reader, const char *s, size_t n)
{
    struct minutes_reader *r = reader;
    pc_text_trim(&s, &n);
    if (n == 0 || pc_text_is_page_mark(s, n)) return PC_OK;
    if (r->have_title && n == r->title.len && memcmp(s, r->title.data, n) == 0)
        return PC_OK; /* running header */
    size_t mark = pc_minutes_statement_mark(s, n);
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
    return st ? st : close_statement(r);
}

static const struct pc_line_rules rules = {minutes_line, minutes_end};

static void minutes_free(struct pc_reader *base)
{
    struct minutes_reader *r = (struct minutes_reader *)base;
    pc_text_reader_finish(&r->t);
    pc_buf_free(&r->title);
    for (size_t i = 0; i < PC_ARRAY_LEN(r->meeting); i++) pc_buf_free(&r->meeting[i]);
    pc_buf_free(&r->agenda.text);
    pc_buf_free(&r->materials.text);
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
    *out = &r->t.base;
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
