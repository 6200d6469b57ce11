/* Cross-record checks: unique, primaryKey and foreignKeys. */
#include "check.h"

#include "../core/hashset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line as a set's value: saturates at UINT32_MAX. */
static uint32_t line32(unsigned long line)
{
    return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

/* ---- nesting: a parent's records come together and agree -------------- */

/* For x-nest schemas (minutes): the records of one parent (meeting) must
 * be consecutive, and repeat the same parent fields. Holds the keys of the
 * parents seen and the open parent's values, not its records. */
struct nesting {
    struct pc_group group;
    struct pc_strset seen; /* parent keys, with the line each first appeared on */
    unsigned long line;    /* where the open parent started */
    struct pc_buf values;  /* the open parent's field values, as compared */
    size_t *off, *len;     /* per field into values */
};

/* ---- the checker ------------------------------------------------------- */

/* One key whose values are remembered: a unique field, the primary key,
 * or the target of a foreign key. Targets that are also unique or the
 * primary key share its set. */
struct keyset {
    struct pc_key key;
    const char *error; /* unique-error, primary-key; NULL: only a target */
    struct pc_strset set;
};

/* A reference not resolved when its record was read. */
struct pending {
    size_t fkey;
    size_t key_off, key_len;   /* into checker.pending_text */
    size_t cell_off, cell_len; /* the value as shown, into pending_text */
    unsigned long line, recno;
};

struct pc_checker {
    const struct pc_schema *schema;
    struct keyset *sets;
    size_t nsets;
    size_t *fkey_target; /* per foreign key, its target's index in sets */
    int *field_index;    /* field_index[i] == i: storage for one-field keys */
    struct pc_vec pending;
    struct pc_buf pending_text;
    struct pc_buf key, cell; /* scratch for the record at hand */
    bool cell_is_key;        /* the cell is the key's bytes, not made yet */
    struct nesting nest;
};

static bool same_key(const struct pc_key *a, const struct pc_key *b)
{
    return a->n == b->n && memcmp(a->fields, b->fields, a->n * sizeof *a->fields) == 0;
}

/* Index of the set for `k`, added if new; `error` upgrades a target. */
static size_t add_keyset(struct pc_checker *c, const struct pc_key *k, const char *error)
{
    for (size_t i = 0; i < c->nsets; i++)
        if (same_key(&c->sets[i].key, k)) {
            if (!c->sets[i].error) c->sets[i].error = error;
            return i;
        }
    c->sets[c->nsets] = (struct keyset){.key = *k, .error = error};
    return c->nsets++;
}

struct pc_checker *pc_checker_new(const struct pc_schema *s)
{
    struct pc_checker *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->schema = s;
    pc_vec_init(&c->pending, sizeof(struct pending));
    /* at most one set per field, the primary key, each unique key and
     * each foreign key */
    c->sets = calloc(s->nfields + 1 + s->nunique_keys + s->nfkeys, sizeof *c->sets);
    c->fkey_target = calloc(s->nfkeys + 1, sizeof *c->fkey_target);
    c->field_index = calloc(s->nfields, sizeof *c->field_index);
    if (!c->sets || !c->fkey_target || !c->field_index) {
        pc_checker_free(c);
        return NULL;
    }
    for (size_t i = 0; i < s->nfields; i++) {
        c->field_index[i] = (int)i;
        if (s->fields[i].unique)
            add_keyset(c, &(struct pc_key){1, &c->field_index[i]}, "unique-error");
    }
    /* a one-field primary key that is also unique is reported once, as unique */
    if (s->primary_key.n) add_keyset(c, &s->primary_key, "primary-key");
    for (size_t i = 0; i < s->nunique_keys; i++) add_keyset(c, &s->unique_keys[i], "unique-error");
    for (size_t i = 0; i < s->nfkeys; i++) c->fkey_target[i] = add_keyset(c, &s->fkeys[i].to, NULL);
    if (s->nest.on) {
        c->nest.off = calloc(s->nfields, sizeof *c->nest.off);
        c->nest.len = calloc(s->nfields, sizeof *c->nest.len);
        if (!c->nest.off || !c->nest.len) {
            pc_checker_free(c);
            return NULL;
        }
    }
    return c;
}

/* The value of field f in rec, NULL when absent or null. */
static const struct pc_value *field_value(const struct pc_record *rec, int f)
{
    int slot = rec->slot[f];
    if (slot < 0) return NULL;
    const struct pc_value *v = &pc_record_cell(rec, (size_t)slot)->v;
    if (v->type == PC_T_NULL || v->type == PC_T_ABSENT || (v->type == PC_T_ARRAY && !v->len))
        return NULL;
    return v;
}

static pc_status append_value(struct pc_buf *b, const struct pc_batch *batch,
                              const struct pc_value *v, const char *sep, bool sized)
{
    uint32_t n = v->type == PC_T_ARRAY ? v->len : 1;
    for (uint32_t i = 0; i < n; i++) {
        const struct pc_value *it = v->type == PC_T_ARRAY ? pc_value_item(batch, v, i) : v;
        if (i && pc_buf_append(b, sep, strlen(sep))) return PC_ENOMEM;
        /* lengths first, so that ("a,b") and ("a", "b") are different keys */
        if (sized && pc_buf_append(b, &it->len, sizeof it->len)) return PC_ENOMEM;
        if (pc_buf_append(b, pc_value_text(batch, it), it->len)) return PC_ENOMEM;
    }
    return PC_OK;
}

/* Builds c->key (bytes to compare) and c->cell (the values as shown) for
 * the key `k` of rec. *complete is false if a value is missing. */
static pc_status build_key(struct pc_checker *c, const struct pc_key *k,
                           const struct pc_record *rec, bool *complete)
{
    c->key.len = c->cell.len = 0;
    c->cell_is_key = false;
    *complete = true;
    for (size_t i = 0; i < k->n; i++) {
        const struct pc_field *f = &c->schema->fields[k->fields[i]];
        const struct pc_value *v = field_value(rec, k->fields[i]);
        if (!v) {
            *complete = false;
            return PC_OK;
        }
        const char *sep = f->separator ? f->separator : ";";
        if (i && pc_buf_append(&c->cell, ", ", 2)) return PC_ENOMEM;
        if (k->n == 1 && v->type != PC_T_ARRAY) {
            /* one value: the key is its bytes (no separator, no length),
             * and the cell, made only when needed (build_cell), the same */
            c->cell_is_key = true;
            return pc_buf_append(&c->key, pc_value_text(rec->batch, v), v->len);
        }
        if (pc_buf_append(&c->key, "\x1f", 1) ||
            append_value(&c->key, rec->batch, v, sep, true) ||
            append_value(&c->cell, rec->batch, v, sep, false))
            return PC_ENOMEM;
    }
    return pc_buf_append(&c->cell, "", 1) ? PC_ENOMEM : PC_OK; /* NUL-terminate the cell */
}

const char *pc_checker_key_bytes(struct pc_checker *c, const struct pc_key *k,
                                 const struct pc_record *rec, size_t *n)
{
    bool complete;
    if (build_key(c, k, rec, &complete)) {
        *n = SIZE_MAX;
        return NULL;
    }
    *n = c->key.len;
    return complete ? (c->key.data ? c->key.data : "") : NULL;
}

/* c->cell (NUL-terminated, the NUL counted) for the key just built. */
static pc_status build_cell(struct pc_checker *c)
{
    if (!c->cell_is_key) return PC_OK;
    c->cell_is_key = false;
    c->cell.len = 0;
    if (pc_buf_append(&c->cell, c->key.data, c->key.len) || pc_buf_append(&c->cell, "", 1))
        return PC_ENOMEM;
    return PC_OK;
}

/* Field names and titles of a key, for messages: "id" and "(項目ID)". */
static void describe_key(const struct pc_schema *s, const struct pc_key *k, char *names,
                         size_t nsize, char *titles, size_t tsize)
{
    size_t a = 0, b = 0;
    names[0] = titles[0] = '\0';
    for (size_t i = 0; i < k->n; i++) {
        const struct pc_field *f = &s->fields[k->fields[i]];
        a += (size_t)snprintf(names + a, a < nsize ? nsize - a : 0, "%s%s", i ? ", " : "",
                              f->name);
        if (a >= nsize) a = nsize - 1;
        if (f->title)
            b += (size_t)snprintf(titles + b, b < tsize ? tsize - b : 0, "%s%s",
                                  b ? ", " : " (", f->title);
        if (b >= tsize) b = tsize - 1;
    }
    if (b && b + 2 < tsize) memcpy(titles + b, ")", 2);
}

static void key_error(struct pc_checker *c, struct pc_errsink *sink, const char *type,
                      const struct pc_key *k, unsigned long line, unsigned long recno,
                      const char *cell, const char *what, const char *note)
{
    char names[256], titles[256];
    describe_key(c->schema, k, names, sizeof names, titles, sizeof titles);
    /* a primary or foreign key error is about the row (Frictionless gives
     * it no field number); a unique error about the cell, or the first of
     * a unique key's cells */
    bool row_error = strcmp(type, "unique-error") != 0;
    struct pc_error e = {.code = PC_INVALID, .type = type, .line = line, .record = recno,
                         .field = c->schema->fields[k->fields[0]].name,
                         .field_number = row_error ? 0 : k->fields[0] + 1, .cell = cell,
                         .note = note, .severity = PC_SEV_ERROR};
    if (k->n == 1)
        pc_report(sink, &e, "value \"%s\" %s%s", cell, what, titles);
    else
        pc_report(sink, &e, "values \"%s\" of %s %s%s", cell, names, what, titles);
}

/* A primary key needs a value in each of its fields. When all are
 * missing, Frictionless reports a primary-key error; when only some are,
 * Frictionless says nothing, but the Table Schema spec makes the key's
 * fields required: planconv reports it too, unless casting already did
 * (every field without a value says required). */
static void check_key_present(struct pc_checker *c, const struct pc_record *rec,
                              struct pc_errsink *sink, bool *valid)
{
    const struct pc_key *k = &c->schema->primary_key;
    size_t missing = 0, unreported = 0;
    for (size_t i = 0; i < k->n; i++) {
        if (field_value(rec, k->fields[i])) continue;
        missing++;
        unreported += !c->schema->fields[k->fields[i]].required;
    }
    if (missing == 0 || (missing < k->n && unreported == 0)) return;
    char names[256], titles[256];
    describe_key(c->schema, k, names, sizeof names, titles, sizeof titles);
    struct pc_error e = {.code = PC_INVALID, .type = "primary-key", .line = rec->line,
                         .record = rec->recno, .field = c->schema->fields[k->fields[0]].name,
                         .severity = PC_SEV_ERROR};
    if (missing == k->n) {
        e.note = "cells composing the primary keys are all \"None\"";
        pc_report(sink, &e, "the primary key (%s) has no value%s", names, titles);
    } else {
        e.note = "a cell composing the primary key is \"None\"";
        pc_report(sink, &e, "a value is required in each field of the primary key (%s)%s", names,
                  titles);
    }
    *valid = false;
}

static pc_status check_sets(struct pc_checker *c, const struct pc_record *rec,
                            struct pc_errsink *sink, bool *valid)
{
    for (size_t i = 0; i < c->nsets; i++) {
        struct keyset *ks = &c->sets[i];
        bool complete;
        if (build_key(c, &ks->key, rec, &complete)) return PC_ENOMEM;
        if (!complete) continue;
        uint32_t first = line32(rec->line);
        bool seen;
        if (pc_strset_add(&ks->set, c->key.data, c->key.len, &first, &seen)) return PC_ENOMEM;
        if (!seen || !ks->error) continue;
        if (build_cell(c)) return PC_ENOMEM;
        char what[64], note[64];
        snprintf(what, sizeof what, PC_("already used on line %lu"), (unsigned long)first);
        snprintf(note, sizeof note, "the same as in the row at line %lu", (unsigned long)first);
        key_error(c, sink, ks->error, &ks->key, rec->line, rec->recno, c->cell.data, what, note);
        *valid = false;
    }
    return PC_OK;
}

/* References to records not seen yet wait for the end of the input. */
static pc_status check_references(struct pc_checker *c, const struct pc_record *rec)
{
    for (size_t i = 0; i < c->schema->nfkeys; i++) {
        bool complete;
        if (build_key(c, &c->schema->fkeys[i].from, rec, &complete)) return PC_ENOMEM;
        if (!complete || pc_strset_has(&c->sets[c->fkey_target[i]].set, c->key.data, c->key.len))
            continue;
        if (build_cell(c)) return PC_ENOMEM;
        struct pending *p = pc_vec_push(&c->pending);
        if (!p) return PC_ENOMEM;
        *p = (struct pending){.fkey = i, .key_off = c->pending_text.len, .key_len = c->key.len,
                              .cell_len = c->cell.len, .line = rec->line, .recno = rec->recno};
        p->cell_off = p->key_off + p->key_len;
        if (pc_buf_append(&c->pending_text, c->key.data, c->key.len) ||
            pc_buf_append(&c->pending_text, c->cell.data, c->cell.len))
            return PC_ENOMEM;
    }
    return PC_OK;
}

/* The parent fields' values of rec become the open parent's. */
static pc_status remember_parent(struct pc_checker *c, const struct pc_record *rec)
{
    struct nesting *n = &c->nest;
    n->values.len = 0;
    n->line = rec->line;
    for (size_t i = 0; i < c->schema->nfields; i++) {
        const struct pc_value *v = field_value(rec, (int)i);
        n->off[i] = n->values.len;
        if (v && !c->schema->fields[i].child &&
            append_value(&n->values, rec->batch, v, "\x1f", true))
            return PC_ENOMEM;
        n->len[i] = n->values.len - n->off[i];
    }
    return PC_OK;
}

static void group_error(struct pc_checker *c, struct pc_errsink *sink, const struct pc_record *rec,
                        size_t field, const char *fmt, unsigned long line)
{
    const struct pc_field *f = &c->schema->fields[field];
    struct pc_error e = {.code = PC_INVALID, .type = "group-error", .line = rec->line,
                         .record = rec->recno, .field = f->name, .field_number = (int)field + 1};
    char msg[256];
    snprintf(msg, sizeof msg, PC_(fmt), line);
    if (f->title)
        pc_report(sink, &e, "%s (%s)", msg, f->title);
    else
        pc_report(sink, &e, "%s", msg);
}

static pc_status check_nesting(struct pc_checker *c, const struct pc_record *rec,
                               struct pc_errsink *sink, bool *valid)
{
    const struct pc_schema *s = c->schema;
    struct nesting *n = &c->nest;
    bool starts;
    if (pc_group_next(&n->group, s, rec, &starts)) return PC_ENOMEM;
    if (starts) {
        bool seen;
        uint32_t first = line32(rec->line);
        if (pc_strset_add(&n->seen, n->group.key.data, n->group.key.len, &first, &seen))
            return PC_ENOMEM;
        if (seen) {
            group_error(c, sink, rec, s->nest.key[0],
                        "this group's key was used by the records from line %lu, and other "
                        "groups came between: list a group's records together",
                        (unsigned long)first);
            *valid = false;
        }
        return remember_parent(c, rec);
    }
    for (size_t i = 0; i < s->nfields; i++) {
        if (s->fields[i].child) continue;
        c->key.len = 0;
        const struct pc_value *v = field_value(rec, (int)i);
        if (v && append_value(&c->key, rec->batch, v, "\x1f", true)) return PC_ENOMEM;
        if (c->key.len == n->len[i] &&
            (n->len[i] == 0 || memcmp(c->key.data, n->values.data + n->off[i], n->len[i]) == 0))
            continue;
        group_error(c, sink, rec, i, "differs from the value of the same group on line %lu",
                    n->line);
        *valid = false;
    }
    return PC_OK;
}

pc_status pc_checker_record(struct pc_checker *c, const struct pc_record *rec,
                            struct pc_errsink *sink, bool *valid)
{
    check_key_present(c, rec, sink, valid);
    pc_status st = check_sets(c, rec, sink, valid);
    if (!st && c->schema->nest.on) st = check_nesting(c, rec, sink, valid);
    return st ? st : check_references(c, rec);
}

pc_status pc_checker_finish(struct pc_checker *c, struct pc_errsink *sink)
{
    pc_status st = PC_OK;
    for (size_t i = 0; i < c->pending.len; i++) {
        const struct pending *p = &PC_VEC_AT(&c->pending, struct pending, i);
        const struct pc_fkey *fk = &c->schema->fkeys[p->fkey];
        const char *text = c->pending_text.data;
        if (pc_strset_has(&c->sets[c->fkey_target[p->fkey]].set, text + p->key_off, p->key_len))
            continue;
        char names[256], titles[256], what[300];
        describe_key(c->schema, &fk->to, names, sizeof names, titles, sizeof titles);
        /* one key field or several: two whole sentences, for the translation */
        snprintf(what, sizeof what,
                 fk->from.n == 1 ? PC_("refers to no %s in this table")
                                 : PC_("refer to no %s in this table"),
                 names);
        char note[320];
        snprintf(note, sizeof note, "values \"%s\" not found in this table as \"%s\"",
                 text + p->cell_off, names);
        key_error(c, sink, "foreign-key", &fk->from, p->line, p->recno, text + p->cell_off, what,
                  note);
        st = PC_INVALID;
    }
    return st;
}

void pc_checker_free(struct pc_checker *c)
{
    if (!c) return;
    for (size_t i = 0; c->sets && i < c->nsets; i++) pc_strset_free(&c->sets[i].set);
    free(c->sets);
    free(c->fkey_target);
    free(c->field_index);
    pc_vec_free(&c->pending);
    pc_buf_free(&c->pending_text);
    pc_buf_free(&c->key);
    pc_buf_free(&c->cell);
    pc_group_free(&c->nest.group);
    pc_strset_free(&c->nest.seen);
    pc_buf_free(&c->nest.values);
    free(c->nest.off);
    free(c->nest.len);
    free(c);
}
