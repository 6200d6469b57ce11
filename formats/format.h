/* The format interface: a format is a name, its file extensions, a probe
 * and constructors for a reader and/or a writer. Readers pull records one
 * at a time; writers push them. See formats/registry.c for the table. */
#ifndef PC_FORMAT_H
#define PC_FORMAT_H

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
    const char *path;  /* the input as given ("-" for stdin) */
    const char *sheet; /* workbooks: a sheet name or 1-based number; NULL: the first */
    const char *meeting_id; /* minutes text: the meeting's id; NULL: body and date */
    bool no_split_slash;    /* outline text: keep ／ lists in the description */
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
};

struct pc_format {
    const char *name;
    const char *description;
    const char *const *extensions; /* NULL-terminated, without the dot */
    /* How sure the format is that `head` (decoded UTF-8) is its own: 0-100. */
    int (*probe)(const char *head, size_t n);
    /* Constructors; NULL when the format cannot read or write.
     * The caller frees the result with its ops->free. */
    pc_status (*reader_new)(const struct pc_read_ctx *ctx, struct pc_reader **out);
    pc_status (*writer_new)(const struct pc_write_ctx *ctx, struct pc_writer **out);
};

const struct pc_format *pc_format_by_name(const char *name);
/* By the file name's extension, a trailing .gz ignored; NULL if unknown. */
const struct pc_format *pc_format_by_path(const char *path);
/* The highest bidder for `head` among readers; NULL if all bid 0. */
const struct pc_format *pc_format_probe(const char *head, size_t n);
/* True for formats that open the input file themselves (a zip needs to
 * seek): no decoded stream is opened for them. */
bool pc_format_reads_file(const struct pc_format *f);

/* Helpers for readers: report an error about the record at `line`. */
pc_status pc_reader_error(struct pc_errsink *sink, pc_status code, const char *type,
                          unsigned long line, unsigned long recno, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A field over the field size limit of `limit` bytes: a format-error. */
pc_status pc_reader_too_large(struct pc_errsink *sink, unsigned long line, unsigned long recno,
                              size_t limit);

#endif
