/* Cross-record checks: unique fields, the primary key and foreign keys
 * within the table. Records stream through; the checker keeps only the
 * distinct keys it has seen (memory O(distinct keys)) and the references
 * it could not resolve yet, since a parent may come after its child. */
#ifndef PC_CHECK_H
#define PC_CHECK_H

#include "schema.h"

struct pc_checker;

/* A checker for records of `s`, which must outlive it. NULL on ENOMEM.
 * Caller frees with pc_checker_free. */
struct pc_checker *pc_checker_new(const struct pc_schema *s);

/* Checks one cast record (rec->slot filled). Sets *valid to false and
 * reports to `sink` if it repeats a unique value or key or misses a key
 * value. Returns PC_ENOMEM only when it cannot remember the record. */
pc_status pc_checker_record(struct pc_checker *c, const struct pc_record *rec,
                            struct pc_errsink *sink, bool *valid);

/* Reports each reference that no record resolved, in input order.
 * Returns PC_INVALID if there was any, else PC_OK. */
pc_status pc_checker_finish(struct pc_checker *c, struct pc_errsink *sink);

/* The bytes the checker compares for key `k` of rec (valid until the next
 * call), their length in *n; NULL when a value is missing (or out of
 * memory: *n is then SIZE_MAX). For keys across resources
 * (convert/package.c), built as the checker builds its own. */
const char *pc_checker_key_bytes(struct pc_checker *c, const struct pc_key *k,
                                 const struct pc_record *rec, size_t *n);

void pc_checker_free(struct pc_checker *c);

#endif
