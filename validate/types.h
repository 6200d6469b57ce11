/* Casting: turns the text a reader found into the schema's types, in
 * place, and checks the constraints one record can show. */
#ifndef PC_TYPES_H
#define PC_TYPES_H

#include "schema.h"

/* Normalization options: `flags` are PC_CAST_* (normalize.h); empty
 * fields with x-derive are filled first, a missing one as a new cell (slot
 * updated; the record is then copied into `scratch`). NULL scratch:
 * nothing is derived. `cache` (normalize.h; NULL: none) keeps what the
 * records before this one derived from. */
struct pc_cast_opts {
    unsigned flags;
    struct pc_batch *scratch;
    struct pc_norm_cache *cache;
};
/* `slot[i]` is the cell of field i in rec, or -1. Reports every problem
 * to `sink` and returns false if the record is invalid. */
bool pc_cast_record(const struct pc_schema *s, struct pc_record *rec, int *slot,
                    struct pc_errsink *sink, const struct pc_cast_opts *o);

/* Numbers longer than this (bytes) are refused: their canonical text is
 * built in a fixed buffer. */
#define PC_CAST_MAX_NUMBER 400

/* One value cast to a field's type: `text`/`len` is its canonical text
 * (the input itself, or `buf`); on failure `why`, when set, is the
 * message to give instead of "VALUE is not TYPE" (a format taking the
 * value, marked for translation). */
struct pc_cast_out {
    const char *text;
    size_t len;
    const char *key; /* what compares and sorts like the value (ISO for dates); NULL: text */
    size_t keylen;
    const char *why;
    double num;   /* number, integer, year: the value */
    char buf[PC_CAST_MAX_NUMBER + 64];
};

/* The kind of reader value being cast: text as written, or a JSON
 * literal (a number or boolean keeps its JSON meaning). */
enum pc_cast_src { PC_SRC_TEXT, PC_SRC_NUMBER, PC_SRC_BOOLEAN };

/* Casts one value to f's type and format (no constraints). */
bool pc_cast_text(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                  struct pc_cast_out *o);

/* The families (types_num.c, types_time.c, types_json.c). */
bool pc_cast_integer(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                     struct pc_cast_out *o);
bool pc_cast_number(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                    struct pc_cast_out *o);
bool pc_cast_boolean(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                     struct pc_cast_out *o);
bool pc_cast_temporal(const struct pc_field *f, const char *s, size_t n, struct pc_cast_out *o);
bool pc_cast_json(const struct pc_field *f, const char *s, size_t n, struct pc_cast_out *o);
bool pc_cast_geopoint(const struct pc_field *f, const char *s, size_t n, struct pc_cast_out *o);
bool pc_cast_string_format(const struct pc_field *f, const char *s, size_t n,
                           struct pc_cast_out *o);

/* True if planconv reads every directive of a strptime pattern. */
bool pc_strptime_pattern_ok(const char *pattern);

#endif
