/* planconv convert -O DIR INPUT...: each input converted on its own into
 * DIR by pc_convert_file (validated, written to a hidden file and renamed
 * into place only if valid), on `jobs` worker threads; the library keeps no
 * global state, so each thread needs only its own options.
 *
 * What each file says (its error lines, report entries) is kept in memory
 * until the file is done, then printed in input order, so the output of a
 * run does not depend on the number of jobs.
 *
 * --all-or-nothing: every file is first converted into a hidden staging
 * folder inside DIR (same file system), and only when all are valid are
 * they renamed into DIR, one rename(2) each, then DIR is synced. A run
 * killed before that phase leaves DIR as it was (plus the hidden folder
 * .planconv-batch-XXXXXX, which may be deleted); the renames themselves are
 * each atomic but not together: a crash during them, a few microseconds
 * per file without any writing, can leave some new files beside old ones. */
#include "batch.h"

#include "progress.h"
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* An error kept for the report until its file is done. */
struct saved_error {
    struct pc_error e; /* its strings are owned copies */
};

struct file_job {
    struct batch *b;
    const char *input;
    char *output;     /* DIR/NAME */
    char *write_path; /* where it is written: output, or staging/NAME */
    struct pc_stats st;
    pc_status status;
    bool written;     /* this run put a file at write_path */
    bool done;
    const char *result; /* ok, invalid, error, skipped */
    double seconds;
    char *log;        /* error lines, printed when the file is done */
    size_t loglen;
    FILE *logf;
    struct saved_error *saved;
    size_t nsaved, cap;
    unsigned long nnormalized; /* normalizations kept for the report */
    unsigned long nlisted;     /* normalizations printed (-v) */
    char *first_error;
    char hash[65];
    uint64_t out_bytes;
    bool hash_failed;
    uint64_t progress_bytes;
    unsigned long progress_records;
};

struct batch {
    const struct pc_batch_config *cfg;
    struct file_job *files;
    size_t n, next, flushed;
    pthread_mutex_t lock;
    struct pc_run_report *report;
    struct pc_progress progress;
    char *staging; /* --all-or-nothing: the hidden folder, else NULL */
    atomic_bool out_of_memory; /* set by any worker */
};

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool is_normalization(const struct pc_error *e)
{
    return e->severity == PC_SEV_NORMALIZATION;
}

/* Temporary, until cli/ renders hints: the flag each hint names. */
static const char *hint_text(enum pc_hint h)
{
    static const char *const text[] = {
        [PC_HINT_MAX_FIELD_SIZE] = " (see --max-field-size)",
        [PC_HINT_ENCODING] = "; give the right --encoding",
        [PC_HINT_FROM_FORMAT] = "; give it with -f FORMAT",
        [PC_HINT_TO_FORMAT] = "; give the output format with -t FORMAT",
        [PC_HINT_KIND] = "; give its kind with -k KIND",
        [PC_HINT_SCHEMA] = "; give your own schema with --schema FILE",
        [PC_HINT_STRICT] = "; --strict refuses every change",
        [PC_HINT_FIX] = "; --fix replaces those that have a standard spelling",
        [PC_HINT_NORMALIZE] = "; --normalize ja reads it",
        [PC_HINT_NO_FILL_DOWN] = " (--no-fill-down leaves them empty)",
        [PC_HINT_SHEET] = "; choose it with --sheet",
        [PC_HINT_HEADER_ROWS] = "; say which rows with --header-rows",
        [PC_HINT_FORMATS_LIST] = "; see 'planconv formats'",
        [PC_HINT_HELP] = "; try 'planconv COMMAND --help'",
        [PC_HINT_SCHEMA_LIST] = "; see 'planconv schema list'",
    };
    return (size_t)h < sizeof text / sizeof *text && text[h] ? gettext(text[h]) : "";
}

void pc_cli_print_error(FILE *out, int verbose, const struct pc_error *e)
{
    bool normalized = is_normalization(e);
    if (normalized && !verbose) return;
    fputs(e->source ? e->source : "planconv", out);
    if (e->line) fprintf(out, ":%lu", e->line);
    if (e->field) fprintf(out, ":%s", e->field);
    fprintf(out, ": %s: %s%s\n",
            normalized         ? "normalized"
            : e->code == PC_OK ? "warning"
                               : e->type,
            e->message, hint_text(e->hint));
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void put_json_string(FILE *out, const char *s)
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

/* ---- each file, on a worker thread ---- */

static char *dup_or_null(const char *s, bool *failed)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *failed = true;
    return d;
}

static void save_error(struct file_job *f, const struct pc_error *e)
{
    if (is_normalization(e)) {
        unsigned long limit = f->b->cfg->opt.limit_errors ? f->b->cfg->opt.limit_errors : 1000;
        if (++f->nnormalized > limit) return;
    }
    if (f->nsaved == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        struct saved_error *v = realloc(f->saved, cap * sizeof *v);
        if (!v) {
            f->b->out_of_memory = true;
            return;
        }
        f->saved = v;
        f->cap = cap;
    }
    bool failed = false;
    struct pc_error c = *e;
    c.type = dup_or_null(e->type, &failed);
    c.source = dup_or_null(e->source, &failed);
    c.field = dup_or_null(e->field, &failed);
    c.cell = dup_or_null(e->cell, &failed);
    c.message = dup_or_null(e->message, &failed);
    c.fixed = dup_or_null(e->fixed, &failed);
    c.rule = dup_or_null(e->rule, &failed);
    if (failed) f->b->out_of_memory = true;
    f->saved[f->nsaved++].e = c;
}

static void free_saved(struct file_job *f)
{
    for (size_t i = 0; i < f->nsaved; i++) {
        struct pc_error *e = &f->saved[i].e;
        free((char *)e->type);
        free((char *)e->source);
        free((char *)e->field);
        free((char *)e->cell);
        free((char *)e->message);
        free((char *)e->fixed);
        free((char *)e->rule);
    }
    free(f->saved);
    f->saved = NULL;
    f->nsaved = f->cap = 0;
}

static void file_on_error(void *ud, const struct pc_error *e)
{
    struct file_job *f = ud;
    /* -v lists normalizations, which are not capped like errors: cap them
     * here, as they wait in memory */
    unsigned long limit = f->b->cfg->opt.limit_errors ? f->b->cfg->opt.limit_errors : 1000;
    bool listed = !is_normalization(e) || ++f->nlisted <= limit;
    if (f->logf && listed) pc_cli_print_error(f->logf, f->b->cfg->opt.verbose, e);
    if (!f->first_error && e->code != PC_OK) {
        size_t n = strlen(e->message) + 64;
        f->first_error = malloc(n);
        if (f->first_error) {
            int k = e->line ? snprintf(f->first_error, n, "line %lu: ", e->line) : 0;
            snprintf(f->first_error + k, n - (size_t)k, "%s", e->message);
        }
    }
    if (f->b->report) save_error(f, e);
}

static void file_on_progress(void *ud, uint64_t bytes_in, unsigned long records)
{
    struct file_job *f = ud;
    pc_progress_add(&f->b->progress, &f->progress_bytes, bytes_in, &f->progress_records, records);
}

/* The identity of what is at `path` now, to tell whether a run replaced it. */
static bool same_file(const char *path, const struct stat *before, bool existed)
{
    struct stat sb;
    if (stat(path, &sb) != 0) return !existed;
    return existed && sb.st_dev == before->st_dev && sb.st_ino == before->st_ino;
}

static void run_file(struct file_job *f)
{
    const struct pc_batch_config *cfg = f->b->cfg;
    struct pc_options opt = cfg->opt;
    opt.on_error = file_on_error;
    opt.ud = f;
    opt.on_progress = f->b->progress.on ? file_on_progress : NULL;
    f->logf = open_memstream(&f->log, &f->loglen);
    struct stat before;
    bool existed = stat(f->write_path, &before) == 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    f->status = pc_convert_file(&opt, f->input, f->write_path, &f->st);
    f->written = !same_file(f->write_path, &before, existed);
    if (f->written && cfg->datapackage &&
        pc_sha256_file(f->write_path, f->hash, &f->out_bytes) != 0) {
        fprintf(f->logf, "%s: cannot read the output back to hash it: %s\n", f->write_path,
                strerror(errno));
        f->hash_failed = true;
        f->status = PC_EIO;
    }
    f->seconds = seconds_since(&t0);
    file_on_progress(f, f->st.bytes_in, f->st.records);
    if (f->logf && fclose(f->logf) != 0) f->b->out_of_memory = true;
    f->logf = NULL;
    f->result = f->status == PC_OK ? "ok" : f->status == PC_INVALID ? "invalid" : "error";
}

/* ---- printing, in input order, under the batch lock ---- */

static void print_log_line(const struct file_job *f)
{
    fputs("{\"file\":", stderr);
    put_json_string(stderr, f->input);
    fputs(",\"kind\":", stderr);
    if (f->st.kind)
        put_json_string(stderr, f->st.kind);
    else
        fputs("null", stderr);
    fprintf(stderr, ",\"records\":%lu,\"errors\":%lu,\"warnings\":%lu,\"output\":", f->st.records,
            f->st.errors, f->st.warnings);
    if (f->written && strcmp(f->result, "skipped") != 0)
        put_json_string(stderr, f->output);
    else
        fputs("null", stderr);
    fputs(",\"status\":", stderr);
    put_json_string(stderr, f->result);
    fprintf(stderr, ",\"seconds\":%.3f", f->seconds);
    if (f->first_error) {
        fputs(",\"first_error\":", stderr);
        put_json_string(stderr, f->first_error);
    }
    fputs("}\n", stderr);
}

static void flush_file(struct batch *b, struct file_job *f)
{
    const struct pc_batch_config *cfg = b->cfg;
    pthread_mutex_lock(&b->progress.lock);
    pc_progress_clear(&b->progress);
    if (!cfg->log_json && f->loglen) fwrite(f->log, 1, f->loglen, stderr);
    unsigned long limit = cfg->opt.limit_errors ? cfg->opt.limit_errors : 1000;
    if (!cfg->log_json && f->st.errors > limit)
        fprintf(stderr, "%s: ... and %lu more errors\n", f->input, f->st.errors - limit);
    if (cfg->log_json && !cfg->all_or_nothing) print_log_line(f);
    fflush(stderr);
    pthread_mutex_unlock(&b->progress.lock);
    free(f->log);
    f->log = NULL;
    for (size_t i = 0; b->report && i < f->nsaved; i++)
        if (pc_run_report_error(b->report, &f->saved[i].e)) b->out_of_memory = true;
    free_saved(f);
}

static void *worker(void *arg)
{
    struct batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next++;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->n) return NULL;
        run_file(&b->files[i]);
        pthread_mutex_lock(&b->lock);
        b->files[i].done = true;
        while (b->flushed < b->n && b->files[b->flushed].done) flush_file(b, &b->files[b->flushed++]);
        pthread_mutex_unlock(&b->lock);
    }
}

/* ---- before: names, checks, the staging folder ---- */

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* INPUT's base name without .gz and its extension, plus ".EXT". */
static char *output_name(const char *input, const char *ext)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".gz") == 0) n -= 3;
    for (size_t i = n; i > 1; i--)
        if (base[i - 1] == '.') {
            n = i - 1;
            break;
        }
    char *name = malloc(n + strlen(ext) + 2);
    if (name) sprintf(name, "%.*s.%s", (int)n, base, ext);
    return name;
}

static int usage_fail(const char *fmt, const char *a, const char *b)
{
    fputs("planconv: ", stderr);
    fprintf(stderr, fmt, a, b);
    fputs("\nTry 'planconv convert --help'.\n", stderr);
    return 2;
}

/* Two inputs with one output name, or an output that is its own input,
 * would lose data: refused before anything is read. */
static int check_names(struct batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct file_job *f = &b->files[i];
        if (strcmp(f->input, "-") == 0)
            return usage_fail("%s%sstandard input (-) cannot be converted with -O DIR", "", "");
        for (size_t j = 0; j < i; j++)
            if (strcmp(b->files[j].output, f->output) == 0)
                return usage_fail("%s and %s would both be written to the same file",
                                  b->files[j].input, f->input);
        struct stat in, out;
        if (stat(f->input, &in) == 0 && stat(f->output, &out) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino)
            return usage_fail("%s would be written over itself; choose another -O DIR%s",
                              f->input, "");
    }
    return 0;
}

static int prepare(struct batch *b, char *const *inputs)
{
    const struct pc_batch_config *cfg = b->cfg;
    if (mkdir(cfg->outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "planconv: cannot create the output folder %s: %s\n", cfg->outdir,
                strerror(errno));
        return 2;
    }
    if (cfg->all_or_nothing) {
        b->staging = join(cfg->outdir, ".planconv-batch-XXXXXX");
        if (!b->staging || !mkdtemp(b->staging)) {
            fprintf(stderr, "planconv: cannot create a staging folder in %s: %s\n", cfg->outdir,
                    strerror(errno));
            free(b->staging);
            b->staging = NULL;
            return 2;
        }
    }
    for (size_t i = 0; i < b->n; i++) {
        struct file_job *f = &b->files[i];
        f->b = b;
        f->input = inputs[i];
        char *name = output_name(inputs[i], cfg->ext);
        f->output = name ? join(cfg->outdir, name) : NULL;
        f->write_path = name ? join(b->staging ? b->staging : cfg->outdir, name) : NULL;
        free(name);
        if (!f->output || !f->write_path) {
            fputs("planconv: out of memory\n", stderr);
            return 2;
        }
    }
    return check_names(b);
}

/* ---- after: put files in place (or not), the datapackage, the summary ---- */

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

/* --all-or-nothing: all staged files into DIR if every file is valid,
 * else none. Returns 2 if a rename fails, else 0. */
static int commit_staged(struct batch *b)
{
    bool all_ok = true;
    for (size_t i = 0; i < b->n; i++) all_ok = all_ok && b->files[i].status == PC_OK;
    int rc = 0;
    for (size_t i = 0; i < b->n; i++) {
        struct file_job *f = &b->files[i];
        if (!f->written) continue;
        if (!all_ok) {
            unlink(f->write_path);
            f->written = false;
            if (f->status == PC_OK) f->result = "skipped";
        } else if (rename(f->write_path, f->output) != 0) {
            fprintf(stderr, "planconv: cannot move %s into place: %s\n", f->output,
                    strerror(errno));
            unlink(f->write_path);
            f->written = false;
            f->result = "error";
            rc = 2;
        }
    }
    if (all_ok) sync_dir(b->cfg->outdir);
    rmdir(b->staging);
    return rc;
}

static const char *mediatype(const char *format)
{
    static const struct { const char *format, *type; } types[] = {
        {"csv", "text/csv"},           {"tsv", "text/tab-separated-values"},
        {"json", "application/json"},  {"jsonl", "application/jsonl"},
        {"xml", "application/xml"}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (format && strcmp(format, types[i].format) == 0) return types[i].type;
    return NULL;
}

/* A Data Package name: lower case letters, digits, '-', '_', '.'; anything
 * else becomes '-'. */
static void put_package_name(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.';
        fputc(ok ? c : '-', out);
    }
    if (n == 0) fputs("data", out);
    fputc('"', out);
}

/* The Table Schema of a file's kind, indented to sit in the datapackage;
 * caller frees. NULL for -k table (no schema to publish). */
static char *table_schema(const struct pc_batch_config *cfg, const char *kind)
{
    if (!kind || strcmp(kind, "table") == 0) return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) return NULL;
    pc_status st = strcmp(kind, "custom") == 0 && cfg->opt.schema_file
                       ? pc_schema_export_file(cfg->opt.schema_file, "table-schema", m, NULL, NULL)
                       : pc_schema_export(kind, "table-schema", m);
    if (fclose(m) != 0 || st != PC_OK) {
        free(text);
        return NULL;
    }
    while (len && (text[len - 1] == '\n' || text[len - 1] == ' ')) text[--len] = '\0';
    return text;
}

static void put_indented(FILE *out, const char *text, const char *indent)
{
    for (; *text; text++) {
        fputc(*text, out);
        if (*text == '\n') fputs(indent, out);
    }
}

static void put_resource(FILE *out, const struct pc_batch_config *cfg, const struct file_job *f)
{
    const char *name = strrchr(f->output, '/') + 1;
    const char *dot = strrchr(name, '.');
    char *schema = table_schema(cfg, f->st.kind);
    fputs("    {\n      \"name\": ", out);
    put_package_name(out, name, dot ? (size_t)(dot - name) : strlen(name));
    fputs(",\n      \"path\": ", out);
    put_json_string(out, name);
    fprintf(out, ",\n      \"profile\": \"%s\"", schema ? "tabular-data-resource" : "data-resource");
    fprintf(out, ",\n      \"format\": \"%s\"", f->st.format_out ? f->st.format_out : cfg->ext);
    const char *type = mediatype(f->st.format_out);
    if (type) fprintf(out, ",\n      \"mediatype\": \"%s\"", type);
    fprintf(out, ",\n      \"encoding\": \"utf-8\",\n      \"bytes\": %llu,\n      \"hash\": "
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

static void put_datapackage(FILE *out, const struct batch *b)
{
    const struct pc_batch_config *cfg = b->cfg;
    const char *dir = cfg->outdir;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    const char *base = dir;
    for (size_t i = 0; i < n; i++)
        if (dir[i] == '/') base = dir + i + 1;
    bool tabular = true;
    for (size_t i = 0; i < b->n; i++)
        if (b->files[i].written && b->files[i].st.kind && strcmp(b->files[i].st.kind, "table") == 0)
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
    for (size_t i = 0; i < b->n; i++) {
        if (!b->files[i].written) continue;
        if (!first) fputs(",\n", out);
        first = false;
        put_resource(out, cfg, &b->files[i]);
    }
    fputs("\n  ]\n}\n", out);
}

/* DIR/datapackage.json, replaced atomically; only the files this run wrote. */
static int write_datapackage(const struct batch *b)
{
    size_t written = 0;
    for (size_t i = 0; i < b->n; i++) written += b->files[i].written;
    if (!written) return 0;
    char *path = join(b->cfg->outdir, "datapackage.json");
    char *tmp = join(b->cfg->outdir, ".datapackage.json.XXXXXX");
    int fd = path && tmp ? mkstemp(tmp) : -1;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    int rc = 0;
    if (!out) {
        rc = 2;
    } else {
        fchmod(fd, 0644);
        put_datapackage(out, b);
        bool ok = fflush(out) == 0 && fsync(fd) == 0;
        ok = (fclose(out) == 0) && ok;
        if (!ok || rename(tmp, path) != 0) rc = 2;
    }
    if (rc) {
        fprintf(stderr, "planconv: cannot write %s: %s\n", path ? path : "datapackage.json",
                strerror(errno));
        if (fd >= 0) unlink(tmp);
    }
    free(path);
    free(tmp);
    return rc;
}

static void print_summary(const struct batch *b)
{
    int wf = 4, wk = 4;
    size_t ok = 0, written = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct file_job *f = &b->files[i];
        int k = (int)strlen(f->input);
        wf = k > wf ? k : wf;
        k = f->st.kind ? (int)strlen(f->st.kind) : 1;
        wk = k > wk ? k : wk;
        ok += f->status == PC_OK;
        written += f->written;
    }
    fprintf(stderr, "%-*s  %-*s  %8s  %6s  %s\n", wf, "FILE", wk, "KIND", "RECORDS", "ERRORS",
            "OUTPUT");
    for (size_t i = 0; i < b->n; i++) {
        const struct file_job *f = &b->files[i];
        char why[64] = "";
        if (!f->written) snprintf(why, sizeof why, "- (%s)", f->result);
        fprintf(stderr, "%-*s  %-*s  %8lu  %6lu  %s\n", wf, f->input, wk,
                f->st.kind ? f->st.kind : "?", f->st.records, f->st.errors,
                f->written ? f->output : why);
    }
    fprintf(stderr, "planconv: %zu file%s, %zu valid, %zu written\n", b->n, b->n == 1 ? "" : "s",
            ok, written);
}

static int finish(struct batch *b, const struct timespec *t0)
{
    const struct pc_batch_config *cfg = b->cfg;
    int code = 0;
    for (size_t i = 0; i < b->n; i++) {
        int c = pc_exit_status(b->files[i].status);
        code = c > code ? c : code;
    }
    if (b->staging && commit_staged(b)) code = 2;
    if (cfg->log_json && cfg->all_or_nothing)
        for (size_t i = 0; i < b->n; i++) print_log_line(&b->files[i]);
    if (cfg->datapackage && write_datapackage(b)) code = 2;
    if (!cfg->quiet && !cfg->log_json) print_summary(b);
    if (b->report) {
        for (size_t i = 0; i < b->n; i++) {
            const struct file_job *f = &b->files[i];
            if (pc_run_report_file(b->report, f->input, f->written ? f->output : NULL, &f->st,
                                   f->result))
                b->out_of_memory = true;
        }
        pc_status s = pc_run_report_write(b->report, cfg->report_path, code == 0,
                                          seconds_since(t0));
        if (s) {
            fprintf(stderr, "planconv: cannot write the report %s: %s\n", cfg->report_path,
                    pc_strerror(s));
            code = 2;
        }
    }
    if (b->out_of_memory) {
        fputs("planconv: out of memory: the report or messages are incomplete\n", stderr);
        code = 2;
    }
    return code;
}

static void free_batch(struct batch *b)
{
    for (size_t i = 0; b->files && i < b->n; i++) {
        free(b->files[i].output);
        free(b->files[i].write_path);
        free(b->files[i].first_error);
        free(b->files[i].log);
        free_saved(&b->files[i]);
    }
    free(b->files);
    free(b->staging);
    pc_run_report_free(b->report);
    pthread_mutex_destroy(&b->lock);
}

int pc_batch_run(const struct pc_batch_config *cfg, char *const *inputs, size_t n)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct batch b = {.cfg = cfg, .n = n};
    pthread_mutex_init(&b.lock, NULL);
    b.files = calloc(n ? n : 1, sizeof *b.files);
    if (!b.files || (cfg->report_path && !(b.report = pc_run_report_new()))) {
        fputs("planconv: out of memory\n", stderr);
        free_batch(&b);
        return 2;
    }
    int rc = prepare(&b, inputs);
    if (rc) {
        if (b.staging) rmdir(b.staging);
        free_batch(&b);
        return rc;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) total += pc_progress_input_size(inputs[i]);
    pc_progress_init(&b.progress, cfg->log_json ? 0 : cfg->progress, total);
    size_t nthreads = cfg->jobs < n ? cfg->jobs : n;
    pthread_t *threads = calloc(nthreads ? nthreads : 1, sizeof *threads);
    size_t started = 0;
    for (; threads && started + 1 < nthreads; started++)
        if (pthread_create(&threads[started], NULL, worker, &b) != 0) break;
    worker(&b); /* this thread works too */
    for (size_t i = 0; i < started; i++) pthread_join(threads[i], NULL);
    free(threads);
    pc_progress_end(&b.progress);
    rc = finish(&b, &t0);
    free_batch(&b);
    return rc;
}
