/* The run report as one HTML page people can open from a mail or a share:
 * everything inline (no script, no font, no image), so it reads the same
 * offline and leaks nothing. Rendered from the JSON report document, so
 * both always say the same thing. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char style[] =
    "body{font:15px/1.5 system-ui,'Hiragino Sans','Noto Sans CJK JP',sans-serif;margin:2em;"
    "color:#1b1b1b;max-width:72em}"
    "h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em}"
    ".verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff;"
    "font-weight:bold}.valid{background:#2e7d32}.invalid{background:#c62828}"
    "table{border-collapse:collapse;margin:.3em 0}"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
    "th{background:#f0f0f0}td.n{text-align:right}tbody.group th{background:#fdecea}"
    "code{background:#f6f6f6;padding:0 .2em;white-space:pre-wrap;word-break:break-all}"
    ":target{background:#fff59d}a{color:#0b57d0}";

/* Text with the five HTML specials escaped. */
static void put_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static long long num(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

/* The id of a line's anchor: "L" + source + ":" + line, with anything but
 * letters, digits, '.', '-', '_' and ':' written as '_' (ids hold no space). */
static void put_line_id(FILE *out, const json_t *e)
{
    fputc('L', out);
    for (const char *s = str(e, "source"); *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '.' || c == '-' || c == '_' || c >= 0x80;
        fputc(plain ? c : '_', out);
    }
    fprintf(out, ":%lld", num(e, "rowNumber"));
}

/* "source:line", linked to that line's anchor when the line is known. */
static void put_place(FILE *out, const json_t *e)
{
    if (!num(e, "rowNumber")) {
        put_text(out, str(e, "source"));
        return;
    }
    fputs("<a href=\"#", out);
    put_line_id(out, e);
    fputs("\">", out);
    put_text(out, str(e, "source"));
    fprintf(out, ":%lld</a>", num(e, "rowNumber"));
}

static void put_summary(FILE *out, const json_t *doc)
{
    const json_t *st = json_object_get(doc, "stats");
    bool valid = json_is_true(json_object_get(doc, "valid"));
    long long errors = num(st, "errors");
    fprintf(out, "<h1>planconv report <span class=\"verdict %s\" id=\"verdict\">%s</span></h1>\n",
            valid ? "valid" : "invalid", valid ? "valid" : "invalid");
    fprintf(out,
            "<p id=\"summary\"><span id=\"error-count\">%lld error%s</span>, %lld warning%s, "
            "%lld normalization%s in %lld record%s (%lld bytes read, %.2f s).",
            errors, errors == 1 ? "" : "s", num(st, "warnings"),
            num(st, "warnings") == 1 ? "" : "s", num(st, "normalizations"),
            num(st, "normalizations") == 1 ? "" : "s", num(st, "records"),
            num(st, "records") == 1 ? "" : "s", num(st, "bytes"),
            json_number_value(json_object_get(st, "seconds")));
    size_t listed = json_array_size(json_object_get(doc, "errors"));
    if ((long long)listed < errors) fprintf(out, " The first %zu errors are listed.", listed);
    fputs("</p>\n", out);
}

/* A table with one row per item of `list`, none when it is empty: `head`
 * is the HTML from the heading to <tbody>. */
static void put_table(FILE *out, const json_t *list, const char *head,
                      void (*row)(FILE *, const json_t *))
{
    if (!json_array_size(list)) return;
    fputs(head, out);
    size_t i;
    const json_t *e;
    json_array_foreach(list, i, e) row(out, e);
    fputs("</tbody></table>\n", out);
}

static void put_file_row(FILE *out, const json_t *f)
{
    fputs("<tr><td>", out);
    put_text(out, str(f, "source"));
    fputs("</td><td>", out);
    put_text(out, str(f, "kind"));
    fputs("</td><td>", out);
    put_text(out, str(f, "status"));
    fprintf(out, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td>",
            num(f, "records"), num(f, "errors"));
    put_text(out, json_object_get(f, "output") ? str(f, "output") : "-");
    fputs("</td></tr>\n", out);
}

struct entry {
    const json_t *e;
    size_t index;
};

static int by_field(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(str(x->e, "fieldName"), str(y->e, "fieldName"));
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int by_place(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(str(x->e, "source"), str(y->e, "source"));
    if (c) return c;
    long long lx = num(x->e, "rowNumber"), ly = num(y->e, "rowNumber");
    if (lx != ly) return (lx > ly) - (lx < ly);
    return (x->index > y->index) - (x->index < y->index);
}

static struct entry *entries(const json_t *list, int (*order)(const void *, const void *))
{
    size_t n = json_array_size(list);
    struct entry *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < n; i++) v[i] = (struct entry){json_array_get(list, i), i};
    qsort(v, n, sizeof *v, order);
    return v;
}

static const char *field_label(const json_t *e)
{
    const char *f = str(e, "fieldName");
    return *f ? f : "(the whole record or file)";
}

static void put_error_row(FILE *out, const json_t *e)
{
    fputs("<tr><td>", out);
    put_place(out, e);
    fputs("</td><td>", out);
    put_text(out, str(e, "type"));
    fputs("</td><td>", out);
    if (json_object_get(e, "cell")) {
        fputs("<code>", out);
        put_text(out, str(e, "cell"));
        fputs("</code>", out);
    }
    fputs("</td><td>", out);
    put_text(out, str(e, "message"));
    fputs("</td></tr>\n", out);
}

/* Errors grouped by field: a count per field first, then each group. */
static pc_status put_errors(FILE *out, const json_t *errors)
{
    size_t n = json_array_size(errors);
    if (!n) {
        fputs("<h2>Errors</h2>\n<p id=\"no-errors\">No errors.</p>\n", out);
        return PC_OK;
    }
    struct entry *v = entries(errors, by_field);
    if (!v) return PC_ENOMEM;
    fputs("<h2>Errors by field</h2>\n<table id=\"errors-by-field\"><thead><tr><th>Field</th>"
          "<th>Errors</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && strcmp(str(v[j].e, "fieldName"), str(v[i].e, "fieldName")) == 0; j++)
            ;
        fprintf(out, "<tr><td><a href=\"#field-%zu\">", i);
        put_text(out, field_label(v[i].e));
        fprintf(out, "</a></td><td class=\"n\">%zu</td></tr>\n", j - i);
    }
    fputs("</tbody></table>\n<h2>Errors</h2>\n<table id=\"errors\"><thead><tr><th>Where</th>"
          "<th>Type</th><th>Cell</th><th>Message</th></tr></thead>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(str(v[i].e, "fieldName"), str(v[i - 1].e, "fieldName")) != 0) {
            if (i) fputs("</tbody>\n", out);
            fprintf(out, "<tbody class=\"group\" id=\"field-%zu\"><tr><th colspan=\"4\">", i);
            put_text(out, field_label(v[i].e));
            fputs("</th></tr>\n", out);
        }
        put_error_row(out, v[i].e);
    }
    fputs("</tbody></table>\n", out);
    free(v);
    return PC_OK;
}

/* One anchor per line that has errors, listing what is wrong there. */
static pc_status put_lines(FILE *out, const json_t *errors)
{
    size_t n = json_array_size(errors);
    struct entry *v = entries(errors, by_place);
    if (!v) return PC_ENOMEM;
    bool open = false;
    for (size_t i = 0; i < n; i++) {
        const json_t *e = v[i].e;
        if (!num(e, "rowNumber")) continue;
        bool same = i && by_place(&(struct entry){v[i - 1].e, 0}, &(struct entry){e, 0}) == 0 &&
                    num(v[i - 1].e, "rowNumber");
        if (!same) {
            if (!open) fputs("<h2>Lines with errors</h2>\n<ul id=\"lines\">\n", out);
            if (open) fputs("</ul></li>\n", out);
            open = true;
            fputs("<li id=\"", out);
            put_line_id(out, e);
            fputs("\"><strong>", out);
            put_text(out, str(e, "source"));
            fprintf(out, ":%lld</strong><ul>\n", num(e, "rowNumber"));
        }
        fputs("<li>", out);
        put_text(out, json_object_get(e, "fieldName") ? str(e, "fieldName") : "");
        fputs(json_object_get(e, "fieldName") ? ": " : "", out);
        put_text(out, str(e, "message"));
        fputs("</li>\n", out);
    }
    if (open) fputs("</ul></li>\n</ul>\n", out);
    free(v);
    return PC_OK;
}

static void put_normalization_row(FILE *out, const json_t *e)
{
    fputs("<tr><td>", out);
    put_text(out, str(e, "source"));
    if (num(e, "rowNumber")) fprintf(out, ":%lld", num(e, "rowNumber"));
    fputs("</td><td>", out);
    put_text(out, str(e, "fieldName"));
    fputs("</td><td><code>", out);
    put_text(out, str(e, "from"));
    fputs("</code></td><td><code>", out);
    put_text(out, str(e, "to"));
    fputs("</code></td><td>", out);
    put_text(out, str(e, "rule"));
    fputs("</td></tr>\n", out);
}

pc_status pc_report_html_write(const json_t *doc, FILE *out)
{
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>planconv report</title>\n<style>%s</style>\n</head>\n<body>\n",
            style);
    put_summary(out, doc);
    put_table(out, json_object_get(doc, "files"),
              "<h2>Files</h2>\n<table id=\"files\"><thead><tr><th>File</th><th>Kind</th>"
              "<th>Status</th><th>Records</th><th>Errors</th><th>Output</th></tr></thead><tbody>\n",
              put_file_row);
    const json_t *errors = json_object_get(doc, "errors");
    pc_status st = put_errors(out, errors);
    if (!st) st = put_lines(out, errors);
    if (st) return st;
    put_table(out, json_object_get(doc, "warnings"),
              "<h2>Warnings</h2>\n<table id=\"warnings\"><thead><tr><th>Where</th><th>Type</th>"
              "<th>Cell</th><th>Message</th></tr></thead><tbody>\n",
              put_error_row);
    put_table(out, json_object_get(doc, "normalizations"),
              "<h2>Normalizations</h2>\n<table id=\"normalizations\"><thead><tr><th>Where</th>"
              "<th>Field</th><th>As written</th><th>Written as</th><th>Rule</th></tr></thead>"
              "<tbody>\n",
              put_normalization_row);
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? PC_EIO : PC_OK;
}
