/* The run report as one HTML page for the officers who fix the data: in
 * their language, fields named by their titles, the rows with errors as a
 * table with the bad cells marked and the error beside them, then every
 * error grouped by field; normalizations a click away. Everything inline
 * (no script, no font, no image), so it reads the same offline and leaks
 * nothing. Rendered from the JSON report document, so both always say the
 * same thing. */
#include "report.h"

#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const char style[] =
    "body{font:15px/1.5 system-ui,'Hiragino Sans','Noto Sans CJK JP',sans-serif;margin:1.5em;"
    "color:#1b1b1b;max-width:72em}"
    "h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em}"
    "h3{font-size:1em;margin:1.2em 0 .3em}"
    ".verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff;"
    "font-weight:bold}.valid{background:#2e7d32}.invalid{background:#c62828}"
    "ul.counts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;margin:.3em 0}"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
    "th{background:#f0f0f0}thead th{white-space:nowrap}td.n{text-align:right}"
    "tbody.group th{background:#fdecea}"
    "td.bad{background:#fdecea;outline:2px solid #c62828;outline-offset:-2px}"
    "td.msgs ul{margin:0;padding-left:1.1em}"
    "code{background:#f6f6f6;padding:0 .2em;white-space:pre-wrap;word-break:break-all}"
    "details{margin:1em 0}summary{cursor:pointer;font-weight:bold}"
    ":target{background:#fff59d}a{color:#0b57d0}";

/* Text with the five HTML specials escaped and a line break shown as ⏎,
 * as the messages show it. */
static void put_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\r':
            if (s[1] == '\n') s++;
            /* fall through */
        case '\n': fputs("\u23ce", out); break;
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

/* What the page knows besides the report: the schema of each file's kind,
 * for the fields' titles. */
struct page {
    FILE *out;
    const json_t *doc;
    struct page_file {
        const char *source;
        struct pc_schema *schema; /* NULL: no bundled kind (a user's schema, a table) */
    } *files; /* one per file of the report; freed by free_schemas */
    size_t nfiles;
};

static pc_status load_schemas(struct page *p)
{
    const json_t *files = json_object_get(p->doc, "files");
    p->files = calloc(json_array_size(files) + 1, sizeof *p->files);
    if (!p->files) return PC_ENOMEM;
    size_t i;
    const json_t *f;
    json_array_foreach(files, i, f)
    {
        struct pc_errsink quiet = {0}; /* an unknown kind simply has no titles */
        struct pc_schema *s = NULL;
        if (*str(f, "kind") && pc_schema_load_builtin(str(f, "kind"), &quiet, &s) != PC_OK) s = NULL;
        p->files[p->nfiles].source = str(f, "source");
        p->files[p->nfiles++].schema = s;
    }
    return PC_OK;
}

static void free_schemas(struct page *p)
{
    for (size_t i = 0; i < p->nfiles; i++) pc_schema_free(p->files[i].schema);
    free(p->files);
}

/* The title of `field` in the schema of `source`; NULL if none. */
static const char *title_of(const struct page *p, const char *source, const char *field)
{
    for (size_t i = 0; i < p->nfiles; i++) {
        const struct pc_schema *s = p->files[i].schema;
        if (!s || strcmp(p->files[i].source, source) != 0) continue;
        int k = pc_schema_field_index(s, field);
        return k >= 0 && s->fields[k].title ? s->fields[k].title : NULL;
    }
    return NULL;
}

/* A field as people know it: 項目名 (title), the title first; the name alone
 * when the schema has no title; a phrase for errors of no one field. */
static void put_field(const struct page *p, const json_t *e)
{
    const char *f = str(e, "fieldName");
    if (!*f) {
        put_text(p->out, PC_("(the whole row or file)"));
        return;
    }
    const char *t = title_of(p, str(e, "source"), f);
    if (t && strcmp(t, f) != 0) {
        put_text(p->out, t);
        fputs(" <span class=\"name\">(", p->out);
        put_text(p->out, f);
        fputs(")</span>", p->out);
    } else
        put_text(p->out, f);
}

/* The id of a row's anchor: "L" + source + ":" + row, with anything but
 * letters, digits, '.', '-', '_' and ':' written as '_' (ids hold no space). */
static void put_row_id(FILE *out, const json_t *e)
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

/* "source row N"; for an error, linked to its row in the table of rows. */
static void put_place(FILE *out, const json_t *e, bool link)
{
    put_text(out, str(e, "source"));
    if (!num(e, "rowNumber")) return;
    fputc(' ', out);
    if (link) {
        fputs("<a href=\"#", out);
        put_row_id(out, e);
        fputs("\">", out);
    }
    fprintf(out, PC_("row %lld"), num(e, "rowNumber"));
    if (link) fputs("</a>", out);
}

/* One item of the counts, "3 errors": `one` and `many` are the English
 * forms, translated as a whole. */
static void put_count(FILE *out, const char *id, const char *one, const char *many, long long n)
{
    fprintf(out, "<li%s%s%s>", id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
    fprintf(out, pc_ngettext(one, many, (unsigned long)n), n);
    fputs("</li>", out);
}

static void put_summary(FILE *out, const json_t *doc)
{
    const json_t *st = json_object_get(doc, "stats");
    bool valid = json_is_true(json_object_get(doc, "valid"));
    fputs("<h1>", out);
    put_text(out, PC_("planconv report"));
    fprintf(out, " <span class=\"verdict %s\" id=\"verdict\">", valid ? "valid" : "invalid");
    put_text(out, valid ? PC_("valid") : PC_("invalid"));
    fputs("</span></h1>\n<ul class=\"counts\" id=\"summary\">", out);
    long long errors = num(st, "errors");
    put_count(out, "error-count", N_("%lld error"), N_("%lld errors"), errors);
    put_count(out, "warning-count", N_("%lld warning"), N_("%lld warnings"), num(st, "warnings"));
    put_count(out, "normalization-count", N_("%lld normalization"), N_("%lld normalizations"),
              num(st, "normalizations"));
    put_count(out, "record-count", N_("%lld record read"), N_("%lld records read"),
              num(st, "records"));
    put_count(out, NULL, N_("%lld byte"), N_("%lld bytes"), num(st, "bytes"));
    /* to the millisecond: finer is noise */
    fprintf(out, "<li id=\"seconds\">");
    fprintf(out, PC_("%.3f s"), json_number_value(json_object_get(st, "seconds")));
    fputs("</li></ul>\n", out);
    size_t listed = json_array_size(json_object_get(doc, "errors"));
    if ((long long)listed < errors) {
        fputs("<p id=\"listed\">", out);
        fprintf(out, PC_("Only the first %zu errors are listed."), listed);
        fputs("</p>\n", out);
    }
}

static const char *status_text(const char *status)
{
    static const char *const words[] = {N_("ok"), N_("invalid"), N_("error"), N_("skipped")};
    for (size_t i = 0; i < PC_ARRAY_LEN(words); i++)
        if (strcmp(status, words[i]) == 0) return PC_(words[i]);
    return status;
}

static void put_files(FILE *out, const json_t *files)
{
    if (!json_array_size(files)) return;
    fprintf(out, "<h2>%s</h2>\n<div class=\"scroll\"><table id=\"files\"><thead><tr>", PC_("Files"));
    const char *head[] = {PC_("File"),    PC_("Kind"),   PC_("Format"), PC_("Result"),
                          PC_("Records"), PC_("Errors"), PC_("Output")};
    for (size_t i = 0; i < PC_ARRAY_LEN(head); i++) fprintf(out, "<th>%s</th>", head[i]);
    fputs("</tr></thead><tbody>\n", out);
    size_t i;
    const json_t *f;
    json_array_foreach(files, i, f)
    {
        fputs("<tr><td>", out);
        put_text(out, str(f, "source"));
        fputs("</td><td>", out);
        put_text(out, str(f, "kind"));
        fputs("</td><td>", out);
        put_text(out, str(f, "format"));
        fprintf(out, "</td><td class=\"status-%s\">", str(f, "status"));
        put_text(out, status_text(str(f, "status")));
        fprintf(out, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td>",
                num(f, "records"), num(f, "errors"));
        put_text(out, json_object_get(f, "output") ? str(f, "output") : "-");
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
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

/* The items of `list` in the order `order` gives; caller frees. */
static struct entry *entries(const json_t *list, int (*order)(const void *, const void *))
{
    size_t n = json_array_size(list);
    struct entry *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < n; i++) v[i] = (struct entry){json_array_get(list, i), i};
    qsort(v, n, sizeof *v, order);
    return v;
}

static bool same_field(const json_t *a, const json_t *b)
{
    return strcmp(str(a, "fieldName"), str(b, "fieldName")) == 0;
}

static bool same_row(const json_t *a, const json_t *b)
{
    return strcmp(str(a, "source"), str(b, "source")) == 0 &&
           num(a, "rowNumber") == num(b, "rowNumber");
}

/* The fields that have errors in the rows of one source, v[from..to), in
 * the schema's order (fieldNumber), each once: the columns of its table. */
static size_t row_columns(const struct entry *v, size_t from, size_t to, const json_t **cols,
                          size_t max)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        const json_t *e = v[i].e;
        if (!*str(e, "fieldName")) continue;
        size_t k = 0;
        while (k < n && !same_field(cols[k], e)) k++;
        if (k < n || n == max) continue;
        size_t at = n++; /* insertion by fieldNumber keeps the sheet's order */
        while (at > 0 && num(cols[at - 1], "fieldNumber") > num(e, "fieldNumber")) {
            cols[at] = cols[at - 1];
            at--;
        }
        cols[at] = e;
    }
    return n;
}

/* One row with errors: its number, a cell per column (the bad ones marked,
 * the message as their tooltip), and the messages beside. */
static void put_error_row(const struct page *p, const struct entry *v, size_t from, size_t to,
                          const json_t *const *cols, size_t ncols)
{
    FILE *out = p->out;
    fputs("<tr id=\"", out);
    put_row_id(out, v[from].e);
    fprintf(out, "\"><th class=\"n\">%lld</th>", num(v[from].e, "rowNumber"));
    for (size_t c = 0; c < ncols; c++) {
        const json_t *bad = NULL;
        for (size_t i = from; i < to && !bad; i++)
            if (same_field(v[i].e, cols[c])) bad = v[i].e;
        if (!bad) {
            fputs("<td></td>", out);
            continue;
        }
        fputs("<td class=\"bad\" title=\"", out);
        put_text(out, str(bad, "message"));
        fputs("\"><code>", out);
        put_text(out, str(bad, "cell"));
        fputs("</code></td>", out);
    }
    fputs("<td class=\"msgs\"><ul>", out);
    for (size_t i = from; i < to; i++) {
        fputs("<li>", out);
        if (*str(v[i].e, "fieldName")) {
            put_field(p, v[i].e);
            fputs(": ", out);
        }
        put_text(out, str(v[i].e, "message"));
        fputs("</li>", out);
    }
    fputs("</ul></td></tr>\n", out);
}

/* Per source, the rows with errors as a table, like a spreadsheet showing
 * only the columns that hold an error. */
static pc_status put_rows(const struct page *p, const json_t *errors)
{
    FILE *out = p->out;
    size_t n = json_array_size(errors);
    struct entry *v = entries(errors, by_place);
    if (!v) return PC_ENOMEM;
    size_t i = 0;
    while (i < n && !num(v[i].e, "rowNumber")) i++;
    bool any = false;
    for (size_t j; i < n; i = j) {
        for (j = i; j < n && strcmp(str(v[j].e, "source"), str(v[i].e, "source")) == 0; j++)
            ;
        size_t from = i;
        while (from < j && !num(v[from].e, "rowNumber")) from++;
        if (from == j) continue;
        if (!any) fprintf(out, "<h2>%s</h2>\n", PC_("Rows with errors"));
        any = true;
        fputs("<h3>", out);
        put_text(out, str(v[from].e, "source"));
        fputs("</h3>\n<div class=\"scroll\"><table class=\"rows\"><thead><tr><th>", out);
        put_text(out, PC_("Row"));
        fputs("</th>", out);
        const json_t *cols[64]; /* past 64 fields with errors, the rest are only beside */
        size_t ncols = row_columns(v, from, j, cols, PC_ARRAY_LEN(cols));
        for (size_t c = 0; c < ncols; c++) {
            fputs("<th>", out);
            put_field(p, cols[c]);
            fputs("</th>", out);
        }
        fputs("<th>", out);
        put_text(out, PC_("Errors"));
        fputs("</th></tr></thead><tbody>\n", out);
        for (size_t r = from, s; r < j; r = s) {
            for (s = r; s < j && same_row(v[s].e, v[r].e); s++)
                ;
            if (num(v[r].e, "rowNumber")) put_error_row(p, v, r, s, cols, ncols);
        }
        fputs("</tbody></table></div>\n", out);
    }
    free(v);
    return PC_OK;
}

static void put_message_row(const struct page *p, const json_t *e, bool link)
{
    FILE *out = p->out;
    fputs("<tr><td>", out);
    put_place(out, e, link);
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

static void put_message_head(FILE *out, const char *id)
{
    fprintf(out, "<div class=\"scroll\"><table id=\"%s\"><thead><tr><th>%s</th><th>%s</th>"
                 "<th>%s</th><th>%s</th></tr></thead>\n",
            id, PC_("Where"), PC_("Type"), PC_("Cell"), PC_("Message"));
}

/* Errors grouped by field: a count per field first, then each group. */
static pc_status put_by_field(const struct page *p, const json_t *errors)
{
    FILE *out = p->out;
    size_t n = json_array_size(errors);
    if (!n) {
        fprintf(out, "<h2>%s</h2>\n<p id=\"no-errors\">%s</p>\n", PC_("Errors"), PC_("No errors."));
        return PC_OK;
    }
    struct entry *v = entries(errors, by_field);
    if (!v) return PC_ENOMEM;
    fprintf(out, "<h2>%s</h2>\n<table id=\"errors-by-field\"><thead><tr><th>%s</th><th>%s</th>"
                 "</tr></thead><tbody>\n",
            PC_("Errors by field"), PC_("Field"), PC_("Errors"));
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && same_field(v[j].e, v[i].e); j++)
            ;
        fprintf(out, "<tr><td><a href=\"#field-%zu\">", i);
        put_field(p, v[i].e);
        fprintf(out, "</a></td><td class=\"n\">%zu</td></tr>\n", j - i);
    }
    fprintf(out, "</tbody></table>\n<h2>%s</h2>\n", PC_("Every error, by field"));
    put_message_head(out, "errors");
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || !same_field(v[i].e, v[i - 1].e)) {
            if (i) fputs("</tbody>\n", out);
            fprintf(out, "<tbody class=\"group\" id=\"field-%zu\"><tr><th colspan=\"4\">", i);
            put_field(p, v[i].e);
            fputs("</th></tr>\n", out);
        }
        put_message_row(p, v[i].e, true);
    }
    fputs("</tbody></table></div>\n", out);
    free(v);
    return PC_OK;
}

static void put_warnings(const struct page *p, const json_t *list)
{
    if (!json_array_size(list)) return;
    fprintf(p->out, "<h2>%s</h2>\n", PC_("Warnings"));
    put_message_head(p->out, "warnings");
    fputs("<tbody>\n", p->out);
    size_t i;
    const json_t *e;
    json_array_foreach(list, i, e) put_message_row(p, e, false);
    fputs("</tbody></table></div>\n", p->out);
}

/* Every change made, folded: officers look when they want to. */
static void put_normalizations(const struct page *p, const json_t *list)
{
    FILE *out = p->out;
    size_t n = json_array_size(list);
    if (!n) return;
    fputs("<details id=\"normalizations-details\"><summary>", out);
    fprintf(out, pc_ngettext("%zu value normalized", "%zu values normalized", n), n);
    fprintf(out, "</summary>\n<div class=\"scroll\"><table id=\"normalizations\"><thead><tr>"
                 "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
            PC_("Where"), PC_("Field"), PC_("As written"), PC_("Written as"), PC_("Rule"));
    size_t i;
    const json_t *e;
    json_array_foreach(list, i, e)
    {
        fputs("<tr><td>", out);
        put_place(out, e, false);
        fputs("</td><td>", out);
        put_field(p, e);
        fputs("</td><td><code>", out);
        put_text(out, str(e, "from"));
        fputs("</code></td><td><code>", out);
        put_text(out, str(e, "to"));
        fputs("</code></td><td>", out);
        put_text(out, str(e, "rule"));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div></details>\n", out);
}

pc_status pc_report_html_write(const json_t *doc, FILE *out)
{
    struct page p = {.out = out, .doc = doc};
    if (load_schemas(&p)) return PC_ENOMEM;
    /* TRANSLATORS: the language of the HTML report, as its lang attribute */
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>",
            PC_("en"));
    put_text(out, PC_("planconv report"));
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
    put_summary(out, doc);
    put_files(out, json_object_get(doc, "files"));
    const json_t *errors = json_object_get(doc, "errors");
    pc_status st = put_rows(&p, errors);
    if (!st) st = put_by_field(&p, errors);
    if (!st) {
        put_warnings(&p, json_object_get(doc, "warnings"));
        put_normalizations(&p, json_object_get(doc, "normalizations"));
        fputs("</body>\n</html>\n", out);
    }
    free_schemas(&p);
    if (st) return st;
    return ferror(out) ? PC_EIO : PC_OK;
}
