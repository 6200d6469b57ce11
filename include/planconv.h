/* planconv — convert and validate Japanese government plan datasets.
 *
 * The public API. Everything a program needs to convert or validate a file
 * is here; formats, schemas and casting stay private to the library.
 * No function keeps global mutable state: two conversions may run in two
 * threads at once. */
#ifndef PLANCONV_H
#define PLANCONV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PLANCONV_VERSION "0.1.0"

/* Every function that can fail returns one of these. pc_exit_status() maps
 * them to the command line's contract: 0 ok, 1 invalid data, 2 the rest. */
typedef enum pc_status {
    PC_END = -1,     /* no more records (readers only) */
    PC_OK = 0,
    PC_INVALID = 1,  /* the data is invalid: syntax or schema */
    PC_EUSAGE = 2,   /* bad arguments or options */
    PC_EIO = 3,      /* cannot read or write a file */
    PC_ENOMEM = 4,
    PC_EINTERNAL = 5
} pc_status;

const char *pc_strerror(pc_status st);
int pc_exit_status(pc_status st);

/* How much an error weighs. Only PC_SEV_ERROR makes data invalid. */
enum pc_severity {
    PC_SEV_ERROR = 0,
    PC_SEV_WARNING,
    PC_SEV_NORMALIZATION, /* a value was changed as a rule allows; `fixed` and `rule` say how */
    PC_SEV_LINT,          /* a machine-readability finding */
    /* no finding: a fact about the input for reports (type "labels": the
     * header's labels, as `cells`); never counted, never limited */
    PC_SEV_INFO
};

/* What the user can do about an error, as a structured hint: the library
 * names no command-line flag; a front end renders the hint in its own
 * terms (the CLI as the flag to use). */
enum pc_hint {
    PC_HINT_NONE = 0,
    PC_HINT_MAX_FIELD_SIZE, /* raise the field size limit */
    PC_HINT_ENCODING,       /* name the input encoding */
    PC_HINT_FROM_FORMAT,    /* name the input format */
    PC_HINT_TO_FORMAT,      /* name the output format */
    PC_HINT_KIND,           /* name the schema (kind) */
    PC_HINT_SCHEMA,         /* give a schema descriptor of one's own */
    PC_HINT_STRICT,         /* strict mode refuses every normalization */
    PC_HINT_FIX,            /* the fix option replaces machine-dependent characters */
    PC_HINT_NORMALIZE,      /* Japanese normalization would read this value */
    PC_HINT_NO_FILL_DOWN,   /* fill-down can be turned off */
    PC_HINT_SHEET,          /* name the sheet of a workbook */
    PC_HINT_HEADER_ROWS,    /* say which rows are the header */
    PC_HINT_FORMATS_LIST,   /* see the list of formats */
    PC_HINT_HELP,           /* see the command's help */
    PC_HINT_OUTPUT_DIR,     /* choose another output folder */
    PC_HINT_SCHEMA_LIST,    /* see the list of bundled kinds */
    PC_HINT_COMMENT_CHAR,   /* a dialect's commentChar skips rows that start with it */
    PC_HINT_COMMENT_ROWS    /* a dialect's commentRows skips rows by number */
};

/* The default of pc_options.limit_errors. */
#define PC_DEFAULT_LIMIT_ERRORS 1000ul

/* One error or warning, whatever raised it. Strings are borrowed and valid
 * only during the callback that receives the error. `type` is the
 * Frictionless error name (type-error, constraint-error, format-error ...)
 * or planconv's own (usage-error, group-error, strict-error, lint ...). */
struct pc_error {
    pc_status code;
    const char *type;
    const char *source;     /* file name as given, "-" for stdin */
    unsigned long line;     /* 1-based line of the record, 0 if unknown */
    unsigned long record;   /* 1-based record number, 0 if unknown */
    /* Frictionless's rowNumber: the row's place in the table, the header
     * counted (header row 1, first data row 2), whatever lines its cells
     * span; 0 when not about a row (label errors). Left 0, it is derived
     * from `record`. */
    unsigned long row;
    const char *field;      /* field name, NULL if not about one field */
    int field_number;       /* 1-based position in the schema, 0 if none */
    const char *cell;       /* the value as written, NULL if none */
    const char *message;    /* a sentence saying what was expected */
    const char *note;       /* the reason alone, as Frictionless's note; NULL if none */
    const char *label;      /* label errors: the header label as read; NULL if none */
    /* Row and cell errors: the row's cells as read (ncells of them); label
     * errors: the header's labels; NULL if neither. Filled in for the
     * record being checked. */
    const char *const *cells;
    size_t ncells;
    /* Normalizations (severity PC_SEV_NORMALIZATION, type "normalized"): the
     * value written instead of `cell`, and the rule that changed it (e.g.
     * "era-date"). */
    const char *fixed;
    const char *rule;
    enum pc_severity severity;
    enum pc_hint hint;
    /* Where people find the cell in a table they open (a CSV or TSV file
     * in Excel, a workbook's sheet): its 1-based column (A is 1), 0 if the
     * input is no table or the error is about no one cell; and the sheet
     * read, NULL if the input is no workbook. */
    unsigned long column;
    const char *sheet;
};

/* Called for every error as soon as it is found. */
typedef void (*pc_error_fn)(void *ud, const struct pc_error *err);

struct pc_options {
    const char *from;        /* input format name, NULL: by extension, then probe */
    const char *to;          /* output format name, NULL: by output extension */
    const char *kind;        /* schema name, NULL: inferred from the header */
    const char *schema_file; /* a user's Table Schema descriptor, overrides kind */
    const char *encoding;    /* utf-8, cp932, shift_jis, euc-jp; NULL: detect */
    const char *dialect_file; /* a Table Dialect descriptor (CSV Dialect v1 or v2) */
    const char *header_rows; /* the header's rows, "2" or "1,2": headerRows, over the dialect's */
    /* The input's name when its path is not (an upload read through
     * /proc/self/fd/N): its extension picks the format and errors name it.
     * It never reaches the file system. NULL: the input path itself. */
    const char *source_name;
    int excel;               /* CSV output with UTF-8 BOM and CRLF */
    int gzip_level;          /* .gz output: zlib level 1 (fast) to 9 (small); 0: 6 */
    int keep_invalid;        /* write the valid records even if some are invalid */
    int verbose;             /* report choices made (format, kind, encoding) */
    size_t max_field_size;   /* bytes; 0: the default (16 MiB) */
    unsigned long limit_errors; /* stop reporting after this many; 0: 1000 */
    pc_error_fn on_error;    /* NULL: errors are only counted */
    /* Past limit_errors, warnings and normalizations still reach on_error,
     * unformed: their type, rule and position, message NULL and no cells.
     * For a caller that counts them by type or rule from there on: the
     * counts are whole, and composing messages no one reads costs nothing.
     * Without it, warnings past the limit are only counted (pc_stats) and
     * every normalization reaches on_error formed. */
    int tally;
    int facts;               /* also pass facts for reports (PC_SEV_INFO: the labels) to on_error */
    void *ud;
    /* Normalization (Japanese dates, fiscal years, periods, widths): each
     * change is reported with severity PC_SEV_NORMALIZATION. */
    int strict;              /* every normalization is an error instead */
    int fix;                 /* replace machine-dependent characters (①, ㈱) */
    int keep_text;           /* leave string fields as read (no folding, no fixes) */
    int normalize;           /* every Japanese normalization rule on (x-normalize "ja"),
                              * whatever the schema declares */
    int lint;                /* also report machine-readability findings (PC_SEV_LINT;
                                 they make the data invalid, exit status 1) */
    /* Options of one format, libarchive style: "FORMAT:KEY=VALUE" strings,
     * NULL-terminated (NULL: none). Known ones:
     *   xlsx:sheet=NAME|N            the sheet to read (default: the first)
     *   minutes-text:meeting-id=ID   the meeting's id (default: body-date)
     *   outline-text:split-slash=no  keep ／ lists as text, not items
     *   csv:wide=yes, tsv:wide=yes   write wide form, one column per fiscal year
     *   reshape:pivot=no             keep a wide sheet (one column per year) as read
     *   reshape:fill-down=always|never  empty key cells under a filled one take
     *                                its values (default: when pivoting a wide sheet)
     * An option whose FORMAT is no format (nor "reshape"), or whose KEY the
     * format does not take, is a usage error; one for a format not in use
     * is ignored. */
    const char *const *format_options;
    /* Called now and then while reading (every few thousand records), with
     * the bytes read so far from the input (before decompression) and the
     * records read; NULL: never. Receives `ud`, like on_error. */
    void (*on_progress)(void *ud, uint64_t bytes_in, unsigned long records);
    /* 2: the input is read and decoded (gunzip, iconv) in a second thread
     * while this one checks and writes; 1: all in the calling thread. The
     * output, errors and status are the same. 0: 2 when the machine has
     * more than one core; above 2 counts as 2, below 0 as 1. */
    int threads;
};

struct pc_stats {
    unsigned long records;   /* records read */
    unsigned long written;   /* records written */
    unsigned long errors;
    unsigned long warnings;
    unsigned long normalizations;
    uint64_t bytes_in;       /* bytes read from the input, before decompression */
    const char *kind;        /* schema used (static string, never freed) */
    const char *format_in, *format_out;
    const char *encoding;    /* of the input, as detected or given (static string) */
    char encoding_basis[400]; /* why that encoding when it was guessed (CP932, EUC-JP
                              * from the bytes), in the messages' language; "" otherwise */
};

/* Converts `input` ("-" for stdin) to `output` ("-" or NULL for stdout).
 * A file output is written to a temporary file beside it and renamed into
 * place only on success, so a failed run leaves no output file. */
pc_status pc_convert_file(const struct pc_options *opt, const char *input, const char *output,
                          struct pc_stats *stats);

/* Reads and validates `input` without writing anything. */
pc_status pc_validate_file(const struct pc_options *opt, const char *input,
                           struct pc_stats *stats);

/* What infer reads and writes besides the pc_options. */
struct pc_infer_options {
    unsigned long sample_rows; /* records read at most; 0: 10000 */
    int enums;                 /* suggest enum constraints for few distinct values */
    const char *dialect_out;   /* also write the dialect read to this file; NULL: no */
};

/* Reads a sample of `input` and writes a Table Schema that validates it
 * to `output` ("-" or NULL: stdout), atomically like every output. The
 * options' kind and schema are not used; the dialect and encoding are. */
pc_status pc_infer_file(const struct pc_options *opt, const struct pc_infer_options *io,
                        const char *input, const char *output, struct pc_stats *stats);

/* Data Packages. True if `path` names a Data Package descriptor
 * (datapackage.json). */
int pc_is_package(const char *path);

/* Called after each resource of a package with its name, the file read
 * (its first part) and its counts; receives pc_options.ud. */
typedef void (*pc_package_fn)(void *ud, const char *name, const char *path,
                              const struct pc_stats *st, pc_status status);

/* Validates every resource of the Data Package `descriptor` with its own
 * schema, dialect and encoding, its bytes and hash, and foreign keys into
 * other resources. Remote paths, inline data and zip compression are
 * refused with an error. Returns the worst status. */
pc_status pc_package_validate(const struct pc_options *opt, const char *descriptor,
                              pc_package_fn on_resource);

/* Converts every resource into `outdir` (format opt->to, JSON if NULL) and
 * writes outdir/datapackage.json describing what was written. */
pc_status pc_package_convert(const struct pc_options *opt, const char *descriptor,
                             const char *outdir, pc_package_fn on_resource);

/* A run's report as Frictionless-shaped JSON (valid, stats, errors,
 * warnings): feed it every error and each file's stats, then write it.
 * Its shape is described by docs/report.schema.json. */
struct pc_run_report;

/* NULL on ENOMEM. Caller frees with pc_run_report_free. */
struct pc_run_report *pc_run_report_new(void);
/* Records a copy of one error or warning (as given to pc_error_fn). */
pc_status pc_run_report_error(struct pc_run_report *r, const struct pc_error *e);
/* Adds one file's counts to the totals. */
void pc_run_report_stats(struct pc_run_report *r, const struct pc_stats *st);
/* Adds one file's counts to the totals and lists it under "files":
 * `output` is where it was written (NULL: nowhere), `status` one of "ok",
 * "invalid", "error", "skipped" (valid but not written: --all-or-nothing). */
pc_status pc_run_report_file(struct pc_run_report *r, const char *input, const char *output,
                             const struct pc_stats *st, const char *status);
/* Writes the report to `path` ("-": standard output); `valid` is the run's
 * verdict. A path ending in .html gets a self-contained HTML page instead
 * of JSON. Like a converted file, it appears whole or not at all; on
 * PC_EIO, errno says why. */
pc_status pc_run_report_write(const struct pc_run_report *r, const char *path, int valid,
                              double seconds);
void pc_run_report_free(struct pc_run_report *r);

/* Registered formats, for listing: i from 0 until it returns 0. */
int pc_format_info(size_t i, const char **name, const char *const **extensions, int *can_read,
                   int *can_write);
/* The IANA media type of the format `name` (e.g. "text/csv"), as Data
 * Packages list it; NULL for an unknown format. A static string. */
const char *pc_format_media_type(const char *name);

/* Bundled schemas: i from 0 until it returns NULL. */
const char *pc_schema_name(size_t i);
const char *pc_schema_title(size_t i);

/* Writes the schema `kind` as `as` ("table-schema") to the stream `out`
 * (a FILE *). Returns PC_EUSAGE for an unknown kind or export. */
pc_status pc_schema_export(const char *kind, const char *as, void *out);

/* The same for a user's descriptor file; its errors go to on_error. */
pc_status pc_schema_export_file(const char *path, const char *as, void *out, pc_error_fn on_error,
                                void *ud);

#ifdef __cplusplus
}
#endif
#endif
