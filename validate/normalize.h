/* Normalization while casting: the Japanese forms of typed values
 * (validate/ja_date.c) written as their canonical text, free text folded, and
 * fields derived from others (x-derive). Every change is reported as a
 * normalization (code PC_OK, type "normalized", with cell, fixed, rule),
 * or as an error under --strict. */
#ifndef PC_NORMALIZE_H
#define PC_NORMALIZE_H

#include "schema.h"

enum {
    PC_CAST_STRICT = 1,    /* every normalization is an error */
    PC_CAST_FIX = 2,       /* replace machine-dependent characters */
    PC_CAST_KEEP_TEXT = 4, /* leave string fields as read */
    PC_CAST_NORMALIZE_ALL = 8, /* every x-normalize rule on, whatever the schema says */
    /* Tree input (JSON, XML): a list is an array, never one string, and
     * when validating a value is valid as written (no Japanese forms). */
    PC_CAST_TREE = 16,
    /* Values carry their JSON type: a string is no number, a number no string. */
    PC_CAST_TYPED = 32,
    /* Converting tree input: a value of the wrong JSON type, or a list as
     * one string, is cast, as a reported normalization (an error under
     * PC_CAST_STRICT); Japanese forms are read. */
    PC_CAST_RETYPE = 64
};

/* One field of one record being cast. */
struct pc_norm_ctx {
    const struct pc_schema *schema;
    struct pc_record *rec;
    struct pc_errsink *sink;
    size_t field;
    unsigned flags;
};

enum pc_norm_result {
    PC_NORM_NONE,  /* not a form we know: the caller reports its type error */
    PC_NORM_DONE,  /* v now holds canonical text of the field's type */
    PC_NORM_ERROR  /* an error was reported */
};

/* A value whose JSON type is not the field's: with PC_CAST_TYPED a string
 * for a number or boolean, a number or boolean for a string; with
 * PC_CAST_TREE a string for a list (`list`).
 * PC_NORM_NONE: it fits; PC_NORM_DONE: cast (v->type now fits the text's
 * casting); PC_NORM_ERROR: a type-error or strict-error was reported. */
enum pc_norm_result pc_norm_json_type(const struct pc_norm_ctx *c, struct pc_value *v, bool list);

/* A typed field's text that is not canonical: tries the Japanese forms. */
enum pc_norm_result pc_norm_typed(const struct pc_norm_ctx *c, struct pc_value *v);

/* A string field: half-width katakana folded, machine-dependent characters
 * flagged (and replaced with PC_CAST_FIX). False if an error was reported. */
bool pc_norm_text(const struct pc_norm_ctx *c, struct pc_value *v);

/* A value kept as read (type any, a table of no kind): with PC_CAST_FIX
 * only, its machine-dependent characters replaced, nothing else changed.
 * False if an error was reported. */
bool pc_norm_fix(const struct pc_norm_ctx *c, struct pc_value *v);

/* Marks the string cells of row that hold no half-width kana and no
 * machine-dependent character (PC_VALUE_JA_PLAIN), for pc_norm_text and
 * pc_norm_fix to skip: the reader thread does the scans, whose results
 * need no schema, while this thread casts. */
void pc_norm_prescan(struct pc_batch *b, const struct pc_row *row);

/* The periods and time ranges that derived fields were filled from, by
 * their text: a table repeats its deadlines (a few hundred distinct ones
 * in a million rows), so each is read once, not once per row and field.
 * Bounded: PC_NORM_CACHE_SLOTS texts of up to PC_NORM_CACHE_KEY bytes,
 * direct-mapped (a text takes the slot of the one before it that hashed
 * there); a longer text is read every time. One per conversion: not
 * shared between threads. */
#define PC_NORM_CACHE_SLOTS 1024
#define PC_NORM_CACHE_KEY 64
struct pc_norm_cache;

/* NULL on ENOMEM; free with pc_norm_cache_free. */
struct pc_norm_cache *pc_norm_cache_new(void);
void pc_norm_cache_free(struct pc_norm_cache *c);

/* Fills the empty fields that have x-derive from their source field.
 * A missing cell is added: the record is then copied into `scratch`
 * (which must outlive the record's use) and `slot` updated. `cache`
 * (NULL: none) keeps the sources read. False if an error was reported;
 * *st is set on ENOMEM. */
bool pc_derive_fields(const struct pc_schema *s, struct pc_record *rec, int *slot,
                      struct pc_errsink *sink, unsigned flags, struct pc_batch *scratch,
                      struct pc_norm_cache *cache, pc_status *st);

#endif
