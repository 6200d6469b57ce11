/* convert -O DIR INPUT...: the engine (convert/many.c) converts; this file
 * prints what it reports: each file's errors in input order, JSON log
 * lines, the progress bar, the summary table, and the run's report. */
#include "cli.h"

#include "convert/many.h"
#include "progress.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct batch {
    const struct pc_cli_batch *cfg;
    struct pc_progress bar;
    uint64_t *seen_bytes; /* per file, for the bar */
    unsigned long *seen_records;
    struct pc_run_report *report; /* NULL without --report */
    bool out_of_memory;
};

static void on_run_error(void *ud, const struct pc_error *e)
{
    struct batch *b = ud;
    pc_progress_clear(&b->bar);
    fprintf(stderr, "planconv: %s%s\n", e->message, pc_cli_hint(e->hint));
    if (e->code == PC_EUSAGE) fputs("Try 'planconv convert --help'.\n", stderr);
}

static void on_progress(void *ud, size_t file, uint64_t bytes_in, unsigned long records)
{
    struct batch *b = ud;
    pc_progress_add(&b->bar, &b->seen_bytes[file], bytes_in, &b->seen_records[file], records);
}

static void print_log_line(const struct pc_many_file *f)
{
    fputs("{\"file\":", stderr);
    pc_json_put_string(stderr, f->input);
    fputs(",\"kind\":", stderr);
    if (f->st.kind)
        pc_json_put_string(stderr, f->st.kind);
    else
        fputs("null", stderr);
    fprintf(stderr, ",\"records\":%lu,\"errors\":%lu,\"warnings\":%lu,\"output\":", f->st.records,
            f->st.errors, f->st.warnings);
    if (f->written && strcmp(f->result, "skipped") != 0)
        pc_json_put_string(stderr, f->output);
    else
        fputs("null", stderr);
    fputs(",\"status\":", stderr);
    pc_json_put_string(stderr, f->result);
    fprintf(stderr, ",\"seconds\":%.3f", f->seconds);
    if (f->first_error) {
        fputs(",\"first_error\":", stderr);
        pc_json_put_string(stderr, f->first_error);
    }
    fputs("}\n", stderr);
}

static void on_file(void *ud, size_t file, const struct pc_many_file *f)
{
    (void)file;
    struct batch *b = ud;
    const struct pc_cli_batch *cfg = b->cfg;
    pthread_mutex_lock(&b->bar.lock);
    pc_progress_clear(&b->bar);
    unsigned long limit = cfg->opt.limit_errors ? cfg->opt.limit_errors : PC_DEFAULT_LIMIT_ERRORS;
    if (!cfg->log_json) {
        for (size_t i = 0; i < f->nerrors; i++)
            pc_cli_print_error(stderr, cfg->opt.verbose, &f->errors[i]);
        if (f->st.errors > limit)
            fprintf(stderr, "%s: ... and %lu more errors\n", f->input, f->st.errors - limit);
        pc_cli_status_failed(f->input, f->status);
    }
    if (cfg->log_json && !cfg->all_or_nothing) print_log_line(f);
    fflush(stderr);
    pthread_mutex_unlock(&b->bar.lock);
    for (size_t i = 0; b->report && i < f->nerrors; i++)
        if (pc_run_report_error(b->report, &f->errors[i])) b->out_of_memory = true;
}

static void print_summary(const struct pc_many_file *files, size_t n)
{
    int wf = 4, wk = 4;
    size_t ok = 0, written = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pc_many_file *f = &files[i];
        int k = (int)strlen(f->input);
        wf = k > wf ? k : wf;
        k = f->st.kind ? (int)strlen(f->st.kind) : 1;
        wk = k > wk ? k : wk;
        ok += f->status == PC_OK;
        written += f->written;
    }
    fprintf(stderr, "%-*s  %-*s  %8s  %6s  %s\n", wf, "FILE", wk, "KIND", "RECORDS", "ERRORS",
            "OUTPUT");
    for (size_t i = 0; i < n; i++) {
        const struct pc_many_file *f = &files[i];
        char why[64] = "";
        if (!f->written) snprintf(why, sizeof why, "- (%s)", f->result);
        fprintf(stderr, "%-*s  %-*s  %8lu  %6lu  %s\n", wf, f->input, wk,
                f->st.kind ? f->st.kind : "?", f->st.records, f->st.errors,
                f->written ? f->output : why);
    }
    fprintf(stderr, "planconv: %zu file%s, %zu valid, %zu written\n", n, n == 1 ? "" : "s", ok,
            written);
}

static void on_done(void *ud, const struct pc_many_file *files, size_t n)
{
    struct batch *b = ud;
    const struct pc_cli_batch *cfg = b->cfg;
    pc_progress_clear(&b->bar); /* the workers are done: nothing redraws it */
    if (cfg->log_json && cfg->all_or_nothing)
        for (size_t i = 0; i < n; i++)
            print_log_line(&files[i]);
    if (!cfg->quiet && !cfg->log_json) print_summary(files, n);
    for (size_t i = 0; b->report && i < n; i++) {
        const struct pc_many_file *f = &files[i];
        if (pc_run_report_file(b->report, f->input, f->written ? f->output : NULL, &f->st,
                               f->result))
            b->out_of_memory = true;
    }
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int pc_cli_batch_run(const struct pc_cli_batch *cfg, char *const *inputs, size_t n)
{
    if (pc_cli_report_clashes(cfg->report_path, inputs, n)) return 2;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct batch b = {.cfg = cfg};
    b.seen_bytes = calloc(n ? n : 1, sizeof *b.seen_bytes);
    b.seen_records = calloc(n ? n : 1, sizeof *b.seen_records);
    if (!b.seen_bytes || !b.seen_records ||
        (cfg->report_path && !(b.report = pc_run_report_new()))) {
        fputs("planconv: out of memory\n", stderr);
        free(b.seen_bytes);
        free(b.seen_records);
        return 2;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += pc_progress_input_size(inputs[i]);
    pc_progress_init(&b.bar, cfg->log_json ? 0 : cfg->progress, total);
    struct pc_many_config mc = {.opt = cfg->opt,
                                .outdir = cfg->outdir,
                                .ext = cfg->ext,
                                .jobs = cfg->jobs,
                                .all_or_nothing = cfg->all_or_nothing,
                                .datapackage = cfg->datapackage,
                                .cb = {.ud = &b,
                                       .on_error = on_run_error,
                                       .on_progress = b.bar.on ? on_progress : NULL,
                                       .on_file = on_file,
                                       .on_done = on_done}};
    int code = pc_exit_status(pc_many_run(&mc, inputs, n));
    pc_progress_end(&b.bar);
    if (b.report) {
        pc_status s =
            pc_run_report_write(b.report, cfg->report_path, code == 0, seconds_since(&t0));
        if (s) {
            pc_cli_report_failed(cfg->report_path, s == PC_EIO ? strerror(errno) : pc_strerror(s));
            code = 2;
        }
        pc_run_report_free(b.report);
    }
    if (b.out_of_memory) {
        fputs("planconv: out of memory: the report is incomplete\n", stderr);
        code = 2;
    }
    free(b.seen_bytes);
    free(b.seen_records);
    return code;
}
