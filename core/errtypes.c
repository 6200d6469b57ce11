/* The error types, Frictionless's first (titles and descriptions as in
 * frictionless-py v5, so a report reads like a Frictionless report), then
 * planconv's own. */
#include "errtypes.h"

#include <stddef.h>
#include <string.h>

static const struct pc_errtype types[] = {
    {"type-error", "Type Error",
     "The value does not match the schema type and format for this field."},
    {"constraint-error", "Constraint Error", "A field value does not conform to a constraint."},
    {"unique-error", "Unique Error",
     "This field is a unique field but it contains a value that has been used in another row."},
    {"primary-key", "Primary Key Error",
     "Values in the primary key fields should be unique for every row"},
    {"foreign-key", "ForeignKey Error",
     "Values in the foreign key fields should exist in the reference table"},
    {"blank-row", "Blank Row", "This row is empty. A row should contain at least one value."},
    {"extra-cell", "Extra Cell",
     "This row has more values compared to the header row (the first row in the data source). A "
     "key concept is that all the rows in tabular data must have the same number of columns."},
    {"missing-cell", "Missing Cell",
     "This row has less values compared to the header row (the first row in the data source). A "
     "key concept is that all the rows in tabular data must have the same number of columns."},
    {"blank-label", "Blank Label",
     "A label in the header row is missing a value. Label should be provided and not be blank."},
    {"duplicate-label", "Duplicate Label",
     "Two columns in the header row have the same value. Column names should be unique."},
    {"missing-label", "Missing Label",
     "Based on the schema there should be a label that is missing in the data's header."},
    {"extra-label", "Extra Label",
     "The header of the data source contains label that does not exist in the provided schema."},
    {"incorrect-label", "Incorrect Label",
     "One of the data source header does not match the field name defined in the schema."},
    {"encoding-error", "Encoding Error", "Data source could not be successfully decoded."},
    {"source-error", "Source Error",
     "Data reading error because of not supported or inconsistent contents."},
    {"format-error", "Format Error", "Data reading error because of incorrect format."},
    {"schema-error", "Schema Error", "Provided schema is not valid."},
    {"dialect-error", "Dialect Error", "Provided dialect is not valid."},
    {"package-error", "Package Error", "A validation cannot be processed."},
    {"resource-error", "Resource Error", "A validation cannot be processed."},
    {"scheme-error", "Scheme Error", "Data reading error because of incorrect scheme."},
    {"compression-error", "Compression Error",
     "Data reading error because of a decompression problem."},
    {"byte-count", "Byte Count Error", "This is a file bytes error."},
    {"hash-count", "Hash Count Error", "This is a file hash error."},
    /* planconv's own */
    {"usage-error", "Usage Error", "The request cannot be carried out as given."},
    {"group-error", "Group Error",
     "Rows of one nested record (a meeting) must be consecutive; its key reappears after another."},
    {"strict-error", "Strict Error",
     "The value is not written as published: it would need a normalization, which strict mode "
     "refuses."},
    {"lint", "Lint", "The table breaks a rule for machine-readable tables."},
    {"normalized", "Normalized", "A value was changed to its canonical form, as a rule allows."},
    {"nonstandard-character", "Nonstandard Character",
     "The value holds machine-dependent characters (機種依存文字) that not every system shows."},
    {"period-warning", "Period Warning",
     "The period is not one planconv can read, so the fields derived from it are left empty."},
    {"fill-down", "Fill Down", "Empty cells were taken from the row above, as merged cells."},
    {"pivot-error", "Pivot Error", "A wide sheet cannot be turned into long rows."},
    {"pivot-empty-row", "Pivot Empty Row",
     "A row of a wide sheet has no value in any year column."},
    {"wide-error", "Wide Error", "The records cannot be written in the wide form."},
    {"wide-dropped", "Wide Dropped",
     "The wide form has no column for some values; they are left out."},
    {"warning", "Warning", "The input was read, but not quite as written."},
};

static const struct pc_errtype unknown = {"error", "Error", "An error."};

const struct pc_errtype *pc_errtype_find(const char *name)
{
    if (!name) return &unknown;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcmp(types[i].name, name) == 0) return &types[i];
    return &unknown;
}

const char *pc_hint_name(enum pc_hint h)
{
    static const char *const names[] = {
        [PC_HINT_MAX_FIELD_SIZE] = "max-field-size",
        [PC_HINT_ENCODING] = "encoding",
        [PC_HINT_FROM_FORMAT] = "from-format",
        [PC_HINT_TO_FORMAT] = "to-format",
        [PC_HINT_KIND] = "kind",
        [PC_HINT_SCHEMA] = "schema",
        [PC_HINT_STRICT] = "strict",
        [PC_HINT_FIX] = "fix",
        [PC_HINT_NORMALIZE] = "normalize",
        [PC_HINT_NO_FILL_DOWN] = "no-fill-down",
        [PC_HINT_SHEET] = "sheet",
        [PC_HINT_HEADER_ROWS] = "header-rows",
        [PC_HINT_FORMATS_LIST] = "formats-list",
        [PC_HINT_HELP] = "help",
        [PC_HINT_SCHEMA_LIST] = "schema-list",
    };
    return (size_t)h < sizeof names / sizeof *names ? names[h] : NULL;
}
