/* Casting: turns the text a reader found into the schema's types, in
 * place, and checks the constraints one record can show. */
#ifndef PC_TYPES_H
#define PC_TYPES_H

#include "schema.h"

/* Normalization options: `flags` are PC_CAST_* (normalize.h); empty
 * fields with x-derive are filled first, a missing one as a new cell (slot
 * updated; the record is then copied into `scratch`). NULL scratch:
 * nothing is derived. */
struct pc_cast_opts {
    unsigned flags;
    struct pc_batch *scratch;
};
/* `slot[i]` is the cell of field i in rec, or -1. Reports every problem
 * to `sink` and returns false if the record is invalid. */
bool pc_cast_record(const struct pc_schema *s, struct pc_record *rec, int *slot,
                    struct pc_errsink *sink, const struct pc_cast_opts *o);

/* Checks one value's text against a type (exposed for unit tests). */
bool pc_text_is_integer(const char *s, size_t n);
bool pc_text_is_number(const char *s, size_t n);
bool pc_text_is_date(const char *s, size_t n);
bool pc_text_is_time(const char *s, size_t n);
bool pc_text_is_datetime(const char *s, size_t n);

#endif
