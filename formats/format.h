/* The format interface: a format is a name, its file extensions, a probe
 * and constructors for a reader and/or a writer. Readers pull records one
 * at a time; writers push them. See formats/registry.c for the table. */
#ifndef PC_FORMAT_H
#define PC_FORMAT_H

#include "../validate/dialect.h"
#include "../validate/schema.h"
#include "stream.h"

struct pc_reader;
struct pc_writer;

struct pc_reader_ops {
    /* Fills *rec with the next record (valid until the next call);
     * PC_END at the end. Errors in the data are reported to the sink and
     * mark the record invalid; only errors that stop reading are returned. */
    pc_status (*next)(struct pc_reader *r, struct pc_record *rec);
    /* The labels seen so far (header names, JSON keys); cell.label indexes
     * them. Valid until the next call of next(). */
    size_t (*labels)(struct pc_reader *r, const struct pc_label **labels);
    void (*free)(struct pc_reader *r);
};

struct pc_reader {
    const struct pc_reader_ops *ops;
};

struct pc_read_ctx {
    struct pc_istream *in; /* NULL for formats that read the file (pc_format_reads_file) */
    struct pc_errsink *sink;
    size_t max_field_size;
    const char *path; /* the input as given ("-" for stdin) */
    /* "FORMAT:KEY=VALUE" strings, NULL-terminated, or NULL: each format
     * takes its own with pc_format_option; all are known (checked before). */
    const char *const *options;
    /* The schema given before reading, NULL if it is guessed from the
     * labels: structured formats check their element names against it. */
    const struct pc_schema *schema;
    /* How the table is laid out (never NULL): a --dialect descriptor,
     * the header-rows option, or the defaults. A reader fills in what it
     * detects where the dialect says nothing (the CSV delimiter). */
    struct pc_dialect *dialect;
};

struct pc_writer_ops {
    pc_status (*write)(struct pc_writer *w, const struct pc_record *rec);
    pc_status (*finish)(struct pc_writer *w); /* writes the trailer */
    void (*free)(struct pc_writer *w);
};

struct pc_writer {
    const struct pc_writer_ops *ops;
};

struct pc_write_ctx {
    struct pc_ostream *out;
    struct pc_errsink *sink;
    const struct pc_schema *schema;
    bool excel; /* CSV: UTF-8 BOM and CRLF */
    bool every_key; /* JSON, XML: an empty cell is written (null), not left out, so a
                     * table of no kind keeps every column through the format */
    const char *const *options; /* as in pc_read_ctx */
};

/* pc_format.flags */
enum {
    /* The format opens the input file itself (a zip needs to seek): no
     * decoded stream is opened for it, and it cannot read stdin. */
    PC_FORMAT_READS_FILE = 1u << 0,
    /* Its labels are a header row of columns and a record's cells are
     * positions under them (CSV, TSV, a sheet): labels meet fields as the
     * schema's fieldsMatch says, and rows are checked cell by cell. */
    PC_FORMAT_TABULAR = 1u << 1,
    /* A tree of named values (JSON, XML): keys are field names, never
     * titles or aliases, lists are arrays (never one separated string), and
     * values are valid as written, as the exported JSON Schema and XSD say. */
    PC_FORMAT_TREE = 1u << 2,
    /* Values carry types (JSON): a string is no number. */
    PC_FORMAT_TYPED = 1u << 3
};

struct pc_format {
    const char *name;
    const char *media_type; /* IANA media type, as Data Packages list it */
    unsigned flags;         /* PC_FORMAT_* */
    const char *const *extensions; /* NULL-terminated, without the dot */
    /* The KEYs of the "NAME:KEY=VALUE" options it takes, NULL-terminated;
     * NULL: none. Its constructors read them with pc_format_option. */
    const char *const *option_keys;
    /* How sure the format is that `head` (decoded UTF-8) is its own: 0-100. */
    int (*probe)(const char *head, size_t n);
    /* Constructors; NULL when the format cannot read or write.
     * The caller frees the result with its ops->free. */
    pc_status (*reader_new)(const struct pc_read_ctx *ctx, struct pc_reader **out);
    pc_status (*writer_new)(const struct pc_write_ctx *ctx, struct pc_writer **out);
};

/* Sets up the libraries formats share (libxml2) once per process, before
 * threads use them: libxml2's own lazy set-up races. Safe to call from
 * any thread, any number of times. */
void pc_formats_init(void);

const struct pc_format *pc_format_by_name(const char *name);
/* By the file name's extension, a trailing .gz ignored; NULL if unknown. */
const struct pc_format *pc_format_by_path(const char *path);
/* The highest bidder for `head` among readers; NULL if all bid 0. */
const struct pc_format *pc_format_probe(const char *head, size_t n);
/* The format `f` (chosen by extension), or a more specific reading of it
 * whose probe is sure of `head` (a .json file that is the NDL API's answer). */
const struct pc_format *pc_format_refine(const struct pc_format *f, const char *head, size_t n);

/* The value of the option "FORMAT:KEY=VALUE" in `options` (NULL-terminated
 * or NULL), the last one given winning; NULL if it is not there. */
const char *pc_format_option(const char *const *options, const char *format, const char *key);
/* Reads a yes/no option into *out (left alone when absent); a usage error
 * reported to `sink` for any other value. */
pc_status pc_format_option_bool(const char *const *options, const char *format, const char *key,
                                struct pc_errsink *sink, bool *out);
/* Checks that every option names a format (or `owner`, a step that is no
 * format, e.g. "reshape") and one of its keys; a usage error naming the
 * first that does not. */
pc_status pc_format_options_check(const char *const *options, const char *owner,
                                  const char *const *owner_keys, struct pc_errsink *sink);

/* Helpers for readers: report an error about the record at `line`. */
pc_status pc_reader_error(struct pc_errsink *sink, pc_status code, const char *type,
                          unsigned long line, unsigned long recno, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A field over the field size limit of `limit` bytes: a format-error. */
pc_status pc_reader_too_large(struct pc_errsink *sink, unsigned long line, unsigned long recno,
                              size_t limit);

#endif
