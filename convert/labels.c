/* Labels and rows, checked as frictionless-py v5 checks them
 * (frictionless/table/header.py and row.py): the same errors, in the same
 * order, with the same field numbers. */
#include "labels.h"
#include "../core/hashset.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void label_error(struct pc_label_map *m, struct pc_errsink *sink, const char *type,
                        size_t pos, const char *field, const char *label, const char *note,
                        const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* A header error: no rowNumber (it is about the header, not a row), the
 * label's position as fieldNumber; the text message names the header's
 * line. */
static void label_error(struct pc_label_map *m, struct pc_errsink *sink, const char *type,
                        size_t pos, const char *field, const char *label, const char *note,
                        const char *fmt, ...)
{
    unsigned long line = m->labels && m->n ? m->labels[0].line : 1;
    struct pc_error e = {.code = PC_INVALID,
                         .type = type,
                         .line = line,
                         .column = pos < m->n ? m->labels[pos].column : 0,
                         .field = field,
                         .field_number = (int)pos + 1,
                         .label = label,
                         .note = note,
                         .cells = m->names,
                         .ncells = m->names ? m->n : 0,
                         .severity = PC_SEV_ERROR};
    va_list ap;
    va_start(ap, fmt);
    pc_vreport(sink, &e, fmt, ap);
    va_end(ap);
}

/* Frictionless compares a label with line breaks as spaces, trimmed. */
static bool label_is(const char *label, const char *name, bool nocase)
{
    if ((nocase ? strcasecmp : strcmp)(label, name) == 0) return true;
    while (*label == ' ' || *label == '\t' || *label == '\n' || *label == '\r')
        label++;
    size_t n = strlen(label);
    while (n && strchr(" \t\n\r", label[n - 1]))
        n--;
    size_t k = 0;
    for (; k < n && name[k]; k++) {
        char c = label[k] == '\n' || label[k] == '\r' ? ' ' : label[k];
        if (nocase ? tolower((unsigned char)c) != tolower((unsigned char)name[k]) : c != name[k])
            return false;
    }
    return k == n && !name[k];
}

static bool matches_field(const struct pc_label_map *m, const char *label, size_t f)
{
    const struct pc_schema *s = m->schema;
    if (label_is(label, s->fields[f].name, m->nocase)) return true;
    return s->match_titles && pc_schema_label_field(s, label, m->nocase) == (int)f;
}

/* fieldsMatch exact: label i is field i. Errors in frictionless's order:
 * extra labels, missing labels, then per position blank, duplicate or
 * incorrect labels. */
static pc_status match_by_position(struct pc_label_map *m, struct pc_errsink *sink)
{
    const struct pc_schema *s = m->schema;
    size_t nl = m->n, nf = s->nfields;
    for (size_t p = nf; p < nl; p++)
        label_error(m, sink, "extra-label", p, NULL, m->labels[p].name, NULL,
                    "column %zu, \"%s\", has no field in the schema (it has %zu)", p + 1,
                    m->labels[p].name, nf);
    for (size_t p = nl; p < nf; p++)
        label_error(m, sink, "missing-label", p, s->fields[p].name, NULL, NULL,
                    "the header has no column %zu for the field \"%s\"", p + 1, s->fields[p].name);
    /* a set, not a scan per label: a header of 100,000 columns stays linear */
    struct pc_strset seen = {0};
    for (size_t p = 0; p < nl && p < nf; p++) {
        const char *label = m->labels[p].name;
        if (!*label) {
            label_error(m, sink, "blank-label", p, s->fields[p].name, label, NULL,
                        "column %zu has an empty header", p + 1);
            continue;
        }
        uint32_t first = (uint32_t)p;
        bool repeated;
        if (pc_strset_add(&seen, label, strlen(label), &first, &repeated)) {
            pc_strset_free(&seen);
            return PC_ENOMEM;
        }
        if (repeated) {
            char note[64];
            snprintf(note, sizeof note, "at position \"%zu\"", (size_t)first + 1);
            label_error(m, sink, "duplicate-label", p, s->fields[p].name, label, note,
                        "column %zu repeats the header \"%s\" of column %zu", p + 1, label,
                        (size_t)first + 1);
        } else if (!matches_field(m, label, p)) {
            label_error(m, sink, "incorrect-label", p, s->fields[p].name, label, NULL,
                        "column %zu is \"%s\"; the schema's field %zu is \"%s\"", p + 1, label,
                        p + 1, s->fields[p].name);
        }
    }
    pc_strset_free(&seen);
    return PC_OK;
}

static bool is_key_field(const struct pc_schema *s, size_t f)
{
    for (size_t i = 0; i < s->primary_key.n; i++)
        if (s->primary_key.fields[i] == (int)f) return true;
    return false;
}

/* The other modes pair labels and fields by name; they differ in what
 * they tolerate: extra labels (subset, partial) or absent fields
 * (superset, partial: unless required or in the primary key). A label
 * that names a field already named is a duplicate and is left out. */
static void match_by_name(struct pc_label_map *m, struct pc_errsink *sink, bool *taken)
{
    const struct pc_schema *s = m->schema;
    enum pc_fields_match mode = s->fields_match;
    bool extra_ok = mode == PC_MATCH_SUBSET || mode == PC_MATCH_PARTIAL;
    bool absent_ok = mode == PC_MATCH_SUPERSET || mode == PC_MATCH_PARTIAL;
    size_t matched = 0;
    for (size_t p = 0; p < m->n; p++) {
        const char *label = m->labels[p].name;
        int f = *label ? pc_schema_label_field(s, label, m->nocase) : -1;
        m->at[p] = -1;
        m->field[p] = PC_LABEL_IGNORED;
        if (f >= 0 && taken[f]) {
            label_error(m, sink, "duplicate-label", p, s->fields[f].name, label, NULL,
                        "column %zu names the field \"%s\" again", p + 1, s->fields[f].name);
        } else if (f >= 0) {
            taken[f] = true;
            m->at[p] = m->field[p] = f;
            matched++;
        } else if (!extra_ok && !*label) {
            label_error(m, sink, "blank-label", p, NULL, label, NULL,
                        "column %zu has an empty header", p + 1);
        } else if (!extra_ok) {
            label_error(m, sink, "extra-label", p, NULL, label, NULL, "\"%s\" is not a field of %s",
                        label, s->name);
        }
    }
    if (mode == PC_MATCH_PARTIAL && matched == 0) {
        struct pc_error e = {.code = PC_INVALID,
                             .type = "unmatched-header",
                             .line = m->n ? m->labels[0].line : 1,
                             .severity = PC_SEV_ERROR};
        pc_report(sink, &e, "no column of the header is a field of %s", s->name);
    }
    size_t pos = m->n;
    for (size_t f = 0; f < s->nfields; f++) {
        if (taken[f] || (absent_ok && !s->fields[f].required && !is_key_field(s, f))) continue;
        label_error(m, sink, "missing-label", pos++, s->fields[f].name, NULL, NULL,
                    "the header has no column for the field \"%s\"", s->fields[f].name);
    }
}

static pc_status check_header(struct pc_label_map *m, struct pc_errsink *sink)
{
    m->header_done = true;
    size_t nf = m->schema->nfields;
    bool exact = m->schema->fields_match == PC_MATCH_EXACT;
    m->expected = exact || m->no_header ? nf : m->n;
    m->at = calloc(m->expected + 1, sizeof *m->at);
    m->names = calloc(m->n + 1, sizeof *m->names);
    bool *taken = calloc(nf + 1, sizeof *taken);
    pc_status st = PC_OK;
    if (!m->at || !m->names || !taken) {
        free(taken);
        return PC_ENOMEM;
    }
    for (size_t p = 0; p < m->n; p++)
        m->names[p] = m->labels[p].name;
    if (exact || m->no_header) {
        for (size_t p = 0; p < nf; p++)
            m->at[p] = (int)p;
        for (size_t p = 0; p < m->n; p++)
            m->field[p] = p < nf ? (int)p : PC_LABEL_IGNORED;
        /* no header row: nothing to match, the columns are the fields */
        if (!m->no_header) st = match_by_position(m, sink);
    } else {
        match_by_name(m, sink, taken);
    }
    free(taken);
    return st;
}

pc_status pc_labels_update(struct pc_label_map *m, const struct pc_label *labels, size_t n,
                           struct pc_errsink *sink)
{
    m->labels = labels;
    if (n <= m->n) return PC_OK;
    if (m->tabular && m->header_done) return PC_OK; /* a header has no more labels */
    int *f = realloc(m->field, n * sizeof *f);
    if (!f) return PC_ENOMEM;
    m->field = f;
    size_t old = m->n;
    m->n = n;
    if (m->tabular) return check_header(m, sink);
    for (size_t i = old; i < n; i++) {
        int k = m->names_only ? pc_schema_field_by_name(m->schema, labels[i].name)
                              : pc_schema_label_field(m->schema, labels[i].name, m->nocase);
        bool tolerated = m->schema->fields_match == PC_MATCH_SUBSET ||
                         m->schema->fields_match == PC_MATCH_PARTIAL;
        f[i] = k >= 0 ? k : tolerated ? PC_LABEL_IGNORED : PC_LABEL_UNKNOWN;
    }
    return PC_OK;
}

/* A non-tabular label that is no field, at the line it first appeared (a
 * key holding child records is no value and never reported). */
static void report_unknown(struct pc_label_map *m, size_t i, struct pc_errsink *sink)
{
    m->field[i] = PC_LABEL_IGNORED;
    if (m->labels[i].container) return;
    struct pc_error e = {.code = PC_INVALID,
                         .type = "extra-label",
                         .line = m->labels[i].line,
                         .column = m->labels[i].column,
                         .field = m->labels[i].name,
                         .label = m->labels[i].name,
                         .severity = PC_SEV_ERROR};
    pc_report(sink, &e, "\"%s\" is not a field of %s", m->labels[i].name, m->schema->name);
}

int pc_labels_field(struct pc_label_map *m, uint32_t label, struct pc_errsink *sink)
{
    if (label >= m->n) return PC_LABEL_IGNORED;
    if (m->field[label] == PC_LABEL_UNKNOWN) report_unknown(m, label, sink);
    return m->field[label];
}

void pc_labels_finish(struct pc_label_map *m, struct pc_errsink *sink)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->field[i] == PC_LABEL_UNKNOWN) report_unknown(m, i, sink);
}

/* The text of a cell that is a missing value of field f (-1: a column no
 * field names, which reads as any), or NULL if it holds a value. */
static bool cell_is_missing(const struct pc_schema *s, int f, const struct pc_record *rec,
                            const struct pc_cell *c)
{
    const struct pc_value *v = &c->v;
    if (v->type == PC_T_NULL || v->type == PC_T_ABSENT) return true;
    if (v->type == PC_T_ARRAY) return v->len == 0;
    if (v->type != PC_T_STRING) return false;
    const char *text = pc_value_text(rec->batch, v);
    if (f >= 0) return pc_field_is_missing(&s->fields[f], text, v->len);
    return v->len == 0;
}

bool pc_labels_blank_row(const struct pc_label_map *m, const struct pc_record *rec,
                         struct pc_errsink *sink)
{
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *c = pc_record_cell(rec, i);
        int f;
        if (m->tabular) {
            if (c->label >= m->expected) continue; /* extra cells do not count */
            f = m->at[c->label];
        } else {
            f = c->label < m->n ? m->field[c->label] : PC_LABEL_IGNORED;
            if (f < 0) continue;
        }
        if (!cell_is_missing(m->schema, f, rec, c)) return false;
    }
    struct pc_error e = {.code = PC_INVALID,
                         .type = "blank-row",
                         .line = rec->line,
                         .record = rec->recno,
                         .severity = PC_SEV_ERROR};
    pc_report(sink, &e, "the row is blank: it has no value");
    return true;
}

void pc_labels_extra_cell(struct pc_errsink *sink, const struct pc_record *rec,
                          const struct pc_value *v, size_t p, unsigned long column,
                          size_t expected)
{
    char cell[256];
    snprintf(cell, sizeof cell, "%.*s", (int)v->len, pc_value_text(rec->batch, v));
    struct pc_error e = {.code = PC_INVALID,
                         .type = "extra-cell",
                         .line = rec->line,
                         .record = rec->recno,
                         .column = column,
                         .field_number = (int)p + 1,
                         .cell = cell,
                         .severity = PC_SEV_ERROR};
    pc_report(sink, &e, "the row has a cell in column %zu, past the %zu the header has", p + 1,
              expected);
}

/* The input column of position p: the header's, or counted past its end.
 * Never 0, so that the sink does not look for a field at a position past
 * the schema's. */
static unsigned long cell_column(const struct pc_label_map *m, size_t p)
{
    return p < m->n && m->labels[p].column ? m->labels[p].column : p + 1;
}

bool pc_labels_check_cells(const struct pc_label_map *m, const struct pc_record *rec, size_t ncells,
                           struct pc_errsink *sink)
{
    if (!m->tabular || ncells == m->expected) return true;
    const struct pc_schema *s = m->schema;
    for (size_t p = m->expected; p < ncells; p++)
        pc_labels_extra_cell(sink, rec, &pc_record_cell(rec, p)->v, p, cell_column(m, p),
                             m->expected);
    for (size_t p = ncells; p < m->expected; p++) {
        int f = m->at[p];
        const char *name = f >= 0 ? s->fields[f].name : p < m->n ? m->labels[p].name : "";
        struct pc_error e = {.code = PC_INVALID,
                             .type = "missing-cell",
                             .line = rec->line,
                             .record = rec->recno,
                             .column = cell_column(m, p),
                             .field = name,
                             .field_number = (int)p + 1,
                             .severity = PC_SEV_ERROR};
        pc_report(sink, &e, "the row ends before column %zu (%zu of %zu cells)", p + 1, ncells,
                  m->expected);
    }
    return false;
}

void pc_labels_free(struct pc_label_map *m)
{
    free(m->field);
    free(m->at);
    free(m->names);
}
