/* The run report: errors and totals kept as jansson values, written as
 * one JSON document at the end (reports are document-sized, and capped
 * by --limit-errors). */
#include "../core/core.h"
#include "../core/errtypes.h"
#include "../core/utf8.h"
#include "report.h"
#include "../convert/outfile.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pc_run_report {
    json_t *errors, *warnings, *normalizations;
    json_t *files; /* NULL until pc_run_report_file is called */
    unsigned long records, nerrors, nwarnings, nnormalizations;
    uint64_t bytes;
};

struct pc_run_report *pc_run_report_new(void)
{
    struct pc_run_report *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->errors = json_array();
    r->warnings = json_array();
    r->normalizations = json_array();
    if (!r->errors || !r->warnings || !r->normalizations) {
        pc_run_report_free(r);
        return NULL;
    }
    return r;
}

void pc_run_report_free(struct pc_run_report *r)
{
    if (!r) return;
    json_decref(r->errors);
    json_decref(r->warnings);
    json_decref(r->normalizations);
    json_decref(r->files);
    free(r);
}

/* Adds key: value unless value is NULL (json_*() failed or nothing to say). */
static int set_opt(json_t *obj, const char *key, json_t *value)
{
    return value ? json_object_set_new(obj, key, value) : 0;
}

/* Any bytes as a JSON string: a character cut at the end (a message or
 * cell shortened by its writer) is dropped, any other byte that is not
 * UTF-8 (a file name, a cell read as raw bytes) becomes U+FFFD. NULL only
 * without memory. */
static json_t *text_value(const char *s)
{
    json_t *v = json_string(s);
    if (v) return v;
    size_t n = pc_utf8_cut(s, strlen(s)), used = 0;
    char *buf = malloc(n * 3 + 1); /* a stray byte (1) becomes U+FFFD (3) */
    if (!buf) return NULL;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) { /* valid runs as they are, each bad byte as U+FFFD */
        int cut;
        size_t k = pc_utf8_valid_prefix(u + i, n - i, &cut);
        memcpy(buf + used, s + i, k);
        used += k;
        i += k;
        if (i < n) {
            used += pc_utf8_put(buf + used, 0xFFFD);
            i++;
        }
    }
    v = json_stringn(buf, used);
    free(buf);
    return v;
}

/* Where people find the cell (docs/report.schema.json): the column as a
 * spreadsheet names it, and for a workbook the sheet and the cell's
 * reference (a sheet's line is its row). Frictionless's own properties
 * are left as they are. */
static int set_position(json_t *o, const struct pc_error *e)
{
    int rc = 0;
    char col[8];
    pc_column_letters(e->column, col);
    if (e->column) rc |= set_opt(o, "x-column", json_string(col));
    if (e->column && e->sheet && e->line)
        rc |= set_opt(o, "x-cell", json_sprintf("%s%lu", col, e->line));
    if (e->sheet) rc |= set_opt(o, "x-sheet", json_string(e->sheet));
    return rc;
}

/* A change made while casting: where, from what, to what, by which rule. */
static pc_status add_normalization(struct pc_run_report *r, const struct pc_error *e)
{
    json_t *o = json_object();
    if (!o) return PC_ENOMEM;
    int rc = 0;
    if (e->source) rc |= set_opt(o, "source", text_value(e->source));
    if (e->line) rc |= set_opt(o, "rowNumber", json_integer((json_int_t)e->line));
    if (e->field) rc |= set_opt(o, "fieldName", text_value(e->field));
    rc |= set_opt(o, "from", text_value(e->cell ? e->cell : ""));
    rc |= set_opt(o, "to", text_value(e->fixed ? e->fixed : ""));
    rc |= set_opt(o, "rule", json_string(e->rule ? e->rule : "other"));
    rc |= set_position(o, e);
    if (rc || json_array_append_new(r->normalizations, o)) return PC_ENOMEM;
    return PC_OK;
}

pc_status pc_run_report_error(struct pc_run_report *r, const struct pc_error *e)
{
    if (e->severity == PC_SEV_NORMALIZATION) return add_normalization(r, e);
    const struct pc_errtype *t = pc_errtype_find(e->type);
    json_t *o = json_pack("{s:s, s:s, s:s}", "type", e->type ? e->type : t->name, "title",
                          t->title, "description", t->description);
    if (!o) return PC_ENOMEM;
    int rc = set_opt(o, "message", text_value(e->message ? e->message : ""));
    if (e->source) rc |= set_opt(o, "source", text_value(e->source));
    if (e->line) rc |= set_opt(o, "rowNumber", json_integer((json_int_t)e->line));
    if (e->record) rc |= set_opt(o, "recordNumber", json_integer((json_int_t)e->record));
    if (e->field) rc |= set_opt(o, "fieldName", text_value(e->field));
    if (e->field_number) rc |= set_opt(o, "fieldNumber", json_integer(e->field_number));
    if (e->cell) rc |= set_opt(o, "cell", text_value(e->cell));
    rc |= set_position(o, e);
    const char *hint = pc_hint_name(e->hint);
    if (hint) rc |= set_opt(o, "hint", json_string(hint));
    /* the report keeps its shape: lint findings are listed with the errors */
    if (rc || json_array_append_new(e->severity == PC_SEV_WARNING ? r->warnings : r->errors, o))
        return PC_ENOMEM;
    return PC_OK;
}

void pc_run_report_stats(struct pc_run_report *r, const struct pc_stats *st)
{
    r->records += st->records;
    r->nerrors += st->errors;
    r->nwarnings += st->warnings;
    r->nnormalizations += st->normalizations;
    r->bytes += st->bytes_in;
}

pc_status pc_run_report_file(struct pc_run_report *r, const char *input, const char *output,
                             const struct pc_stats *st, const char *status)
{
    pc_run_report_stats(r, st);
    if (!r->files && !(r->files = json_array())) return PC_ENOMEM;
    json_t *o = json_pack("{s:o, s:s, s:I, s:I, s:I, s:I, s:I}", "source", text_value(input),
                          "status", status,
                          "records", (json_int_t)st->records, "errors", (json_int_t)st->errors,
                          "warnings", (json_int_t)st->warnings, "normalizations",
                          (json_int_t)st->normalizations, "bytes", (json_int_t)st->bytes_in);
    if (!o) return PC_ENOMEM;
    int rc = 0;
    if (st->kind) rc |= set_opt(o, "kind", json_string(st->kind));
    if (st->format_in) rc |= set_opt(o, "format", json_string(st->format_in));
    if (st->encoding) rc |= set_opt(o, "encoding", json_string(st->encoding));
    if (output) rc |= set_opt(o, "output", text_value(output));
    if (rc || json_array_append_new(r->files, o)) return PC_ENOMEM;
    return PC_OK;
}

static bool is_html(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && (strcmp(path + n - 5, ".html") == 0 || strcmp(path + n - 4, ".htm") == 0);
}

/* Nonzero if the document could not be written whole to f. */
static int write_doc(json_t *doc, FILE *f, bool html)
{
    int rc = html ? pc_report_html_write(doc, f) != PC_OK
                  : json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) ||
                         fputc('\n', f) < 0;
    return fflush(f) || ferror(f) || rc;
}

/* Like any output: whole or not at all (a full disk leaves the old report
 * as it was). errno says why it failed. */
static int write_file(json_t *doc, const char *path)
{
    struct pc_errsink quiet = {0};
    struct pc_outfile out;
    if (pc_outfile_open(&out, path, &quiet)) return 1;
    int fd = dup(out.fd);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f && fd >= 0) close(fd);
    int rc = !f || write_doc(doc, f, is_html(path));
    int saved = errno;
    if (f && fclose(f) && !rc) {
        rc = 1;
        saved = errno;
    }
    if (rc) {
        pc_outfile_abort(&out);
    } else if (pc_outfile_commit(&out, &quiet)) {
        rc = 1;
        saved = errno;
    }
    errno = saved;
    return rc;
}

pc_status pc_run_report_write(const struct pc_run_report *r, const char *path, int valid,
                              double seconds)
{
    /* to the millisecond (finer is noise), printed as such: 0.007, not
     * 0.0070000000000000001 */
    seconds = (double)(long long)(seconds * 1000 + 0.5) / 1000;
    json_t *doc = json_pack("{s:b, s:{s:I, s:I, s:I, s:I, s:f, s:I}}", "valid", valid, "stats",
                            "records", (json_int_t)r->records, "errors", (json_int_t)r->nerrors,
                            "warnings", (json_int_t)r->nwarnings, "normalizations",
                            (json_int_t)r->nnormalizations, "seconds", seconds, "bytes",
                            (json_int_t)r->bytes);
    if (!doc) return PC_ENOMEM;
    int rc = r->files ? json_object_set(doc, "files", r->files) : 0;
    rc |= json_object_set(doc, "errors", r->errors);
    rc |= json_object_set(doc, "warnings", r->warnings);
    rc |= json_object_set(doc, "normalizations", r->normalizations);
    if (rc) {
        json_decref(doc);
        return PC_ENOMEM;
    }
    rc = strcmp(path, "-") == 0 ? write_doc(doc, stdout, false) : write_file(doc, path);
    json_decref(doc);
    return rc ? PC_EIO : PC_OK;
}
