/* Internal building blocks shared by every module: growable buffers,
 * the record model and error construction. Not installed. */
#ifndef PC_CORE_H
#define PC_CORE_H

#include "planconv.h"

#include <libintl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* Flags the bytes of x that are zero, 8 at a time: the lowest flag is
 * exact (one above a zero byte may be false), so any flag means a zero. */
#define PC_HAS_ZERO_BYTE(x) (((x) - 0x0101010101010101ull) & ~(x) & 0x8080808080808080ull)

/* ---- growable byte buffer ------------------------------------------- */

struct pc_buf {
    char *data;
    size_t len, cap;
};

/* All return PC_ENOMEM on failure and leave the buffer as it was. */
pc_status pc_buf_reserve(struct pc_buf *b, size_t extra);
pc_status pc_buf_append(struct pc_buf *b, const void *p, size_t n);
pc_status pc_buf_printf(struct pc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void pc_buf_free(struct pc_buf *b);

/* A growable array of fixed-size elements. */
struct pc_vec {
    void *data;
    size_t len, cap, elem;
};
void pc_vec_init(struct pc_vec *v, size_t elem);
/* Returns a pointer to a new zeroed element at the end, NULL on ENOMEM. */
void *pc_vec_push(struct pc_vec *v);
void pc_vec_free(struct pc_vec *v);
#define PC_VEC_AT(v, type, i) (((type *)(v)->data)[i])

/* Duplicates a string; aborts never, returns NULL on ENOMEM. */
char *pc_strndup(const char *s, size_t n);

/* ---- the record model ------------------------------------------------ */

/* The type of one value. Readers produce STRING (text as written),
 * NUMBER and BOOLEAN (JSON literals), NULL and ARRAY; casting turns them
 * into the schema's types. */
enum pc_vtype {
    PC_T_ABSENT = 0,
    PC_T_NULL,
    PC_T_STRING,
    PC_T_INTEGER,
    PC_T_NUMBER,
    PC_T_BOOLEAN,
    PC_T_DATE,
    PC_T_TIME,
    PC_T_DATETIME,
    PC_T_YEAR,
    PC_T_ARRAY,
    PC_T_ANY, /* a field type only: any scalar, kept as read */
    PC_T_YEARMONTH, /* 2024-01 */
    PC_T_DURATION,  /* ISO 8601 duration, P1Y2M */
    PC_T_GEOPOINT,  /* text as the field's format writes it */
    PC_T_JSON,      /* a value only: JSON text (object, array, geojson), written as JSON */
    PC_T_OBJECT,    /* field types only, whose values are PC_T_JSON */
    PC_T_JSON_ARRAY,
    PC_T_GEOJSON
};

/* A value is an offset into its batch's text (never a pointer, so the
 * text can grow). For ARRAY, off is the first item and len the count. */
struct pc_value {
    uint16_t type;
    uint16_t flags; /* PC_VALUE_* */
    uint32_t len;
    size_t off;
};
/* The text was found to hold no half-width kana and no machine-dependent
 * character (pc_norm_prescan, in the reader thread): the normalizer skips
 * its scans. Whoever changes the text clears the flag. */
#define PC_VALUE_JA_PLAIN 1u

/* One (label, value) pair. Labels are numbered by the reader: CSV by
 * column, JSON by first appearance of the key. */
struct pc_cell {
    uint32_t label;
    struct pc_value v;
};

/* Records are parsed in batches (one input chunk's worth) that share one
 * text buffer, so a record costs no allocation of its own. */
struct pc_batch {
    struct pc_buf text;
    struct pc_vec cells; /* struct pc_cell */
    struct pc_vec items; /* struct pc_value, array items */
    struct pc_vec rows;  /* struct pc_row */
    size_t next;         /* next row to hand out */
};

struct pc_row {
    size_t first_cell, ncells;
    unsigned long line, recno;
    bool invalid; /* the reader found an error in it */
};

void pc_batch_init(struct pc_batch *b);
void pc_batch_reset(struct pc_batch *b);
void pc_batch_free(struct pc_batch *b);
/* Appends text, returns its offset through *off. */
pc_status pc_batch_text(struct pc_batch *b, const char *s, size_t n, size_t *off);
/* Points v at a copy of s[0..n) appended to b's text, its flags cleared. */
pc_status pc_value_set_text(struct pc_batch *b, struct pc_value *v, const char *s, size_t n);

/* A view of one record, valid until the reader's next call.
 * `slot[i]` is the cell index (relative to first_cell) of schema field i,
 * or -1 when absent; filled by the pipeline after casting. */
struct pc_record {
    struct pc_batch *batch;
    size_t first_cell, ncells;
    unsigned long line, recno;
    bool invalid;
    const int *slot;
};

/* Where a record under construction starts in its batch. */
struct pc_mark {
    size_t cell, item, text;
};
static inline struct pc_mark pc_batch_mark(const struct pc_batch *b)
{
    return (struct pc_mark){b->cells.len, b->items.len, b->text.len};
}
/* Empties the batch but for a record under construction from `m` on,
 * which moves to the front (its cells, items and text, offsets fixed). */
void pc_batch_restart(struct pc_batch *b, struct pc_mark *m);

/* Appends a copy of rec (its cells, their items and text) as the batch's
 * next row. */
pc_status pc_batch_copy_record(struct pc_batch *b, const struct pc_record *rec);

/* Hands out the batch's next row as a record; PC_END when all are out. */
pc_status pc_batch_take(struct pc_batch *b, struct pc_record *rec);

/* Adds an array cell of `count` strings stored back to back, each ended
 * by a NUL, in `items` (nothing when count is 0). */
pc_status pc_batch_add_list(struct pc_batch *b, uint32_t label, const char *items, size_t count);

static inline struct pc_cell *pc_record_cell(const struct pc_record *r, size_t i)
{
    return &PC_VEC_AT(&r->batch->cells, struct pc_cell, r->first_cell + i);
}

static inline const char *pc_value_text(const struct pc_batch *b, const struct pc_value *v)
{
    return b->text.data + v->off;
}

static inline struct pc_value *pc_value_item(const struct pc_batch *b, const struct pc_value *v,
                                             size_t i)
{
    return &PC_VEC_AT(&b->items, struct pc_value, v->off + i);
}

/* A column header or key, numbered by the reader in order of appearance. */
struct pc_label {
    char *name;
    unsigned long line; /* where it first appeared */
    bool container;     /* a key holding child records, not a value */
    unsigned long column; /* 1-based column of a table (CSV, sheet); 0: no table's */
};

/* The column's name as a spreadsheet shows it: 1 is A, 27 AA, 16384 XFD.
 * `out` holds 8 bytes; "" for 0. */
void pc_column_letters(unsigned long column, char out[8]);

/* Messages are translated (gettext, domain "planconv") when they are
 * reported: pc_report translates its format; PC_() marks and translates
 * text composed elsewhere. The program chooses the locale; the library
 * binds its domain itself (core/i18n.c). */
const char *pc_gettext(const char *msgid) __attribute__((format_arg(1)));
/* The form for n of a message with a plural (ngettext). */
const char *pc_ngettext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));
#define PC_(s) pc_gettext(s)
/* Marks a message that is translated later, where it is used. */
#define N_(s) (s)

/* ---- errors ------------------------------------------------------------ */

/* A format's translation kept by a sink (see pc_errsink.formats). */
#define PC_SINK_FORMATS 8     /* formats kept at a time */
#define PC_SINK_FORMAT_MAX 96 /* bytes; a longer format is translated every time */
struct pc_sink_format {
    const char *fmt, *text; /* the format as given, and translated */
    bool plain;             /* text has no conversion but %s and %% */
    char copy[PC_SINK_FORMAT_MAX];
};

/* Where errors go while one file is processed. */
struct pc_errsink {
    pc_error_fn fn;
    void *ud;
    const char *source;
    /* counted by severity; `errors` includes the lint findings */
    unsigned long errors, warnings, normalizations, limit;
    /* Past `limit`, warnings and normalizations still reach fn, unformed:
     * their type, rule and position, message NULL and no cells
     * (pc_options.tally). */
    bool tally;
    /* rows before the first record (the header): rowNumber = record +
     * header_rows; 0 counts as 1 */
    unsigned long header_rows;
    /* The record being checked and the labels its cells index, so that an
     * error about one of its fields names the cell's column and carries its
     * cells; NULL between records. */
    const struct pc_record *rec;
    const struct pc_label *labels;
    size_t nlabels;
    /* The sheet being read, set by a workbook's reader; NULL otherwise. */
    const char *sheet;
    /* The formats reported last and their translations, by address and
     * text (a caller may compose a format in a buffer of its own): gettext
     * searches its catalogs at every call, and a file reports the same few
     * formats over and over (every row's derived dates). A translation is
     * thus looked up once per sink, that is per file. */
    struct pc_sink_format formats[PC_SINK_FORMATS];
};

/* Reports an error. `e` holds the position and states its severity (the
 * caller knows it; PC_SEV_ERROR if unset); message is printf-formatted and
 * translated here, once: callers pass untranslated formats.
 * Returns e->code so callers can `return pc_report(...)`. */
pc_status pc_report(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
pc_status pc_vreport(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* Whether the next report of severity `sev` reaches the sink's callback:
 * not without one, nor past the limit of its severity. A report that does
 * not is only counted, so its caller need not compose its text (a warning
 * raised on every row of a large file). */
bool pc_report_passes(struct pc_errsink *sink, enum pc_severity sev);
/* Counts and passes on an error another sink has formed (its message,
 * source and cells filled in): one a reader reported in another thread,
 * held until the records before it were read (convert/threads.c). */
void pc_report_formed(struct pc_errsink *sink, const struct pc_error *e);

#endif
