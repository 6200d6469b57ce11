/* Labels and rows as Frictionless checks them: the header's labels meet
 * the schema's fields as fieldsMatch says (blank-label, duplicate-label,
 * incorrect-label, extra-label, missing-label, unmatched-header), and each
 * row has the cells the header promises (missing-cell, extra-cell) or is a
 * blank-row. Reading goes on after every one of them. */
#ifndef PC_LABELS_H
#define PC_LABELS_H

#include "../validate/schema.h"

/* A label is a field index, or one of these. */
enum { PC_LABEL_UNKNOWN = -1, PC_LABEL_IGNORED = -2 };

struct pc_label_map {
    const struct pc_schema *schema;
    /* The labels are a header of columns (CSV, TSV, a sheet): matched as
     * the schema's fieldsMatch says, and rows are checked cell by cell.
     * Otherwise (JSON keys, XML elements) labels are names, in no order:
     * matched by name; an unknown one is reported once, when first used. */
    bool tabular;
    bool nocase; /* the dialect's caseSensitiveHeader false: ASCII case ignored */
    /* Tree input (JSON, XML): keys are field names, never titles or
     * aliases, as its exported JSON Schema and XSD say. */
    bool names_only;
    /* The dialect's header false: the labels are numbered (field1 ...),
     * the columns are the fields in order and no label is checked. */
    bool no_header;
    bool header_done;
    int *field;                    /* per label: field index or PC_LABEL_* */
    size_t n;                      /* labels mapped so far */
    size_t expected;               /* tabular: the cells a row should have */
    int *at;                       /* tabular: per position < expected, its field or -1 */
    const struct pc_label *labels; /* as the reader gave them at the last update */
    const char **names;            /* tabular: the header's labels, for label errors */
};

/* Maps the labels the reader has seen so far (`labels`, n of them, valid
 * until the reader's next call); for a tabular header, the first time,
 * checks them and reports the label errors to `sink`. PC_ENOMEM only. */
pc_status pc_labels_update(struct pc_label_map *m, const struct pc_label *labels, size_t n,
                           struct pc_errsink *sink);

/* The field of a cell's label; PC_LABEL_IGNORED for a label not mapped
 * (a cell past the header's columns, or a label already reported).
 * An unknown label of a non-tabular input is reported here, once. */
int pc_labels_field(struct pc_label_map *m, uint32_t label, struct pc_errsink *sink);

/* Reports the labels never used by a record but unknown (non-tabular). */
void pc_labels_finish(struct pc_label_map *m, struct pc_errsink *sink);

/* Whether rec is a blank row: every expected field absent or a missing
 * value. Reports blank-row if so. */
bool pc_labels_blank_row(const struct pc_label_map *m, const struct pc_record *rec,
                         struct pc_errsink *sink);

/* Tabular: reports a missing-cell or extra-cell for each position where
 * rec (of `ncells` cells as read) differs from the header. Returns false
 * if there was any. */
bool pc_labels_check_cells(const struct pc_label_map *m, const struct pc_record *rec, size_t ncells,
                           struct pc_errsink *sink);

/* Reports the cell `v` of rec, at position p (input column `column`),
 * as an extra-cell: past the `expected` cells of the header. */
void pc_labels_extra_cell(struct pc_errsink *sink, const struct pc_record *rec,
                          const struct pc_value *v, size_t p, unsigned long column,
                          size_t expected);

void pc_labels_free(struct pc_label_map *m);

#endif
