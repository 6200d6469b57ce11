/* Many inputs into one folder: each input converted on its own into DIR by
 * pc_convert_file (validated, written to a hidden file and renamed into
 * place only if valid), on `jobs` worker threads; the library keeps no
 * global state, so each thread needs only its own options.
 *
 * What each file says (its errors) is kept in memory until the file is
 * done, then handed to on_file in input order, so what a caller prints
 * does not depend on the number of jobs.
 *
 * all_or_nothing: every file is first converted into a hidden staging
 * folder inside DIR (same file system), and only when all are valid are
 * they renamed into DIR, one rename(2) each, then DIR is synced. A run
 * killed before that phase leaves DIR as it was (plus the hidden folder
 * .planconv-batch-PID-XXXXXX, removed on SIGINT, SIGTERM or SIGHUP by the
 * command line, else by the next --all-or-nothing run into DIR once
 * process PID is gone); the renames themselves are
 * each atomic but not together: a crash during them, a few microseconds
 * per file without any writing, can leave some new files beside old ones. */
#include "many.h"

#include "../core/core.h"
#include "outfile.h"
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file_job {
    struct many *m;
    size_t index;
    char *write_path; /* where it is written: output, or staging/NAME */
    bool done;
    struct pc_error *saved; /* its strings are owned copies */
    size_t nsaved, cap;
    unsigned long nnormalized; /* normalizations kept */
};

struct many {
    const struct pc_many_config *cfg;
    struct pc_many_file *files; /* what callers see, one per input */
    struct file_job *jobs;
    size_t n, next, flushed;
    size_t workers; /* files converted at once */
    pthread_mutex_t lock;
    char *staging;             /* all_or_nothing: the hidden folder, else NULL */
    atomic_bool out_of_memory; /* set by any worker */
};

char *pc_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A problem of the whole run, told to the caller. */
__attribute__((format(printf, 4, 5))) static void run_error(const struct many *m, pc_status code,
                                                            enum pc_hint hint, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, PC_(fmt), ap);
    va_end(ap);
    struct pc_error e = {.code = code,
                         .type = code == PC_EUSAGE ? "usage-error" : "io-error",
                         .message = msg,
                         .severity = PC_SEV_ERROR,
                         .hint = hint};
    if (m->cfg->cb.on_error) m->cfg->cb.on_error(m->cfg->cb.ud, &e);
}

/* ---- each file, on a worker thread ---- */

static char *dup_or_null(const char *s, bool *failed)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *failed = true;
    return d;
}

/* The cells of an error in one block: the pointers, then the strings. */
static const char *const *dup_cells(const char *const *cells, size_t n, bool *failed)
{
    if (!cells) return NULL;
    size_t bytes = n * sizeof(char *);
    for (size_t i = 0; i < n; i++) bytes += strlen(cells[i]) + 1;
    char **d = malloc(bytes ? bytes : 1);
    if (!d) {
        *failed = true;
        return NULL;
    }
    char *text = (char *)(d + n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(cells[i]) + 1;
        d[i] = memcpy(text, cells[i], len);
        text += len;
    }
    return (const char *const *)d;
}

static void save_error(struct file_job *f, const struct pc_error *e)
{
    if (f->nsaved == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        struct pc_error *v = realloc(f->saved, cap * sizeof *v);
        if (!v) {
            f->m->out_of_memory = true;
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
    c.note = dup_or_null(e->note, &failed);
    c.label = dup_or_null(e->label, &failed);
    c.cells = dup_cells(e->cells, e->ncells, &failed);
    if (!c.cells) c.ncells = 0;
    if (failed) f->m->out_of_memory = true;
    f->saved[f->nsaved++] = c;
}

static void free_saved(struct file_job *f)
{
    for (size_t i = 0; i < f->nsaved; i++) {
        struct pc_error *e = &f->saved[i];
        free((char *)e->type);
        free((char *)e->source);
        free((char *)e->field);
        free((char *)e->cell);
        free((char *)e->message);
        free((char *)e->fixed);
        free((char *)e->rule);
        free((char *)e->note);
        free((char *)e->label);
        free((void *)e->cells);
    }
    free(f->saved);
    f->saved = NULL;
    f->nsaved = f->cap = 0;
}

static void file_on_error(void *ud, const struct pc_error *e)
{
    struct file_job *f = ud;
    struct pc_many_file *pub = &f->m->files[f->index];
    if (!e->message) return; /* past the limit, unformed (pc_options.tally): in the stats only */
    if (!pub->first_error && e->code != PC_OK && e->severity != PC_SEV_INFO) {
        size_t n = strlen(e->message) + 64;
        char *first = malloc(n);
        if (first) {
            int k = e->line ? snprintf(first, n, "line %lu: ", e->line) : 0;
            snprintf(first + k, n - (size_t)k, "%s", e->message);
        }
        pub->first_error = first;
    }
    /* normalizations are not capped by the library like errors: cap them
     * here, as they wait in memory */
    unsigned long limit =
        f->m->cfg->opt.limit_errors ? f->m->cfg->opt.limit_errors : PC_DEFAULT_LIMIT_ERRORS;
    if (e->severity == PC_SEV_NORMALIZATION && ++f->nnormalized > limit) return;
    save_error(f, e);
}

static void file_on_progress(void *ud, uint64_t bytes_in, unsigned long records)
{
    struct file_job *f = ud;
    const struct pc_many_callbacks *cb = &f->m->cfg->cb;
    cb->on_progress(cb->ud, f->index, bytes_in, records);
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
    const struct pc_many_config *cfg = f->m->cfg;
    struct pc_many_file *pub = &f->m->files[f->index];
    struct pc_options opt = cfg->opt;
    opt.on_error = file_on_error;
    opt.ud = f;
    opt.on_progress = cfg->cb.on_progress ? file_on_progress : NULL;
    /* the workers share the cores: a reader thread per file would only
     * make them take turns, and cost the copying of every record */
    if (f->m->workers > 1) opt.threads = 1;
    struct stat before;
    bool existed = stat(f->write_path, &before) == 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pub->status = pc_convert_file(&opt, pub->input, f->write_path, &pub->st);
    pub->written = !same_file(f->write_path, &before, existed);
    if (pub->written && cfg->datapackage &&
        pc_sha256_file(f->write_path, pub->hash, &pub->out_bytes) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot read the output back to hash it: %s", strerror(errno));
        struct pc_error e = {.code = PC_EIO,
                             .type = "io-error",
                             .source = f->write_path,
                             .message = msg,
                             .severity = PC_SEV_ERROR};
        save_error(f, &e);
        pub->status = PC_EIO;
    }
    pub->seconds = seconds_since(&t0);
    if (opt.on_progress) file_on_progress(f, pub->st.bytes_in, pub->st.records);
    pub->result = pub->status == PC_OK ? "ok" : pub->status == PC_INVALID ? "invalid" : "error";
}

/* Under the lock, in input order. */
static void flush_file(struct many *m, struct file_job *f)
{
    struct pc_many_file *pub = &m->files[f->index];
    pub->errors = f->saved;
    pub->nerrors = f->nsaved;
    if (m->cfg->cb.on_file) m->cfg->cb.on_file(m->cfg->cb.ud, f->index, pub);
    pub->errors = NULL; /* freed now: memory stays bounded by the files in flight */
    pub->nerrors = 0;
    free_saved(f);
}

static void *worker(void *arg)
{
    struct many *m = arg;
    for (;;) {
        pthread_mutex_lock(&m->lock);
        size_t i = m->next++;
        pthread_mutex_unlock(&m->lock);
        if (i >= m->n) return NULL;
        run_file(&m->jobs[i]);
        pthread_mutex_lock(&m->lock);
        m->jobs[i].done = true;
        while (m->flushed < m->n && m->jobs[m->flushed].done)
            flush_file(m, &m->jobs[m->flushed++]);
        pthread_mutex_unlock(&m->lock);
    }
}

/* ---- before: names, checks, the staging folder ---- */

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

/* Two inputs with one output name, or an output that is its own input,
 * would lose data: refused before anything is read. */
static pc_status check_names(struct many *m)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct pc_many_file *f = &m->files[i];
        if (strcmp(f->input, "-") == 0) {
            run_error(m, PC_EUSAGE, PC_HINT_NONE,
                      "standard input (-) cannot be converted into a folder");
            return PC_EUSAGE;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->files[j].output, f->output) == 0) {
                run_error(m, PC_EUSAGE, PC_HINT_NONE,
                          "%s and %s would both be written to the same file", m->files[j].input,
                          f->input);
                return PC_EUSAGE;
            }
        struct stat in, out;
        if (stat(f->input, &in) == 0 && stat(f->output, &out) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino) {
            run_error(m, PC_EUSAGE, PC_HINT_OUTPUT_DIR, "%s would be written over itself",
                      f->input);
            return PC_EUSAGE;
        }
    }
    return PC_OK;
}

static pc_status prepare(struct many *m, char *const *inputs)
{
    const struct pc_many_config *cfg = m->cfg;
    if (mkdir(cfg->outdir, 0777) != 0 && errno != EEXIST) {
        run_error(m, PC_EIO, PC_HINT_NONE, "cannot create the output folder %s: %s", cfg->outdir,
                  strerror(errno));
        return PC_EIO;
    }
    if (cfg->all_or_nothing) {
        pc_temp_sweep(cfg->outdir, 0); /* what killed runs left */
        char name[64]; /* the process id: a signal handler or a later run knows it */
        snprintf(name, sizeof name, PC_STAGING_PREFIX "%ld-XXXXXX", (long)getpid());
        m->staging = pc_path_join(cfg->outdir, name);
        if (!m->staging || !mkdtemp(m->staging)) {
            run_error(m, PC_EIO, PC_HINT_NONE, "cannot create a staging folder in %s: %s",
                      cfg->outdir, strerror(errno));
            free(m->staging);
            m->staging = NULL;
            return PC_EIO;
        }
    }
    for (size_t i = 0; i < m->n; i++) {
        struct file_job *f = &m->jobs[i];
        f->m = m;
        f->index = i;
        m->files[i].input = inputs[i];
        char *name = output_name(inputs[i], cfg->ext);
        m->files[i].output = name ? pc_path_join(cfg->outdir, name) : NULL;
        f->write_path = name ? pc_path_join(m->staging ? m->staging : cfg->outdir, name) : NULL;
        free(name);
        if (!m->files[i].output || !f->write_path) {
            run_error(m, PC_ENOMEM, PC_HINT_NONE, "out of memory");
            return PC_ENOMEM;
        }
    }
    return check_names(m);
}

/* ---- after: put files in place (or not) ---- */

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

/* all_or_nothing: all staged files into DIR if every file is valid, else
 * none. Returns PC_EIO if a rename fails, else PC_OK. */
static pc_status commit_staged(struct many *m)
{
    bool all_ok = true;
    for (size_t i = 0; i < m->n; i++)
        all_ok = all_ok && m->files[i].status == PC_OK;
    pc_status rc = PC_OK;
    for (size_t i = 0; i < m->n; i++) {
        struct pc_many_file *f = &m->files[i];
        if (!f->written) continue;
        if (!all_ok) {
            unlink(m->jobs[i].write_path);
            f->written = false;
            if (f->status == PC_OK) f->result = "skipped";
        } else if (rename(m->jobs[i].write_path, f->output) != 0) {
            run_error(m, PC_EIO, PC_HINT_NONE, "cannot move %s into place: %s", f->output,
                      strerror(errno));
            unlink(m->jobs[i].write_path);
            f->written = false;
            f->result = "error";
            rc = PC_EIO;
        }
    }
    if (all_ok) sync_dir(m->cfg->outdir);
    rmdir(m->staging);
    return rc;
}

/* The status with the worst exit code, the earlier on a tie. */
static pc_status worse(pc_status a, pc_status b)
{
    return pc_exit_status(b) > pc_exit_status(a) ? b : a;
}

static pc_status finish(struct many *m)
{
    const struct pc_many_config *cfg = m->cfg;
    pc_status worst = PC_OK;
    for (size_t i = 0; i < m->n; i++)
        worst = worse(worst, m->files[i].status);
    if (m->staging) worst = worse(worst, commit_staged(m));
    if (cfg->datapackage &&
        pc_datapackage_write(cfg->outdir, cfg->opt.schema_file, m->files, m->n)) {
        run_error(m, PC_EIO, PC_HINT_NONE, "cannot write %s/datapackage.json: %s", cfg->outdir,
                  strerror(errno));
        worst = worse(worst, PC_EIO);
    }
    if (m->out_of_memory) {
        run_error(m, PC_ENOMEM, PC_HINT_NONE, "out of memory: the messages are incomplete");
        worst = worse(worst, PC_ENOMEM);
    }
    if (cfg->cb.on_done) cfg->cb.on_done(cfg->cb.ud, m->files, m->n);
    return worst;
}

static void free_many(struct many *m)
{
    for (size_t i = 0; m->jobs && i < m->n; i++) {
        free((char *)m->files[i].output);
        free((char *)m->files[i].first_error);
        free(m->jobs[i].write_path);
        free_saved(&m->jobs[i]);
    }
    free(m->jobs);
    free(m->files);
    free(m->staging);
    pthread_mutex_destroy(&m->lock);
}

pc_status pc_many_run(const struct pc_many_config *cfg, char *const *inputs, size_t n)
{
    struct many m = {.cfg = cfg, .n = n};
    pthread_mutex_init(&m.lock, NULL);
    m.jobs = calloc(n ? n : 1, sizeof *m.jobs);
    m.files = calloc(n ? n : 1, sizeof *m.files);
    if (!m.jobs || !m.files) {
        run_error(&m, PC_ENOMEM, PC_HINT_NONE, "out of memory");
        free_many(&m);
        return PC_ENOMEM;
    }
    pc_status rc = prepare(&m, inputs);
    if (rc) {
        if (m.staging) rmdir(m.staging);
        free_many(&m);
        return rc;
    }
    size_t nthreads = m.workers = cfg->jobs < n ? cfg->jobs : n;
    pthread_t *threads = calloc(nthreads ? nthreads : 1, sizeof *threads);
    size_t started = 0;
    for (; threads && started + 1 < nthreads; started++)
        if (pthread_create(&threads[started], NULL, worker, &m) != 0) break;
    worker(&m); /* this thread works too */
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    rc = finish(&m);
    free_many(&m);
    return rc;
}
