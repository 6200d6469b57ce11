/* The run report: errors and totals kept as jansson values, written as
 * one JSON document at the end (reports are document-sized, and capped
 * by --limit-errors). */
#include "../core/core.h"
#include "../core/errtypes.h"
#include "report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A string that may have been cut inside a UTF-8 sequence: its valid part. */
static json_t *cut_string(const char *s)
{
    json_t *v = json_string(s);
    for (size_t n = strlen(s); !v && n > 0; n--) v = json_stringn(s, n - 1);
    return v ? v : json_string("");
}

/* A change made while casting: where, from what, to what, by which rule. */
static pc_status add_normalization(struct pc_run_report *r, const struct pc_error *e)
{
    json_t *o = json_object();
    if (!o) return PC_ENOMEM;
    int rc = 0;
    if (e->source) rc |= set_opt(o, "source", json_string(e->source));
    if (e->line) rc |= set_opt(o, "rowNumber", json_integer((json_int_t)e->line));
    if (e->field) rc |= set_opt(o, "fieldName", json_string(e->field));
    rc |= set_opt(o, "from", cut_string(e->cell ? e->cell : ""));
    rc |= set_opt(o, "to", cut_string(e->fixed ? e->fixed : ""));
    rc |= set_opt(o, "rule", json_string(e->rule ? e->rule : "other"));
    if (rc || json_array_append_new(r->normalizations, o)) return PC_ENOMEM;
    return PC_OK;
}

pc_status pc_run_report_error(struct pc_run_report *r, const struct pc_error *e)
{
    if (e->severity == PC_SEV_NORMALIZATION) return add_normalization(r, e);
    const struct pc_errtype *t = pc_errtype_find(e->type);
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s}", "type", e->type ? e->type : t->name, "title", t->title,
                  "description", t->description, "message", e->message ? e->message : "");
    if (!o) return PC_ENOMEM;
    int rc = 0;
    if (e->source) rc |= set_opt(o, "source", json_string(e->source));
    if (e->line) rc |= set_opt(o, "rowNumber", json_integer((json_int_t)e->line));
    if (e->record) rc |= set_opt(o, "recordNumber", json_integer((json_int_t)e->record));
    if (e->field) rc |= set_opt(o, "fieldName", json_string(e->field));
    if (e->field_number) rc |= set_opt(o, "fieldNumber", json_integer(e->field_number));
    if (e->cell) rc |= set_opt(o, "cell", cut_string(e->cell));
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
    json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "source", input, "status", status,
                          "records", (json_int_t)st->records, "errors", (json_int_t)st->errors,
                          "warnings", (json_int_t)st->warnings, "normalizations",
                          (json_int_t)st->normalizations, "bytes", (json_int_t)st->bytes_in);
    if (!o) return PC_ENOMEM;
    int rc = 0;
    if (st->kind) rc |= set_opt(o, "kind", json_string(st->kind));
    if (st->format_in) rc |= set_opt(o, "format", json_string(st->format_in));
    if (st->encoding) rc |= set_opt(o, "encoding", json_string(st->encoding));
    if (output) rc |= set_opt(o, "output", json_string(output));
    if (rc || json_array_append_new(r->files, o)) return PC_ENOMEM;
    return PC_OK;
}

static bool is_html(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && (strcmp(path + n - 5, ".html") == 0 || strcmp(path + n - 4, ".htm") == 0);
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
    bool to_stdout = strcmp(path, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(path, "w");
    if (!f)
        rc = 1;
    else if (!to_stdout && is_html(path))
        rc = pc_report_html_write(doc, f) != PC_OK;
    else
        rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) ||
             fputc('\n', f) < 0;
    if (f && (to_stdout ? fflush(f) : fclose(f))) rc = 1;
    json_decref(doc);
    return rc ? PC_EIO : PC_OK;
}
