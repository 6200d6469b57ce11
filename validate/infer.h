/* Inferring a Table Schema from a sample of records (planconv infer),
 * like frictionless describe: each column gets the most specific type
 * that every sampled value fits, as planconv's own casting reads it, so
 * the schema validates the file it came from. */
#ifndef PC_INFER_H
#define PC_INFER_H

#include "../core/core.h"

#include <jansson.h>

/* A text column is offered an enum (with the enums option) when it has
 * at most this many distinct values over at least PC_INFER_ENUM_MIN_ROWS
 * records. */
#define PC_INFER_ENUM_MAX 10
#define PC_INFER_ENUM_MIN_ROWS 20

struct pc_infer;

/* NULL on ENOMEM. Caller frees with pc_infer_free. */
struct pc_infer *pc_infer_new(bool enums);

/* Takes one record's values as read (cell.label indexes the labels). */
pc_status pc_infer_record(struct pc_infer *inf, const struct pc_record *rec);

/* The schema for the labels and the records seen: a new descriptor the
 * caller frees with json_decref; NULL on ENOMEM. */
json_t *pc_infer_schema(const struct pc_infer *inf, const struct pc_label *labels, size_t n);

void pc_infer_free(struct pc_infer *inf);

#endif
