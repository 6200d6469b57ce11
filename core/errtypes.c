/* The error types, Frictionless's first (titles and descriptions as in
 * frictionless-py v5, so a report reads like a Frictionless report), then
 * planconv's own. */
#include "errtypes.h"

#include <stddef.h>
#include <string.h>

static const struct pc_errtype types[] = {
    {"type-error", "Type Error",
     "The value does not match the schema type and format for this field.", "#table #row #cell"},
    {"constraint-error", "Constraint Error", "A field value does not conform to a constraint.", "#table #row #cell"},
    {"unique-error", "Unique Error",
     "This field is a unique field but it contains a value that has been used in another row.", "#table #row #cell"},
    {"primary-key", "PrimaryKey Error",
     "Values in the primary key fields should be unique for every row", "#table #row"},
    {"foreign-key", "ForeignKey Error",
     "Values in the foreign key fields should exist in the reference table", "#table #row"},
    {"blank-row", "Blank Row", "This row is empty. A row should contain at least one value.", "#table #row"},
    {"extra-cell", "Extra Cell",
     "This row has more values compared to the header row (the first row in the data source). A "
     "key concept is that all the rows in tabular data must have the same number of columns.", "#table #row #cell"},
    {"missing-cell", "Missing Cell",
     "This row has less values compared to the header row (the first row in the data source). A "
     "key concept is that all the rows in tabular data must have the same number of columns.", "#table #row #cell"},
    {"blank-label", "Blank Label",
     "A label in the header row is missing a value. Label should be provided and not be blank.", "#table #header #label"},
    {"duplicate-label", "Duplicate Label",
     "Two columns in the header row have the same value. Column names should be unique.", "#table #header #label"},
    {"missing-label", "Missing Label",
     "Based on the schema there should be a label that is missing in the data's header.", "#table #header #label"},
    {"extra-label", "Extra Label",
     "The header of the data source contains label that does not exist in the provided schema.", "#table #header #label"},
    {"incorrect-label", "Incorrect Label",
     "One of the data source header does not match the field name defined in the schema.", "#table #header #label"},
    {"unmatched-header", "Unmatched Header",
     "With \"fieldsMatch\" set to \"partial\", the header must contain at least one of the "
     "fields defined in the schema.", "#table #header"},
    {"encoding-error", "Encoding Error", "Data reading error because of an encoding problem.", ""},
    {"source-error", "Source Error",
     "Data reading error because of not supported or inconsistent contents.", ""},
    {"format-error", "Format Error", "Data reading error because of incorrect format.", ""},
    {"schema-error", "Schema Error", "Provided schema is not valid.", ""},
    {"dialect-error", "Dialect Error", "Provided dialect is not valid.", ""},
    {"field-error", "Field Error", "Provided field is not valid.", ""},
    {"schema-warning", "Schema Warning",
     "The schema holds a property or constraint planconv does not know; it is not checked.", ""},
    {"package-error", "Package Error", "A validation cannot be processed.", ""},
    {"resource-error", "Resource Error", "A validation cannot be processed.", ""},
    {"scheme-error", "Scheme Error", "Data reading error because of incorrect scheme.", ""},
    {"compression-error", "Compression Error",
     "Data reading error because of a decompression problem.", ""},
    {"byte-count", "Byte Count Error", "This is a file bytes error.", "#table"},
    {"hash-count", "Hash Count Error", "This is a file hash error.", "#table"},
    /* planconv's own */
    {"usage-error", "Usage Error", "The request cannot be carried out as given.", ""},
    {"group-error", "Group Error",
     "Rows of one nested record (a meeting) must be consecutive; its key reappears after another.", "#table #row #cell"},
    {"strict-error", "Strict Error",
     "The value is not written as published: it would need a normalization, which strict mode "
     "refuses.", "#table #row #cell"},
    {"lint", "Lint", "The table breaks a rule for machine-readable tables.", "#table"},
    {"normalized", "Normalized", "A value was changed to its canonical form, as a rule allows.", ""},
    {"nonstandard-character", "Nonstandard Character",
     "The value holds machine-dependent characters (機種依存文字) that not every system shows.", "#table #row #cell"},
    {"period-warning", "Period Warning",
     "The period is not one planconv can read, so the fields derived from it are left empty.", "#table #row #cell"},
    {"fill-down", "Fill Down", "Empty cells were taken from the row above, as merged cells.", "#table #row"},
    {"pivot-error", "Pivot Error", "A wide sheet cannot be turned into long rows.", "#table"},
    {"pivot-empty-row", "Pivot Empty Row",
     "A row of a wide sheet has no value in any year column.", "#table #row"},
    {"wide-error", "Wide Error", "The records cannot be written in the wide form.", ""},
    {"wide-dropped", "Wide Dropped",
     "The wide form has no column for some values; they are left out.", ""},
    {"title-row", "Title Row", "The first row looks like a title above the header, not the header.",
     "#table #header"},
    {"metadata-row", "Metadata Row",
     "A row above the header looks like metadata (#LINK, #lang, #license), not the header.",
     "#table #header"},
    {"skipped-row", "Skipped Row", "A row above the header rows the dialect gives is skipped.",
     "#table #header"},
    {"footnote-row", "Footnote Row", "A row among the records looks like a footnote (注, 出典, ※).",
     "#table #row"},
    {"total-row", "Total Row", "A row among the records looks like a total (合計, 総計, 小計).",
     "#table #row"},
    {"no-rows", "No Rows", "The table has a header but no rows.", "#table"},
    {"bundled-kind", "Bundled Kind",
     "The header is that of a bundled kind, whose schema checks more than an inferred one.", ""},
    {"warning", "Warning", "The input was read, but not quite as written.", ""},
};

static const struct pc_errtype unknown = {"error", "Error", "An error.", ""};

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
        [PC_HINT_COMMENT_CHAR] = "comment-char",
        [PC_HINT_COMMENT_ROWS] = "comment-rows",
    };
    return (size_t)h < sizeof names / sizeof *names ? names[h] : NULL;
}
