/* The record builder for tree-shaped input. */
#include "tree.h"

#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pc_tree_init(struct pc_tree *t, struct pc_errsink *sink, size_t max_field_size,
                  bool records_at_top, bool allow_wrapper)
{
    memset(t, 0, sizeof *t);
    pc_batch_init(&t->batch);
    pc_vec_init(&t->children, sizeof(struct pc_tree_child));
    t->sink = sink;
    t->records_at_top = records_at_top;
    t->allow_wrapper = allow_wrapper;
    t->max_field_size = max_field_size;
}

void pc_tree_free(struct pc_tree *t)
{
    pc_batch_free(&t->batch);
    pc_vec_free(&t->children);
    for (size_t i = 0; i < t->nlabels; i++) free(t->labels[i].name);
}

int pc_tree_fail(struct pc_tree *t, const char *msg)
{
    if (!t->fatal)
        t->fatal = pc_reader_error(t->sink, PC_INVALID, "format-error", t->line, t->recno + 1, "%s",
                                   PC_(msg));
    return 0;
}

int pc_tree_too_large(struct pc_tree *t)
{
    if (!t->fatal)
        t->fatal = pc_reader_too_large(t->sink, t->line, t->recno + 1, t->max_field_size);
    return 0;
}

static int nomem(struct pc_tree *t)
{
    t->fatal = PC_ENOMEM;
    return 0;
}

static enum pc_tree_ctx top(const struct pc_tree *t)
{
    return t->depth ? t->stack[t->depth - 1] : TREE_NONE;
}

static int push(struct pc_tree *t, enum pc_tree_ctx c)
{
    if (t->depth == PC_TREE_MAX_DEPTH) return pc_tree_fail(t, "the input is nested too deeply");
    t->stack[t->depth++] = c;
    return 1;
}

static void begin_object(struct pc_tree *t)
{
    t->objects++;
    t->key_pos = 0;
    t->guess = t->first_label; /* objects tend to list their keys alike */
}

int pc_tree_start_object(struct pc_tree *t)
{
    switch (top(t)) {
    case TREE_NONE:
        if (t->records_at_top) break;
        if (t->allow_wrapper && !t->top_seen) return push(t, TREE_WRAPPER);
        return pc_tree_fail(t, "expected an array of records, found an object");
    case TREE_TOP: break;
    case TREE_ARRAY: {
        /* an array of objects: child records of this record (one such
         * array per record, and no grandchildren) */
        struct pc_cell *c = &PC_VEC_AT(&t->batch.cells, struct pc_cell, t->array_cell);
        if (c->v.len > 0) return pc_tree_fail(t, "a list mixes values and objects");
        if (t->stack[t->depth - 2] != TREE_RECORD || t->children.len > 0)
            return pc_tree_fail(t, "only one list of child records is allowed in a record");
        t->batch.cells.len--; /* the array itself is no value */
        t->labels[c->label].container = true;
        t->stack[t->depth - 1] = TREE_CHILDREN;
    } /* fall through */
    case TREE_CHILDREN: {
        struct pc_tree_child *ch = pc_vec_push(&t->children);
        if (!ch) return nomem(t);
        ch->first_cell = t->batch.cells.len;
        ch->line = t->line;
        begin_object(t);
        return push(t, TREE_CHILD);
    }
    default:
        return pc_tree_fail(t, "a record holds an object; values must be text, numbers, "
                               "booleans or arrays of them");
    }
    t->rec_line = t->line;
    t->invalid = false;
    t->rec = pc_batch_mark(&t->batch);
    t->children.len = 0;
    begin_object(t);
    return push(t, TREE_RECORD);
}

static int intern(struct pc_tree *t, const char *key, size_t len, uint32_t *label)
{
    /* the key after the previous one (or the first key of the last
     * object) is the likely one; lengths are compared before bytes */
    if (len > UINT32_MAX) return pc_tree_fail(t, "a key is too long");
    size_t guess = t->guess < t->nlabels ? t->guess : 0;
    for (size_t k = 0, i = guess; k < t->nlabels; k++, i = i + 1 == t->nlabels ? 0 : i + 1) {
        if (t->label_len[i] == len && memcmp(t->labels[i].name, key, len) == 0) {
            *label = (uint32_t)i;
            return 1;
        }
    }
    if (t->nlabels == PC_TREE_MAX_LABELS) return pc_tree_fail(t, "too many different keys");
    if (memchr(key, '\0', len)) return pc_tree_fail(t, "a key holds a NUL character");
    if (!(t->labels[t->nlabels].name = pc_strndup(key, len))) return nomem(t);
    t->labels[t->nlabels].line = t->line;
    t->label_len[t->nlabels] = (uint32_t)len;
    *label = (uint32_t)t->nlabels++;
    return 1;
}

int pc_tree_key(struct pc_tree *t, const char *key, size_t len)
{
    if (top(t) == TREE_WRAPPER) return 1; /* the wrapping key names the records: any name */
    if (!intern(t, key, len, &t->label)) return 0;
    if (t->key_pos++ == 0) t->first_label = t->label;
    t->guess = t->label + 1;
    if (t->seen[t->label] == t->objects) {
        t->invalid = true;
        pc_reader_error(t->sink, PC_INVALID, "duplicate-label", t->line, t->recno + 1,
                        "the key \"%s\" appears twice in the record", t->labels[t->label].name);
    }
    t->seen[t->label] = t->objects;
    return 1;
}

static struct pc_row *new_row(struct pc_tree *t, size_t first, unsigned long line)
{
    struct pc_row *row = pc_vec_push(&t->batch.rows);
    if (!row) return NULL;
    row->first_cell = first;
    row->line = line;
    row->recno = ++t->recno;
    row->invalid = t->invalid;
    return row;
}

/* A record with children becomes one row per child: the parent's cells
 * (those outside every child) copied before each child's cells. */
static int emit_children(struct pc_tree *t)
{
    size_t end = t->batch.cells.len, nchildren = t->children.len;
    for (size_t i = 0; i < nchildren; i++) {
        struct pc_tree_child ch = PC_VEC_AT(&t->children, struct pc_tree_child, i);
        size_t first = t->batch.cells.len;
        size_t c = t->rec.cell, k = 0;
        while (c < end) {
            const struct pc_tree_child *in = k < nchildren
                ? &PC_VEC_AT(&t->children, struct pc_tree_child, k) : NULL;
            if (in && c == in->first_cell) {
                c += in->ncells;
                k++;
                continue;
            }
            struct pc_cell *dst = pc_vec_push(&t->batch.cells);
            if (!dst) return nomem(t);
            *dst = PC_VEC_AT(&t->batch.cells, struct pc_cell, c++);
        }
        for (size_t j = 0; j < ch.ncells; j++) {
            struct pc_cell *dst = pc_vec_push(&t->batch.cells);
            if (!dst) return nomem(t);
            *dst = PC_VEC_AT(&t->batch.cells, struct pc_cell, ch.first_cell + j);
        }
        t->invalid = ch.invalid;
        struct pc_row *row = new_row(t, first, ch.line);
        if (!row) return nomem(t);
        row->ncells = t->batch.cells.len - first;
    }
    return 1;
}

int pc_tree_end_object(struct pc_tree *t)
{
    enum pc_tree_ctx c = top(t);
    t->depth--;
    if (c == TREE_WRAPPER) return 1;
    if (c == TREE_CHILD) {
        struct pc_tree_child *ch =
            &PC_VEC_AT(&t->children, struct pc_tree_child, t->children.len - 1);
        ch->ncells = t->batch.cells.len - ch->first_cell;
        ch->invalid = t->invalid;
        t->invalid = false;
        return 1;
    }
    if (t->children.len) {
        bool parent_invalid = t->invalid;
        for (size_t i = 0; i < t->children.len; i++)
            PC_VEC_AT(&t->children, struct pc_tree_child, i).invalid |= parent_invalid;
        if (!emit_children(t)) return 0;
    } else {
        struct pc_row *row = new_row(t, t->rec.cell, t->rec_line);
        if (!row) return nomem(t);
        row->ncells = t->batch.cells.len - t->rec.cell;
    }
    t->rec = pc_batch_mark(&t->batch);
    return 1;
}

int pc_tree_start_array(struct pc_tree *t)
{
    switch (top(t)) {
    case TREE_NONE:
        if (t->records_at_top) return pc_tree_fail(t, "expected an object for each record, "
                                                      "found an array");
        if (t->top_seen) return pc_tree_fail(t, "more than one array of records");
        /* fall through */
    case TREE_WRAPPER:
        t->top_seen = true;
        return push(t, TREE_TOP);
    case TREE_RECORD:
    case TREE_CHILD:
        if (!pc_tree_scalar(t, PC_T_ARRAY, "", 0)) return 0;
        t->array_cell = t->batch.cells.len - 1;
        PC_VEC_AT(&t->batch.cells, struct pc_cell, t->array_cell).v.off = t->batch.items.len;
        return push(t, TREE_ARRAY);
    case TREE_TOP:
        return pc_tree_fail(t, "expected an object for each record, found an array");
    default:
        return pc_tree_fail(t, "arrays inside arrays have no place in a record");
    }
}

int pc_tree_end_array(struct pc_tree *t)
{
    t->depth--;
    return 1;
}

int pc_tree_scalar(struct pc_tree *t, enum pc_vtype type, const char *s, size_t len)
{
    enum pc_tree_ctx c = top(t);
    if (c != TREE_RECORD && c != TREE_CHILD && c != TREE_ARRAY)
        return pc_tree_fail(t, c == TREE_CHILDREN ? "a list mixes values and objects"
                                                  : "expected an object for each record, "
                                                    "found a value");
    if (len > t->max_field_size) return pc_tree_too_large(t);
    size_t off;
    if (pc_batch_text(&t->batch, s, len, &off)) return nomem(t);
    struct pc_value v = {.type = type, .len = (uint32_t)len, .off = off};
    if (c == TREE_ARRAY) {
        struct pc_value *it = pc_vec_push(&t->batch.items);
        if (!it) return nomem(t);
        *it = v;
        PC_VEC_AT(&t->batch.cells, struct pc_cell, t->array_cell).v.len++;
        return 1;
    }
    struct pc_cell *cell = pc_vec_push(&t->batch.cells);
    if (!cell) return nomem(t);
    cell->label = t->label;
    cell->v = v;
    return 1;
}

pc_status pc_tree_take(struct pc_tree *t, struct pc_record *rec)
{
    return pc_batch_take(&t->batch, rec);
}

void pc_tree_restart(struct pc_tree *t)
{
    /* child ranges point into the record being built: rebase them too */
    size_t shift = t->rec.cell;
    pc_batch_restart(&t->batch, &t->rec);
    for (size_t i = 0; i < t->children.len; i++)
        PC_VEC_AT(&t->children, struct pc_tree_child, i).first_cell -= shift;
    if (top(t) == TREE_ARRAY) t->array_cell -= shift;
}

pc_status pc_tree_next(struct pc_tree *t, const bool *done, pc_status (*parse)(void *reader),
                       void *reader, struct pc_record *rec)
{
    for (;;) {
        if (pc_tree_take(t, rec) == PC_OK) return PC_OK;
        if (t->fatal) return t->fatal;
        if (*done) return PC_END;
        pc_tree_restart(t);
        pc_status st = parse(reader);
        if (st) return t->fatal = st;
    }
}
