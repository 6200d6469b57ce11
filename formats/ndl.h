/* The National Diet Library's minutes API (国会会議録検索システム検索用API)
 * into the minutes kind: what its JSON and XML packings share.
 *
 * Both parsers (ndl_json.c with YAJL, ndl_xml.c with xmlTextReader) turn
 * the document into three events: a container opens (meetingRecord,
 * speechRecord, or a wrapper such as data, records, recordData), a named
 * scalar value, a container closes. The builder here keeps one meeting:
 *   - meeting API: meetingRecord { session, nameOfHouse, ..., speechRecord [...] }
 *   - speech API: speechRecord [...] flat, each carrying its meeting's fields;
 *     consecutive records of one issueID are one meeting
 *   - the old API (before 2019): data.records.record[].recordData.meetingRecord
 * speechOrder 0 (speaker 会議録情報) is the meeting's header: its text gives
 * the opening time, the attendance roster and the agenda, and is no statement.
 * A meeting's statements are held until it ends, because its closing time
 * (…散会) is in its last statement and every row carries it. */
#ifndef PC_NDL_H
#define PC_NDL_H

#include "format.h"
#include "text_lines.h"

/* A meeting held whole may not exceed this (text of its statements); the
 * API's longest meetings are a few MB. */
#define PC_NDL_MAX_MEETING (64u * 1024 * 1024)

enum pc_ndl_field {
    /* meeting */
    NF_ISSUE_ID,
    NF_SESSION,
    NF_HOUSE,
    NF_MEETING,
    NF_ISSUE,
    NF_DATE,
    /* speech */
    NF_ORDER,
    NF_SPEAKER,
    NF_YOMI,
    NF_GROUP,
    NF_POSITION,
    NF_ROLE,
    NF_SPEECH,
    NF_URL,
    NF_COUNT
};
#define NF_FIRST_SPEECH NF_ORDER

struct pc_ndl_stmt {
    size_t off[NF_COUNT], len[NF_COUNT]; /* in held; len 0: absent */
    size_t role_off, role_len, text_off, text_len;
    bool has_text;
    unsigned long line;
};

struct pc_ndl {
    struct pc_read_ctx ctx;
    struct pc_batch batch;
    size_t ready;                           /* rows of the batch that may be handed out */
    int depth, meeting_depth, speech_depth; /* 0: not open */
    /* the meeting: its fields, and what its header record said */
    struct pc_buf meeting[NF_FIRST_SPEECH], start, end, agenda, attendance;
    size_t nagenda, nattendance;
    bool have_meeting;
    /* the speech record being read (its meeting's fields too, for the speech API) */
    struct pc_buf speech[NF_COUNT];
    bool speech_set[NF_COUNT];
    unsigned long speech_line;
    /* the statements of the meeting, held until it ends */
    struct pc_vec held; /* struct pc_ndl_stmt */
    struct pc_buf held_text;
    struct pc_buf api_message; /* the API's error answer, when it is one */
    bool warned_no_text;
    unsigned long records;
    pc_status fatal;
};

void pc_ndl_init(struct pc_ndl *b, const struct pc_read_ctx *ctx);
void pc_ndl_free(struct pc_ndl *b);
/* Events; each returns 1 to go on, 0 on an error (reported, b->fatal set).
 * `name` is the key or element name (NULL for an array item without one). */
int pc_ndl_open(struct pc_ndl *b, const char *name, size_t n, unsigned long line);
int pc_ndl_value(struct pc_ndl *b, const char *name, size_t n, const char *s, size_t sn, bool null,
                 unsigned long line);
int pc_ndl_close(struct pc_ndl *b, unsigned long line);
/* The input ended: the meeting in progress is complete. */
pc_status pc_ndl_end(struct pc_ndl *b, unsigned long line);
/* The next record ready; PC_END when none is (parse more, or the end). */
pc_status pc_ndl_take(struct pc_ndl *b, struct pc_record *rec);
/* Reports an error at `line` and stops (b->fatal); returns 0. */
int pc_ndl_fail(struct pc_ndl *b, unsigned long line, enum pc_hint hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Reports a value over the field size limit and stops; returns 0. */
int pc_ndl_too_large(struct pc_ndl *b, unsigned long line);
size_t pc_ndl_labels(const struct pc_label **labels);

/* The two packings' readers (ndl_json.c, ndl_xml.c); the caller frees the
 * result with its ops->free. */
pc_status pc_ndl_json_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out);
pc_status pc_ndl_xml_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out);

/* Header record rules, each on one line of the header's text (tested in
 * tests/unit): a time line 午後三時開議 -> the time as written (a view). */
bool pc_ndl_time_line(const char *s, size_t n, const char *const *words, struct pc_span *time);
/* A roster line (　理事　村井　英樹君　理事　田野瀬太道君) -> the names, each
 * without its spaces and 君, appended to `names` NUL-separated; returns
 * how many. */
size_t pc_ndl_roster_names(const char *s, size_t n, struct pc_buf *names, pc_status *st);
/* A rule line: ―――, ─────, ………, ――◇―― */
bool pc_ndl_rule_line(const char *s, size_t n);
/* The speaker label at the start of a statement (○内閣総理大臣（岸田文雄君）　):
 * its length with the space after it, the role it names (empty for
 * ○下野六太君) and the name as written without 君 (views). `speaker` is
 * the API's name, NULL if none. */
size_t pc_ndl_label(const char *s, size_t n, const char *speaker, size_t speaker_n,
                    struct pc_span *role, struct pc_span *name);

#endif
