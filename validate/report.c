/* The run report, in the shape frictionless-py v5 writes for
 * `frictionless validate --json`: valid, stats, warnings, errors (those
 * about no one input: schemas, usage) and one task per input with its
 * labels, stats and errors; plus planconv's normalizations in their own
 * list (of the whole run, each naming its source). Kept as jansson values and written as one
 * document at the end (reports are document-sized, and capped by --limit-errors).
 * docs/report.schema.json describes exactly what is written. */
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

/* One input: its task object, and the warnings as objects for the HTML
 * page (the task lists them as strings, as Frictionless does). */
struct task {
    char *place;
    json_t *obj, *errors, *warnings, *warning_objs;
    bool has_file; /* pc_run_report_file named it: an input, not an output */
};

struct pc_run_report {
    json_t *errors;         /* errors about no input */
    json_t *normalizations; /* all of them, each naming its source */
    struct task *tasks;
    size_t ntasks;
    unsigned long records, nerrors, nwarnings, nnormalizations;
    uint64_t bytes;
};

struct pc_run_report *pc_run_report_new(void)
{
    struct pc_run_report *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->errors = json_array();
    r->normalizations = json_array();
    if (!r->errors || !r->normalizations) {
        pc_run_report_free(r);
        return NULL;
    }
    return r;
}

static void task_free(struct task *t)
{
    free(t->place);
    json_decref(t->obj);
    json_decref(t->errors);
    json_decref(t->warnings);
    json_decref(t->warning_objs);
}

void pc_run_report_free(struct pc_run_report *r)
{
    if (!r) return;
    json_decref(r->errors);
    json_decref(r->normalizations);
    for (size_t i = 0; i < r->ntasks; i++)
        task_free(&r->tasks[i]);
    free(r->tasks);
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

static json_t *string_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, text_value(v[i]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* A task's name as Frictionless derives a resource's: the file name
 * without its extensions, lower case, other characters as "-". */
static json_t *task_name(const char *place)
{
    const char *base = strrchr(place, '/');
    base = base ? base + 1 : place;
    char name[128];
    size_t n = 0;
    for (; base[n] && base[n] != '.' && n + 1 < sizeof name; n++) {
        unsigned char c = (unsigned char)base[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        name[n] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : ok ? (char)c : '-';
    }
    name[n] = '\0';
    return json_string(n ? name : "memory");
}

/* The task of `place`, made when first named; NULL on ENOMEM. */
static struct task *task_of(struct pc_run_report *r, const char *place)
{
    for (size_t i = 0; i < r->ntasks; i++)
        if (strcmp(r->tasks[i].place, place) == 0) return &r->tasks[i];
    struct task *v = realloc(r->tasks, (r->ntasks + 1) * sizeof *v);
    if (!v) return NULL;
    r->tasks = v;
    struct task *t = &v[r->ntasks];
    *t = (struct task){.place = strdup(place),
                       .obj = json_pack("{s:o, s:s, s:b, s:o, s:[]}", "name", task_name(place),
                                        "type", "table", "valid", 1, "place", text_value(place),
                                        "labels"),
                       .errors = json_array(),
                       .warnings = json_array(),
                       .warning_objs = json_array()};
    if (!t->place || !t->obj || !t->errors || !t->warnings || !t->warning_objs) {
        task_free(t);
        return NULL;
    }
    r->ntasks++;
    return t;
}

/* A change made while casting: where, from what, to what, by which rule. */
static json_t *normalization(const struct pc_error *e)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int rc = 0;
    if (e->source) rc |= set_opt(o, "source", text_value(e->source));
    if (e->row) rc |= set_opt(o, "rowNumber", json_integer((json_int_t)e->row));
    if (e->line) rc |= set_opt(o, "line", json_integer((json_int_t)e->line));
    if (e->field) rc |= set_opt(o, "fieldName", text_value(e->field));
    rc |= set_opt(o, "from", text_value(e->cell ? e->cell : ""));
    rc |= set_opt(o, "to", text_value(e->fixed ? e->fixed : ""));
    rc |= set_opt(o, "rule", json_string(e->rule ? e->rule : "other"));
    rc |= set_position(o, e);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Whether the type's errors are about a cell, or a header label. */
static bool tagged(const struct pc_errtype *t, const char *tag)
{
    return strstr(t->tags, tag) != NULL;
}

/* An error as Frictionless writes one (type, title, description,
 * message, tags, note and its position), plus planconv's line, record
 * number and hint. */
static json_t *error_object(const struct pc_error *e)
{
    const struct pc_errtype *t = pc_errtype_find(e->type);
    const char *message = e->message ? e->message : "";
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:[], s:o}", "type", e->type ? e->type : t->name,
                          "title", t->title, "description", t->description, "message",
                          text_value(message), "tags", "note", text_value(e->note ? e->note : message));
    if (!o) return NULL;
    int rc = 0;
    json_t *tags = json_object_get(o, "tags");
    for (const char *p = t->tags; *p;) {
        size_t n = strcspn(p, " ");
        rc |= json_array_append_new(tags, json_stringn(p, n));
        p += n + (p[n] == ' ');
    }
    bool label = tagged(t, "#label"), cell = tagged(t, "#cell");
    if (e->source) rc |= set_opt(o, "source", text_value(e->source));
    if (e->row) rc |= set_opt(o, "rowNumber", json_integer((json_int_t)e->row));
    if (label) rc |= set_opt(o, "rowNumbers", json_pack("[i]", 1));
    if (e->field_number) rc |= set_opt(o, "fieldNumber", json_integer(e->field_number));
    if (e->field) /* also a lint finding's, whose type has no #cell */
        rc |= set_opt(o, "fieldName", text_value(e->field));
    else if (label || cell)
        rc |= set_opt(o, "fieldName", json_string(""));
    if (e->cell)
        rc |= set_opt(o, "cell", text_value(e->cell));
    else if (cell)
        rc |= set_opt(o, "cell", json_string(""));
    /* a label error's cells are the header's labels */
    if (e->cells) rc |= set_opt(o, label ? "labels" : "cells", string_array(e->cells, e->ncells));
    if (label) rc |= set_opt(o, "label", text_value(e->label ? e->label : ""));
    if (e->line) rc |= set_opt(o, "line", json_integer((json_int_t)e->line));
    if (e->record) rc |= set_opt(o, "recordNumber", json_integer((json_int_t)e->record));
    rc |= set_position(o, e);
    const char *hint = pc_hint_name(e->hint);
    if (hint) rc |= set_opt(o, "hint", json_string(hint));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* A warning as Frictionless lists them: one sentence, here with its place
 * as the command line prints it. */
static json_t *warning_string(const struct pc_error *e)
{
    char at[64] = "", text[4096];
    if (e->line) snprintf(at, sizeof at, ":%lu", e->line);
    snprintf(text, sizeof text, "%s%s%s%s: %s", e->source ? e->source : "planconv", at,
             e->field ? ":" : "", e->field ? e->field : "", e->message ? e->message : "");
    return text_value(text);
}

/* Errors about the run rather than an input's data go at the top. */
static bool about_no_input(const struct pc_error *e)
{
    const char *t = e->type ? e->type : "";
    static const char *const about_run[] = {"schema-error", "field-error", "dialect-error",
                                            "schema-warning", "usage-error"};
    for (size_t i = 0; i < PC_ARRAY_LEN(about_run); i++)
        if (strcmp(t, about_run[i]) == 0) return true;
    return !e->source;
}

pc_status pc_run_report_error(struct pc_run_report *r, const struct pc_error *e)
{
    if (e->severity == PC_SEV_NORMALIZATION) {
        json_t *o = normalization(e);
        return !o || json_array_append_new(r->normalizations, o) ? PC_ENOMEM : PC_OK;
    }
    if (e->severity == PC_SEV_INFO) {
        struct task *t =
            e->source && e->type && strcmp(e->type, "labels") == 0 ? task_of(r, e->source) : NULL;
        if (t && json_object_set_new(t->obj, "labels", string_array(e->cells, e->ncells)))
            return PC_ENOMEM;
        return PC_OK;
    }
    if (e->severity == PC_SEV_WARNING) {
        struct task *t = task_of(r, e->source ? e->source : "-");
        json_t *o = error_object(e);
        if (!t || !o || json_array_append_new(t->warning_objs, o) ||
            json_array_append_new(t->warnings, warning_string(e)))
            return PC_ENOMEM;
        return PC_OK;
    }
    json_t *o = error_object(e);
    if (!o) return PC_ENOMEM;
    struct task *t = about_no_input(e) ? NULL : task_of(r, e->source);
    if (json_array_append_new(t ? t->errors : r->errors, o)) return PC_ENOMEM;
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
    struct task *t = task_of(r, input);
    if (!t) return PC_ENOMEM;
    t->has_file = true;
    json_t *stats =
        json_pack("{s:I, s:I, s:I, s:I, s:I}", "errors", (json_int_t)st->errors, "warnings",
                  (json_int_t)st->warnings, "rows", (json_int_t)st->records, "normalizations",
                  (json_int_t)st->normalizations, "bytes", (json_int_t)st->bytes_in);
    int rc = !stats || json_object_set_new(t->obj, "stats", stats);
    rc |= json_object_set_new(
        t->obj, "valid", json_boolean(strcmp(status, "ok") == 0 || strcmp(status, "skipped") == 0));
    rc |= set_opt(t->obj, "status", json_string(status));
    if (st->kind) rc |= set_opt(t->obj, "kind", json_string(st->kind));
    if (st->format_in) rc |= set_opt(t->obj, "format", json_string(st->format_in));
    if (st->encoding) rc |= set_opt(t->obj, "encoding", json_string(st->encoding));
    if (output) rc |= set_opt(t->obj, "output", text_value(output));
    return rc ? PC_ENOMEM : PC_OK;
}

/* The tasks as written: each input's, its lists set in; the errors and
 * warnings of a place no input named (an output that cannot be written)
 * go on `top` and `top_warnings`. */
struct ranked {
    json_int_t row;
    size_t at;
    json_t *e;
};

static int by_row(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* A task's errors in row order, as frictionless-py lists them: the
 * header's first (no rowNumber), then row by row, a row's in the order
 * they were found. Foreign-key errors, known only at the end of the input
 * (a referenced row may come later), so move to their rows. NULL on
 * ENOMEM. */
static json_t *in_row_order(json_t *errors)
{
    size_t n = json_array_size(errors);
    struct ranked *v = malloc((n ? n : 1) * sizeof *v);
    json_t *out = json_array();
    if (!v || !out) {
        free(v);
        json_decref(out);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(errors, i);
        v[i] = (struct ranked){json_integer_value(json_object_get(e, "rowNumber")), i, e};
    }
    qsort(v, n, sizeof *v, by_row);
    int rc = 0;
    for (size_t i = 0; i < n; i++) rc |= json_array_append(out, v[i].e);
    free(v);
    if (rc) {
        json_decref(out);
        return NULL;
    }
    return out;
}

static int put_tasks(const struct pc_run_report *r, json_t *doc, json_t *top, json_t *top_warnings)
{
    json_t *tasks = json_array();
    int rc = !tasks || json_object_set_new(doc, "tasks", tasks);
    for (size_t i = 0; !rc && i < r->ntasks; i++) {
        const struct task *t = &r->tasks[i];
        if (!t->has_file) {
            rc |= json_array_extend(top, t->errors) || json_array_extend(top_warnings, t->warnings);
            continue;
        }
        rc |= json_object_set(t->obj, "warnings", t->warnings);
        json_t *sorted = in_row_order(t->errors);
        rc |= !sorted || json_object_set_new(t->obj, "errors", sorted);
        rc |= json_array_append(tasks, t->obj);
    }
    return rc;
}

static json_t *report_doc(const struct pc_run_report *r, int valid, double seconds)
{
    json_t *errors = json_copy(r->errors), *warnings = json_array();
    json_t *doc =
        json_pack("{s:b, s:{s:I, s:I, s:I, s:f, s:I, s:I, s:I}}", "valid", valid, "stats", "tasks",
                  (json_int_t)r->ntasks, "errors", (json_int_t)r->nerrors, "warnings",
                  (json_int_t)r->nwarnings, "seconds", seconds, "records", (json_int_t)r->records,
                  "normalizations", (json_int_t)r->nnormalizations, "bytes", (json_int_t)r->bytes);
    int rc = !doc || !errors || !warnings;
    if (!rc) rc = json_object_set(doc, "warnings", warnings) || put_tasks(r, doc, errors, warnings);
    /* Frictionless's stats.tasks counts the tasks written */
    if (!rc)
        rc = json_object_set_new(
            json_object_get(doc, "stats"), "tasks",
            json_integer((json_int_t)json_array_size(json_object_get(doc, "tasks"))));
    if (!rc) rc = json_object_set(doc, "errors", errors);
    if (!rc) rc = json_object_set(doc, "normalizations", r->normalizations);
    json_decref(errors);
    json_decref(warnings);
    if (rc) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

/* The HTML page's view of the run: one list of files, all errors and
 * warnings with their source and line, the normalizations. */
static json_t *html_view(const struct pc_run_report *r, const json_t *doc)
{
    json_t *files = json_array(), *errors = json_copy(r->errors), *warnings = json_array();
    json_t *view = json_pack("{s:O, s:O}", "valid", json_object_get(doc, "valid"), "stats",
                             json_object_get(doc, "stats"));
    int rc = !files || !errors || !warnings || !view;
    for (size_t i = 0; !rc && i < r->ntasks; i++) {
        const struct task *t = &r->tasks[i];
        rc |= json_array_extend(errors, t->errors) || json_array_extend(warnings, t->warning_objs);
        if (!t->has_file) continue;
        const json_t *st = json_object_get(t->obj, "stats");
        json_t *f = json_pack("{s:o, s:O, s:O, s:O}", "source", text_value(t->place), "status",
                              json_object_get(t->obj, "status"), "records",
                              json_object_get(st, "rows"), "errors", json_object_get(st, "errors"));
        static const char *const keys[] = {"kind", "format", "output"};
        for (size_t k = 0; f && k < PC_ARRAY_LEN(keys); k++)
            if (json_object_get(t->obj, keys[k]))
                rc |= json_object_set(f, keys[k], json_object_get(t->obj, keys[k]));
        rc |= !f || json_array_append_new(files, f);
    }
    /* The page places an error by the row people see: for a CSV the row
     * Excel shows (rowNumber: a cell's line break does not shift it), for
     * a sheet the sheet's own row (its line), which counts rows above the
     * header too; rows with no number (label errors) by the header's line. */
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
    {
        json_t *line = json_object_get(e, "line");
        bool sheet = json_object_get(e, "x-sheet") != NULL;
        if (line && (sheet || !json_object_get(e, "rowNumber")))
            rc |= json_object_set(e, "rowNumber", line);
    }
    if (!rc)
        rc = json_object_set(view, "files", files) || json_object_set(view, "errors", errors) ||
             json_object_set(view, "warnings", warnings) ||
             json_object_set(view, "normalizations", r->normalizations);
    json_decref(files);
    json_decref(errors);
    json_decref(warnings);
    if (rc) {
        json_decref(view);
        return NULL;
    }
    return view;
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
    json_t *doc = report_doc(r, valid, seconds);
    if (!doc) return PC_ENOMEM;
    bool to_stdout = strcmp(path, "-") == 0, html = !to_stdout && is_html(path);
    json_t *view = html ? html_view(r, doc) : NULL;
    if (html && !view) {
        json_decref(doc);
        return PC_ENOMEM;
    }
    int rc = to_stdout ? write_doc(doc, stdout, false) : write_file(html ? view : doc, path);
    json_decref(doc);
    json_decref(view);
    return rc ? PC_EIO : PC_OK;
}
