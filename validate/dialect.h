/* Table Dialects: how a file lays out its table (Frictionless CSV Dialect
 * v1 and Table Dialect v2), from a descriptor file, a Data Package
 * resource's "dialect" or the header-rows option. What a dialect says
 * wins over detection; what it leaves out is detected as without one. */
#ifndef PC_DIALECT_H
#define PC_DIALECT_H

#include "../core/core.h"

#include <jansson.h>

/* headerRows and commentRows list at most this many row numbers: a
 * header is a few rows, and comment rows past it are what commentChar
 * is for. */
#define PC_DIALECT_MAX_ROWS 64

/* The longest headerJoin, nullSequence or commentChar, in bytes. */
#define PC_DIALECT_MAX_TEXT 64

struct pc_dialect {
    int delimiter;           /* one byte; -1: the format's own (or detected) */
    int quote_char;          /* one byte; -1: '"' */
    int escape_char;         /* one byte; -1: none (quotes are doubled) */
    bool double_quote;       /* "" inside a quoted cell is one quote (default true) */
    bool skip_initial_space; /* spaces after a delimiter are dropped (default false) */
    bool header;             /* the table has a header (default true) */
    bool header_rows_given;  /* header_rows was said, not the default {1} */
    unsigned long header_rows[PC_DIALECT_MAX_ROWS]; /* 1-based, increasing */
    size_t nheader_rows;
    unsigned long comment_rows[PC_DIALECT_MAX_ROWS]; /* 1-based */
    size_t ncomment_rows;
    char header_join[PC_DIALECT_MAX_TEXT + 1];   /* default " " */
    char null_sequence[PC_DIALECT_MAX_TEXT + 1]; /* "" with has_null_sequence false: none */
    bool has_null_sequence;
    char comment_char[PC_DIALECT_MAX_TEXT + 1]; /* a row starting with it is skipped; "": none */
    bool
        case_sensitive_header; /* labels match field names only with the same case (default true) */
    /* JSON: "array" (rows are arrays, the first the header unless header
     * is false) or "object"; "" when not said. property: the key of the
     * top-level object holding the rows ("" for the document itself). */
    char item_type[8];
    char property[256];
    /* x-encoding (planconv's, as infer writes it): the input's encoding
     * when none is given otherwise; "" when not said. */
    char encoding[32];
    /* Spreadsheets: the sheet by 1-based number (0: not said) or name. */
    unsigned long sheet_number;
    char sheet_name[256];
};

/* The defaults: what a file without a dialect is read as. */
void pc_dialect_init(struct pc_dialect *d);

/* Reads a Table Dialect descriptor (v1 or v2) into `d` (initialized
 * first); a property planconv does not apply is refused with a
 * dialect-error naming it, never ignored. `source` names the descriptor
 * in errors. PC_EUSAGE on a bad descriptor. */
pc_status pc_dialect_from_json(const json_t *doc, const char *source, struct pc_errsink *sink,
                               struct pc_dialect *d);

/* The same for a descriptor file. */
pc_status pc_dialect_load_file(const char *path, struct pc_errsink *sink, struct pc_dialect *d);

/* Sets headerRows from a list such as "2" or "1,2" (the header-rows
 * option), overriding the descriptor's. PC_EUSAGE on a bad list. */
pc_status pc_dialect_set_header_rows(struct pc_dialect *d, const char *list,
                                     struct pc_errsink *sink);

/* Whether `row` (1-based, as the source counts rows) is listed in rows[n]. */
bool pc_dialect_row_listed(const unsigned long *rows, size_t n, unsigned long row);

/* The dialect as a Table Dialect v2 descriptor (what infer detected);
 * caller frees with json_decref. NULL on ENOMEM. */
json_t *pc_dialect_to_json(const struct pc_dialect *d, const char *encoding);

#endif
