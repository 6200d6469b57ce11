/* Records from tree-shaped input (JSON, XML): the readers turn their
 * parser's events into these calls, and the builder makes flat records.
 *
 * Shapes it accepts (records are objects):
 *   [ record, ... ]                      an array of records (JSON, XML root)
 *   record record ...                    records at the top (JSON Lines)
 *   {"name": [ record, ... ]}            one wrapping key (nested JSON)
 * A record's values are scalars or arrays of scalars. One array in a
 * record may hold objects instead: child records (a meeting's
 * statements); each child becomes one flat record carrying its parent's
 * values too, so nested input flattens to what CSV holds. */
#ifndef PC_TREE_H
#define PC_TREE_H

#include "../core/core.h"

#define PC_TREE_MAX_LABELS 4096
#define PC_TREE_MAX_DEPTH 8

enum pc_tree_ctx { TREE_NONE, TREE_WRAPPER, TREE_TOP, TREE_RECORD, TREE_ARRAY, TREE_CHILDREN,
                   TREE_CHILD };

struct pc_tree_child {
    size_t first_cell, ncells;
    unsigned long line;
    bool invalid;
};

struct pc_tree {
    struct pc_batch batch;
    struct pc_mark rec;       /* where the record being built starts */
    struct pc_errsink *sink;
    bool records_at_top;      /* JSON Lines: no enclosing array */
    bool allow_wrapper;       /* JSON: {"key": [records]} */
    enum pc_tree_ctx stack[PC_TREE_MAX_DEPTH];
    int depth;
    pc_status fatal;
    struct pc_label labels[PC_TREE_MAX_LABELS];
    unsigned long seen[PC_TREE_MAX_LABELS]; /* object number that last used the label */
    size_t nlabels;
    uint32_t label;           /* label of the value that comes next */
    size_t key_pos;           /* keys so far in this object */
    uint32_t guess;           /* the label the next key most likely is */
    uint32_t first_label;     /* the first key's label in the last object */
    uint32_t label_len[PC_TREE_MAX_LABELS]; /* strlen of each label's name */
    size_t array_cell;        /* cell of the array being filled */
    unsigned long objects;    /* objects started, to stamp `seen` */
    unsigned long line;       /* current line, kept by the reader */
    unsigned long rec_line, recno;
    bool invalid;             /* the object being built has an error */
    struct pc_vec children;   /* struct pc_tree_child of the record being built */
    bool top_seen;
    size_t max_field_size;
};

void pc_tree_init(struct pc_tree *t, struct pc_errsink *sink, size_t max_field_size,
                  bool records_at_top, bool allow_wrapper);
void pc_tree_free(struct pc_tree *t);

/* Each returns 1 to go on, 0 on an error (reported; t->fatal set). */
int pc_tree_start_object(struct pc_tree *t);
int pc_tree_key(struct pc_tree *t, const char *key, size_t len);
int pc_tree_end_object(struct pc_tree *t);
int pc_tree_start_array(struct pc_tree *t);
int pc_tree_end_array(struct pc_tree *t);
int pc_tree_scalar(struct pc_tree *t, enum pc_vtype type, const char *s, size_t len);

/* Reports a format-error at the current line and stops. Returns 0. */
int pc_tree_fail(struct pc_tree *t, const char *msg);
/* The field over the size limit: reports it once, returns 0 like pc_tree_fail. */
int pc_tree_too_large(struct pc_tree *t);

/* Hands out the next finished record; PC_END when the batch is empty
 * (then the reader parses more and calls pc_tree_restart first). */
pc_status pc_tree_take(struct pc_tree *t, struct pc_record *rec);
void pc_tree_restart(struct pc_tree *t);

/* The next() of a tree-shaped reader: hands out finished records and, when
 * there are none, calls parse(reader) for more until *done. */
pc_status pc_tree_next(struct pc_tree *t, const bool *done, pc_status (*parse)(void *reader),
                       void *reader, struct pc_record *rec);

#endif
