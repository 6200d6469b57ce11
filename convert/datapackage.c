/* DIR/datapackage.json after a many-file run: a Frictionless Data Package
 * naming each file written, with its format, media type, size, sha256
 * and, for a kind with a schema, its Table Schema. */
#include "many.h"

#include <errno.h>
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

/* A Data Package name: lower case letters, digits, '-', '_', '.'; anything
 * else becomes '-'. */
static void put_package_name(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        fputc(ok ? c : '-', out);
    }
    if (n == 0) fputs("data", out);
    fputc('"', out);
}

/* The Table Schema of a file's kind, indented to sit in the datapackage;
 * caller frees. NULL for -k table (no schema to publish). */
static char *table_schema(const char *schema_file, const char *kind)
{
    if (!kind || strcmp(kind, "table") == 0) return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) return NULL;
    pc_status st = strcmp(kind, "custom") == 0 && schema_file
                       ? pc_schema_export_file(schema_file, "table-schema", m, NULL, NULL)
                       : pc_schema_export(kind, "table-schema", m);
    if (fclose(m) != 0 || st != PC_OK) {
        free(text);
        return NULL;
    }
    while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
        text[--len] = '\0';
    return text;
}

static void put_indented(FILE *out, const char *text, const char *indent)
{
    for (; *text; text++) {
        fputc(*text, out);
        if (*text == '\n') fputs(indent, out);
    }
}

static void put_resource(FILE *out, const char *schema_file, const struct pc_many_file *f)
{
    const char *name = strrchr(f->output, '/') + 1;
    const char *dot = strrchr(name, '.');
    char *schema = table_schema(schema_file, f->st.kind);
    fputs("    {\n      \"name\": ", out);
    put_package_name(out, name, dot ? (size_t)(dot - name) : strlen(name));
    fputs(",\n      \"path\": ", out);
    pc_json_put_string(out, name);
    fprintf(out, ",\n      \"profile\": \"%s\"",
            schema ? "tabular-data-resource" : "data-resource");
    fprintf(out, ",\n      \"format\": \"%s\"",
            f->st.format_out ? f->st.format_out
            : dot            ? dot + 1
                             : "");
    const char *type = f->st.format_out ? pc_format_media_type(f->st.format_out) : NULL;
    if (type) fprintf(out, ",\n      \"mediatype\": \"%s\"", type);
    fprintf(out,
            ",\n      \"encoding\": \"utf-8\",\n      \"bytes\": %llu,\n      \"hash\": "
            "\"sha256:%s\",\n      \"stats\": {\"sha256\": \"%s\", \"bytes\": %llu, "
            "\"rows\": %lu}",
            (unsigned long long)f->out_bytes, f->hash, f->hash, (unsigned long long)f->out_bytes,
            f->st.written);
    if (schema) {
        fputs(",\n      \"schema\": ", out);
        put_indented(out, schema, "      ");
    }
    fputs("\n    }", out);
    free(schema);
}

static void put_datapackage(FILE *out, const char *dir, const char *schema_file,
                            const struct pc_many_file *files, size_t nfiles)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    const char *base = dir;
    for (size_t i = 0; i < n; i++)
        if (dir[i] == '/') base = dir + i + 1;
    bool tabular = true;
    for (size_t i = 0; i < nfiles; i++)
        if (files[i].written && files[i].st.kind && strcmp(files[i].st.kind, "table") == 0)
            tabular = false;
    time_t now = time(NULL);
    char created[32];
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    fputs("{\n  \"name\": ", out);
    put_package_name(out, base, (size_t)(dir + n - base));
    fprintf(out, ",\n  \"profile\": \"%s\",\n  \"created\": \"%s\",\n",
            tabular ? "tabular-data-package" : "data-package", created);
    fprintf(out, "  \"x-generator\": \"planconv %s\",\n  \"resources\": [\n", PLANCONV_VERSION);
    bool first = true;
    for (size_t i = 0; i < nfiles; i++) {
        if (!files[i].written) continue;
        if (!first) fputs(",\n", out);
        first = false;
        put_resource(out, schema_file, &files[i]);
    }
    fputs("\n  ]\n}\n", out);
}

int pc_datapackage_write(const char *outdir, const char *schema_file,
                         const struct pc_many_file *files, size_t n)
{
    size_t written = 0;
    for (size_t i = 0; i < n; i++)
        written += files[i].written;
    if (!written) return 0;
    char *path = pc_path_join(outdir, "datapackage.json");
    char *tmp = pc_path_join(outdir, ".datapackage.json.XXXXXX");
    int fd = path && tmp ? mkstemp(tmp) : -1;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    int rc = 0;
    if (!out) {
        rc = -1;
    } else {
        fchmod(fd, 0644);
        put_datapackage(out, outdir, schema_file, files, n);
        bool ok = fflush(out) == 0 && fsync(fd) == 0;
        ok = (fclose(out) == 0) && ok;
        if (!ok || rename(tmp, path) != 0) rc = -1;
    }
    int saved = errno;
    if (rc && fd >= 0) unlink(tmp);
    free(path);
    free(tmp);
    errno = saved;
    return rc;
}
