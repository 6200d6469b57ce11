/* DIR/datapackage.json after a many-file run: a Frictionless Data Package
 * naming each file written, described as it is:
 * - CSV/TSV: a tabular resource with its dialect, its encoding (a BOM is
 *   declared as utf-8-sig) and the kind's Table Schema;
 * - JSON/JSON Lines of a flat kind: tabular too, with the Table Schema its
 *   values fit (multi-value fields are JSON arrays: type "array");
 * - nested kinds in JSON/JSON Lines: not tabular; "x-json-schema" holds the
 *   JSON Schema the values follow (`schema show --as json-schema`), since
 *   the standard's profiles take only a Table Schema as "schema";
 * - XML: not tabular; its XSD is written beside it and named in "x-xsd".
 * Resource names are valid Data Package names, unique, and readable: a
 * file name without ASCII letters (工程表.csv) takes its kind's name and
 * keeps the original as "title". A file of an earlier run that this run
 * found invalid is listed in "x-stale", never as a resource. */
#include "many.h"

#include "../core/core.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void pc_json_put_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* A Data Package name from s[0..n): lower case ASCII letters and digits,
 * '.', '_' and '-' kept, every run of other bytes one '-', no '-' at the
 * ends; "" when nothing is left. Caller frees. */
static char *ascii_name(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t k = 0;
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.';
        if (!ok) {
            dash = k > 0;
            continue;
        }
        if (dash) out[k++] = '-';
        dash = false;
        out[k++] = c;
    }
    while (k && (out[k - 1] == '-' || out[k - 1] == '.')) k--;
    out[k] = '\0';
    /* digits and punctuation alone say nothing: a readable name needs a letter */
    if (strcspn(out, "abcdefghijklmnopqrstuvwxyz") == k) out[0] = '\0';
    return out;
}

/* A name no resource before `taken[0..n)` has: `base`, else base-2, base-3 ...
 * Caller frees. */
static char *unique_name(const char *base, json_t *taken)
{
    size_t len = strlen(base) + 24;
    char *name = malloc(len);
    if (!name) return NULL;
    snprintf(name, len, "%s", base);
    for (unsigned long k = 2;; k++) {
        bool used = false;
        for (size_t i = 0; i < json_array_size(taken) && !used; i++)
            used = strcmp(json_string_value(json_array_get(taken, i)), name) == 0;
        if (!used) return name;
        snprintf(name, len, "%s-%lu", base, k);
    }
}

/* What `planconv schema show` prints for the file's kind, parsed: "table-schema",
 * "json-schema" or (as text) "xsd". NULL for -k table. New reference. */
static char *export_text(const char *schema_file, const char *kind, const char *as)
{
    if (!kind || strcmp(kind, "table") == 0) return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) return NULL;
    pc_status st = strcmp(kind, "custom") == 0 && schema_file
                       ? pc_schema_export_file(schema_file, as, m, NULL, NULL)
                       : pc_schema_export(kind, as, m);
    if (fclose(m) != 0 || st != PC_OK) {
        free(text);
        return NULL;
    }
    return text;
}

static json_t *export_json(const char *schema_file, const char *kind, const char *as)
{
    char *text = export_text(schema_file, kind, as);
    json_t *doc = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    free(text);
    return doc;
}

/* True if the kind nests child records (x-nest): not tabular as JSON. */
static bool nested(const json_t *table_schema)
{
    return json_object_get(table_schema, "x-nest") != NULL;
}

/* The Table Schema of JSON output: a multi-value field holds a JSON array. */
static void json_array_fields(json_t *schema)
{
    json_t *fields = json_object_get(schema, "fields"), *f;
    size_t i;
    json_array_foreach(fields, i, f)
    {
        if (!json_object_get(f, "x-separator")) continue;
        json_object_set_new(f, "type", json_string("array"));
        json_object_del(f, "x-separator");
        json_object_del(f, "format");
        json_t *c = json_object_get(f, "constraints");
        json_t *required = json_object_get(c, "required");
        if (c) json_object_set_new(f, "constraints",
                                   required ? json_pack("{s:O}", "required", required) : json_object());
    }
}

/* JSON Lines: each line is one record of the document's schema. */
static void json_lines_schema(json_t *js)
{
    const char *drop[] = {"type", "items", "properties", "required", "additionalProperties"};
    for (size_t i = 0; i < PC_ARRAY_LEN(drop); i++) json_object_del(js, drop[i]);
    json_object_set_new(js, "$ref", json_string("#/$defs/record"));
}

/* How a CSV/TSV file begins: a UTF-8 BOM, and CRLF line ends (--excel). */
static void sniff(const char *path, bool *bom, bool *crlf)
{
    char head[4096];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    *bom = n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0;
    const char *nl = memchr(head, '\n', n);
    *crlf = nl && nl > head && nl[-1] == '\r';
}

/* CSV and TSV as planconv writes them (formats/csv.c). */
static json_t *dialect_of(bool tsv, bool crlf)
{
    return json_pack("{s:s, s:s, s:s, s:b, s:b}", "delimiter", tsv ? "\t" : ",",
                     "lineTerminator", crlf ? "\r\n" : "\n", "quoteChar", "\"", "doubleQuote",
                     1, "header", 1);
}

/* Writes DIR/KIND.xsd for XML resources; its name, or NULL. Caller frees. */
static char *write_xsd(const char *outdir, const char *schema_file, const char *kind)
{
    char *text = export_text(schema_file, kind, "xsd");
    if (!text) return NULL;
    size_t n = strlen(kind) + 5;
    char *name = malloc(n);
    char *path = name ? (snprintf(name, n, "%s.xsd", kind), pc_path_join(outdir, name)) : NULL;
    char *tmp = path ? pc_path_join(outdir, ".xsd.XXXXXX") : NULL;
    int fd = tmp ? mkstemp(tmp) : -1;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool ok = out && fputs(text, out) >= 0;
    if (out) ok = fclose(out) == 0 && ok;
    if (ok) fchmod(fd, 0644);
    if (ok) ok = rename(tmp, path) == 0;
    if (!ok && fd >= 0) unlink(tmp);
    free(text);
    free(path);
    free(tmp);
    if (!ok) {
        free(name);
        return NULL;
    }
    return name;
}

struct writer {
    const char *outdir, *schema_file;
    json_t *names; /* resource names so far */
    bool tabular;  /* every resource so far is tabular */
};

/* The readable ASCII name of the file `base` (without extension), unique. */
static char *resource_name(struct writer *w, const char *base, size_t n, const char *kind)
{
    char *ascii = ascii_name(base, n);
    if (!ascii) return NULL;
    /* a Japanese name's ASCII fragment (工程表（BOM付き） -> bom) says
     * little alone: the kind comes first (roadmap-bom) */
    bool japanese = false;
    for (size_t i = 0; i < n; i++) japanese = japanese || (unsigned char)base[i] >= 0x80;
    const char *prefix = kind && strcmp(kind, "custom") && strcmp(kind, "table") ? kind
                                                                                  : "resource";
    size_t len = strlen(prefix) + strlen(ascii) + 2;
    char *stem = japanese || !*ascii ? malloc(len) : NULL;
    if (stem) snprintf(stem, len, "%s%s%s", prefix, *ascii ? "-" : "", ascii);
    char *name = japanese || !*ascii ? (stem ? unique_name(stem, w->names) : NULL)
                                     : unique_name(ascii, w->names);
    free(stem);
    free(ascii);
    if (name) json_array_append_new(w->names, json_string(name));
    return name;
}

/* The resource of one file written: new reference, NULL when out of memory. */
static json_t *resource(struct writer *w, const struct pc_many_file *f)
{
    const char *file = strrchr(f->output, '/') + 1;
    const char *dot = strchr(file, '.');
    size_t stem = dot ? (size_t)(dot - file) : strlen(file);
    const char *format = f->st.format_out ? f->st.format_out : dot ? dot + 1 : "";
    char *name = resource_name(w, file, strrchr(file, '.') ? (size_t)(strrchr(file, '.') - file)
                                                         : strlen(file), f->st.kind);
    if (!name) return NULL;
    json_t *r = json_pack("{s:s}", "name", name);
    free(name);
    char *plain = ascii_name(file, stem);
    if (plain && strncmp(plain, file, stem) != 0)
        json_object_set_new(r, "title", json_stringn(file, stem));
    free(plain);
    json_object_set_new(r, "path", json_string(file));
    if (f->st.kind) json_object_set_new(r, "x-kind", json_string(f->st.kind));
    bool csv = strcmp(format, "csv") == 0, tsv = strcmp(format, "tsv") == 0;
    bool js = strcmp(format, "json") == 0, jsonl = strcmp(format, "jsonl") == 0;
    bool bom = false, crlf = false;
    if (csv || tsv) sniff(f->output, &bom, &crlf);
    json_t *table = export_json(w->schema_file, f->st.kind, "table-schema");
    json_t *schema = NULL;
    if (table && (csv || tsv)) {
        schema = json_incref(table);
    } else if (table && (js || jsonl) && !nested(table)) {
        json_array_fields(table);
        schema = json_incref(table);
    } else if (table && (js || jsonl)) {
        schema = export_json(w->schema_file, f->st.kind, "json-schema");
        if (schema && jsonl) json_lines_schema(schema);
    }
    bool tabular = schema && schema == table;
    /* the standard's profiles take only a Table Schema as "schema" */
    json_t *json_schema = tabular ? NULL : schema;
    if (json_schema) schema = NULL;
    w->tabular = w->tabular && tabular;
    json_object_set_new(r, "profile", json_string(tabular ? "tabular-data-resource" : "data-resource"));
    /* TSV as written is CSV with tabs (quoted as CSV), which is what
     * readers of format "csv" with a tab delimiter expect */
    json_object_set_new(r, "format", json_string(tsv ? "csv" : format));
    const char *type = f->st.format_out ? pc_format_media_type(f->st.format_out) : NULL;
    if (type) json_object_set_new(r, "mediatype", json_string(type));
    /* Python's name for UTF-8 after a BOM: frictionless reads the header without it */
    json_object_set_new(r, "encoding", json_string(bom ? "utf-8-sig" : "utf-8"));
    json_object_set_new(r, "bytes", json_integer((json_int_t)f->out_bytes));
    json_object_set_new(r, "hash", json_sprintf("sha256:%s", f->hash));
    json_object_set_new(r, "stats", json_pack("{s:s, s:I, s:I}", "sha256", f->hash, "bytes",
                                              (json_int_t)f->out_bytes, "rows",
                                              (json_int_t)f->st.written));
    if (csv || tsv) json_object_set_new(r, "dialect", dialect_of(tsv, crlf));
    if (schema) json_object_set_new(r, "schema", schema);
    if (json_schema) json_object_set_new(r, "x-json-schema", json_schema);
    if (table && strcmp(format, "xml") == 0) {
        char *xsd = write_xsd(w->outdir, w->schema_file, f->st.kind);
        if (xsd) json_object_set_new(r, "x-xsd", json_string(xsd));
        free(xsd);
    }
    json_decref(table);
    return r;
}

/* Files this run did not write (invalid) that an earlier run left at
 * their output path: listed, so that no reader takes them as this run's. */
static json_t *stale_files(const struct pc_many_file *files, size_t n)
{
    json_t *stale = json_array();
    struct stat sb;
    for (size_t i = 0; i < n; i++) {
        if (files[i].written || !files[i].output || stat(files[i].output, &sb) != 0) continue;
        json_array_append_new(stale, json_pack("{s:s, s:s, s:s}", "path",
                                               strrchr(files[i].output, '/') + 1, "input",
                                               files[i].input, "result", files[i].result
                                                                             ? files[i].result
                                                                             : "error"));
    }
    return stale;
}

/* The whole descriptor: new reference, NULL when out of memory. */
static json_t *package(const char *dir, const char *schema_file,
                       const struct pc_many_file *files, size_t nfiles)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    const char *base = dir;
    for (size_t i = 0; i < n; i++)
        if (dir[i] == '/') base = dir + i + 1;
    char *ascii = ascii_name(base, (size_t)(dir + n - base));
    time_t now = time(NULL);
    char created[32];
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    json_t *pkg = json_pack("{s:s}", "name", ascii && *ascii ? ascii : "planconv-output");
    free(ascii);
    struct writer w = {dir, schema_file, json_array(), true};
    json_t *resources = json_array();
    for (size_t i = 0; i < nfiles; i++)
        if (files[i].written) json_array_append_new(resources, resource(&w, &files[i]));
    json_object_set_new(pkg, "profile",
                        json_string(w.tabular ? "tabular-data-package" : "data-package"));
    json_object_set_new(pkg, "created", json_string(created));
    json_object_set_new(pkg, "x-generator", json_string("planconv " PLANCONV_VERSION));
    json_object_set_new(pkg, "resources", resources);
    json_t *stale = stale_files(files, nfiles);
    if (json_array_size(stale))
        json_object_set_new(pkg, "x-stale", stale);
    else
        json_decref(stale);
    json_decref(w.names);
    return pkg;
}

int pc_datapackage_write(const char *outdir, const char *schema_file,
                         const struct pc_many_file *files, size_t n)
{
    size_t written = 0;
    for (size_t i = 0; i < n; i++) written += files[i].written;
    if (!written) return 0;
    char *path = pc_path_join(outdir, "datapackage.json");
    char *tmp = pc_path_join(outdir, ".datapackage.json.XXXXXX");
    int fd = path && tmp ? mkstemp(tmp) : -1;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    json_t *pkg = out ? package(outdir, schema_file, files, n) : NULL;
    int rc = 0;
    if (!out || !pkg) {
        rc = -1;
        if (out) fclose(out);
        if (!pkg) errno = ENOMEM;
    } else {
        fchmod(fd, 0644);
        bool ok = json_dumpf(pkg, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
                  fputc('\n', out) != EOF && fflush(out) == 0 && fsync(fd) == 0;
        ok = (fclose(out) == 0) && ok;
        if (!ok || rename(tmp, path) != 0) rc = -1;
    }
    int saved = errno;
    if (rc && fd >= 0) unlink(tmp);
    json_decref(pkg);
    free(path);
    free(tmp);
    errno = saved;
    return rc;
}
