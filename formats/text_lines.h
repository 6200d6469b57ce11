/* Plain-text documents (minutes, plan outlines): a line splitter over
 * pc_istream and the small rules both text readers share. Each rule is a
 * named function so it can be tested on its own (tests/unit/test_text.c).
 * Views (s, n) are UTF-8 bytes, not NUL-terminated. */
#ifndef PC_TEXT_LINES_H
#define PC_TEXT_LINES_H

#include "../core/utf8.h"
#include "format.h"
#include "stream.h"

/* ---- lines ----------------------------------------------------------- */

struct pc_lines {
    struct pc_istream *in;
    struct pc_buf line;  /* a line split across chunks, joined */
    const char *chunk;
    size_t n, pos;
    size_t max;          /* longest line accepted, bytes */
    unsigned long lineno;
    bool eof;
    bool too_long;       /* why pc_lines_next returned PC_INVALID (else the stream's error) */
    size_t pending;      /* bytes of the lines read since the last record appeared */
    size_t pending_max;  /* their bound, for a reader that joins them unchecked; 0: none */
};

void pc_lines_init(struct pc_lines *l, struct pc_istream *in, size_t max);
/* The next line without its end (LF, CRLF or CR), valid until the next
 * call; PC_END after the last. A line longer than `max` is PC_INVALID
 * (the caller reports it). */
pc_status pc_lines_next(struct pc_lines *l, const char **s, size_t *n);
void pc_lines_free(struct pc_lines *l);


/* What a line-based reader does with its lines. */
struct pc_line_rules {
    pc_status (*line)(void *reader, const char *s, size_t n); /* one line */
    pc_status (*end)(void *reader);                           /* after the last */
};

/* The next() of a line-based reader: hands out the batch's records and,
 * when it is empty, feeds lines to the rules until records appear. *eof
 * and *fatal are the reader's own state. Rules that join lines into one
 * value (a paragraph) without bounding it set l->pending_max: the lines
 * read between two records are then bounded by it, refused, not joined. */
pc_status pc_lines_pump(struct pc_lines *l, struct pc_batch *batch, const struct pc_line_rules *rules,
                        void *reader, bool *eof, pc_status *fatal, struct pc_errsink *sink,
                        size_t max_line, struct pc_record *rec);

/* ---- the reader every text format is ------------------------------------- */

/* What the minutes and outline readers share; each one's struct starts
 * with it, so its line rules get the whole reader as `reader`. */
struct pc_text_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    struct pc_lines lines;
    struct pc_batch batch;
    const struct pc_line_rules *rules;
    struct pc_label *labels;
    size_t nlabels;
    bool eof;
    pc_status fatal;
};

/* Starts a reader whose ops are `ops` (next and labels are the two
 * below): lines from ctx's stream, an empty batch, and `count` labels
 * (an array in the reader) named by `names`. */
void pc_text_reader_start(struct pc_text_reader *t, const struct pc_reader_ops *ops,
                          const struct pc_line_rules *rules, struct pc_label *labels,
                          const char *const *names, size_t count, const struct pc_read_ctx *ctx);
pc_status pc_text_reader_next(struct pc_reader *base, struct pc_record *rec);
size_t pc_text_reader_labels(struct pc_reader *base, const struct pc_label **labels);
/* Frees what pc_text_reader_start set up (not the reader itself). */
void pc_text_reader_finish(struct pc_text_reader *t);
/* Adds a string cell to the record being built; an empty one is left out. */
pc_status pc_text_add_cell(struct pc_batch *b, uint32_t label, const char *s, size_t n);
/* The probes' walk over the first bytes: the line at *i (without its LF)
 * into *s, *n, and *i past it; false at the end. */
bool pc_text_head_line(const char *head, size_t size, size_t *i, const char **s, size_t *n);

/* ---- shared rules ------------------------------------------------------ */

/* Prefix and suffix tests and a substring search (returns n if absent)
 * on views. */
bool pc_text_starts_with(const char *s, size_t n, const char *p);
bool pc_text_ends_with(const char *s, size_t n, const char *p);
size_t pc_text_find(const char *s, size_t n, const char *p);
/* The offset of the first non-space (pc_text_is_space) at or after i. */
size_t pc_text_skip_spaces(const char *s, size_t n, size_t i);
/* ①-⑳: true, and the number in *v. */
bool pc_text_is_circled(uint32_t c, long *v);

/* Strips spaces, tabs and U+3000 at both ends. */
void pc_text_trim(const char **s, size_t *n);
/* True for ASCII space, tab and the ideographic space U+3000. */
bool pc_text_is_space(uint32_t c);
/* Reads a number at s: ASCII or full-width digits, or kanji numerals
 * (十二, 二十三); returns bytes used (0: none) and the value in *value. */
size_t pc_text_number(const char *s, size_t n, long *value);
/* A line that closes a sentence: ends in 。．！？!?」』）)】 and the like. */
bool pc_text_ends_sentence(const char *s, size_t n);
/* Appends a line to a paragraph buffer: after a closed sentence it starts
 * a new paragraph ("\n"); otherwise the line was hard-wrapped and is
 * rejoined (with one space between two ASCII words). */
pc_status pc_text_join_line(struct pc_buf *para, const char *s, size_t n);
/* A page mark such as －1－, - 2 -, —３— or a bare page number. */
bool pc_text_is_page_mark(const char *s, size_t n);
/* Appends s without the spaces that sit between two non-ASCII characters
 * (開 会 -> 開会); other spaces are kept. */
pc_status pc_text_append_squeezed(struct pc_buf *out, const char *s, size_t n);
/* A whole line in parentheses, (…) or （…）, that is not a number like
 * (1): its inside in *inner. */
bool pc_text_parenthesized(const char *s, size_t n, const char **inner, size_t *inner_n);

/* ---- minutes rules (text_minutes.c) --------------------------------------- */

enum pc_minutes_section {
    PC_SEC_NONE,
    PC_SEC_DATE,
    PC_SEC_PLACE,
    PC_SEC_AGENDA,
    PC_SEC_MATERIALS,
    PC_SEC_BODY,       /* 会議名: the body, session and issue */
    PC_SEC_ATTENDANCE, /* 出席委員, 出席議員: a roster of names */
    PC_SEC_OTHER /* a known header whose text the schema has no field for */
};

/* A minutes-text reader over `text` (n bytes) instead of ctx's stream:
 * for formats whose container holds the minutes as text (DiscussNet's
 * JSON). `text` must outlive the reader; caller frees with ops->free. */
pc_status pc_minutes_text_reader_over(const struct pc_read_ctx *ctx, const char *text, size_t n,
                                     struct pc_reader **out);
/* The text of minutes held in a container (JSON, HTML): from the whole
 * input `in` into `text`; errors reported. */
typedef pc_status (*pc_minutes_extract_fn)(const struct pc_read_ctx *ctx, const struct pc_buf *in,
                                           struct pc_buf *text);
/* A reader of such minutes (formats/discussnet.c): the input held whole
 * (PC_NDL_MAX_MEETING bytes at most), its text read by the minutes-text
 * rules. Caller frees with ops->free. */
pc_status pc_minutes_text_wrap(const struct pc_read_ctx *ctx, pc_minutes_extract_fn extract,
                               struct pc_reader **out);
/* Length of the statement marker ○ ◯ 〇 ◎ ◆ at the line's start, else 0. */
size_t pc_minutes_statement_mark(const char *s, size_t n);
/* Title line: body without 第N回 and 議事録, and the session (0: none). */
pc_status pc_minutes_title(const char *s, size_t n, struct pc_buf *body, long *session);
/* Header line (1 開催日時, １．日時, 日 時：value, 資料): its section, its
 * number (-1: none) and where its inline value starts (== n: none). */
enum pc_minutes_section pc_minutes_header(const char *s, size_t n, long *number,
                                          size_t *value_at);
/* 令和5年6月6日(火) 8:45～8:55 -> date, start and end as written (views
 * into s; length 0 when absent). False when the line holds neither. */
struct pc_span {
    const char *s;
    size_t n;
};
bool pc_minutes_datetime(const char *s, size_t n, struct pc_span *date, struct pc_span *start,
                         struct pc_span *end);
/* Speaker label (河野大臣, 事務局（〇〇審議官）) -> name and role. */
pc_status pc_minutes_speaker(const char *s, size_t n, struct pc_buf *name, struct pc_buf *role);
/* Splits a statement line after its marker into label and text. */
void pc_minutes_split_statement(const char *s, size_t n, struct pc_span *label,
                                struct pc_span *text);
/* The assembly a line names (つくば市議会議会運営委員会, 令和６年度定例会
 * １２月緊急議会　墨田区議会会議録): where its name starts and its length,
 * up to 議会; false if it names none. The name runs back from 市議会 (区,
 * 町, …) to a space, a digit, 年 or 度, which no place's name holds. */
bool pc_minutes_assembly(const char *s, size_t n, size_t *at, size_t *len);
/* An item's leading number (1. / １　/ 一、 / (1), *paren for the last):
 * bytes of the number and the spaces after it, 0 if none. */
size_t pc_minutes_item_number(const char *s, size_t n, bool *paren);
/* An item numbered 第１　… (an assembly's 議事日程): bytes of the number and
 * the space after it, 0 if none. */
size_t pc_minutes_dai_number(const char *s, size_t n);
/* An agenda line -> the item: top-level number (1., 第１) dropped, (1)
 * kept, spaces inside words removed. */
pc_status pc_minutes_agenda_item(const char *s, size_t n, struct pc_buf *out);
/* A materials line 資料1-1：title -> "資料1-1：title"; false if the line
 * is not a material. */
bool pc_minutes_material(const char *s, size_t n, struct pc_buf *out);

/* ---- outline rules (text_outline.c) --------------------------------------- */

enum pc_outline_style {
    PC_OL_NONE,
    PC_OL_DAI,     /* 第1, 第3-1 */
    PC_OL_DOT,     /* 1. 1． 1 (with a space) */
    PC_OL_PAREN,   /* (1) （１） */
    PC_OL_CIRCLED, /* ① */
    PC_OL_BULLET   /* - text, ● text */
};

struct pc_outline_heading {
    enum pc_outline_style style;
    long num, sub;      /* 第3-1: 3 and 1; sub -1 when absent */
    int indent;         /* bullets: leading spaces */
    size_t title_at;    /* where the text after the number starts */
};

/* Recognizes a heading at the start of a (not trimmed) line. */
bool pc_outline_heading(const char *s, size_t n, struct pc_outline_heading *h);
/* First deadline in the text (2025年度（令和7年度）中に -> 2025年度中). */
bool pc_outline_deadline(const char *s, size_t n, struct pc_buf *out);
/* Appends the ministries named in the text to `found` (a ';'-joined list),
 * each once. */
pc_status pc_outline_ministries(const char *s, size_t n, struct pc_buf *found);

#endif
