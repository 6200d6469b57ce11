/* convert -O DIR INPUT...: the engine (convert/many.c) converts; this file
 * prints what it reports: each file's errors in input order, JSON log
 * lines, the progress bar, the summary table, and the run's report. */
#include "cli.h"

#include "convert/many.h"
#include "progress.h"

#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct batch {
    const struct pc_cli_batch *cfg;
    struct pc_progress bar;
    uint64_t *seen_bytes; /* per file, for the bar */
    unsigned long *seen_records;
    struct pc_run_report *report; /* NULL without --report */
    struct pc_cli_tally tally;    /* of all files, under bar.lock */
    bool out_of_memory;
};

static void on_run_error(void *ud, const struct pc_error *e)
{
    struct batch *b = ud;
    pthread_mutex_lock(&b->bar.lock);
    pc_progress_clear(&b->bar);
    fprintf(stderr, "planconv: %s%s\n", e->message, pc_cli_hint(e->hint));
    if (e->code == PC_EUSAGE) fputs(gettext("Try 'planconv convert --help'.\n"), stderr);
    pc_progress_redraw(&b->bar);
    pthread_mutex_unlock(&b->bar.lock);
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
    for (size_t i = 0; i < f->nerrors; i++) {
        pc_cli_tally_add(&b->tally, &f->errors[i]);
        if (!cfg->log_json && pc_cli_tally_shows(&b->tally, &f->errors[i]))
            pc_cli_print_error(stderr, &f->errors[i]);
    }
    if (!cfg->log_json && f->st.errors > limit) pc_cli_print_more_errors(stderr, f->input, f->st.errors - limit);
    if (cfg->log_json && !cfg->all_or_nothing) print_log_line(f);
    pc_progress_redraw(&b->bar);
    fflush(stderr);
    pthread_mutex_unlock(&b->bar.lock);
    for (size_t i = 0; b->report && i < f->nerrors; i++)
        if (pc_run_report_error(b->report, &f->errors[i])) b->out_of_memory = true;
}

/* The result of a file ("invalid", "skipped", as the JSON log writes it)
 * in the user's language. */
static const char *result_text(const char *result)
{
    static const char *const words[] = {N_("ok"), N_("invalid"), N_("error"), N_("skipped")};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(result, words[i]) == 0) return gettext(words[i]);
    return result;
}

/* A number right-aligned in `width` columns. */
static void put_count(unsigned long v, int width)
{
    char num[24];
    snprintf(num, sizeof num, "%lu", v);
    pc_cli_pad_left(stderr, num, width);
}

/* The table at the end of a batch, in the user's language, its columns
 * aligned by display width (Japanese file names take two columns a
 * character). */
static void print_summary(const struct pc_many_file *files, size_t n)
{
    const char *head[] = {gettext("FILE"), gettext("KIND"), gettext("RECORDS"), gettext("ERRORS"),
                          gettext("OUTPUT")};
    int wf = pc_cli_width(head[0]), wk = pc_cli_width(head[1]);
    int wr = pc_cli_width(head[2]), we = pc_cli_width(head[3]);
    wr = wr < 8 ? 8 : wr;
    we = we < 6 ? 6 : we;
    size_t ok = 0, written = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pc_many_file *f = &files[i];
        int k = pc_cli_width(f->input);
        wf = k > wf ? k : wf;
        k = f->st.kind ? pc_cli_width(f->st.kind) : 1;
        wk = k > wk ? k : wk;
        ok += f->status == PC_OK;
        written += f->written;
    }
    pc_cli_pad(stderr, head[0], wf + 2);
    pc_cli_pad(stderr, head[1], wk + 2);
    pc_cli_pad_left(stderr, head[2], wr);
    fputs("  ", stderr);
    pc_cli_pad_left(stderr, head[3], we);
    fprintf(stderr, "  %s\n", head[4]);
    for (size_t i = 0; i < n; i++) {
        const struct pc_many_file *f = &files[i];
        pc_cli_pad(stderr, f->input, wf + 2);
        pc_cli_pad(stderr, f->st.kind ? f->st.kind : "?", wk + 2);
        put_count(f->st.records, wr);
        fputs("  ", stderr);
        put_count(f->st.errors, we);
        fputs("  ", stderr);
        if (f->written)
            fprintf(stderr, "%s\n", f->output);
        else
            fprintf(stderr, "- (%s)\n", result_text(f->result));
    }
    fprintf(stderr,
            ngettext("planconv: %zu file, %zu valid, %zu written\n",
                     "planconv: %zu files, %zu valid, %zu written\n", n),
            n, ok, written);
}

static void on_done(void *ud, const struct pc_many_file *files, size_t n)
{
    struct batch *b = ud;
    const struct pc_cli_batch *cfg = b->cfg;
    pc_progress_clear(&b->bar); /* the workers are done: nothing redraws it */
    if (cfg->log_json && cfg->all_or_nothing)
        for (size_t i = 0; i < n; i++)
            print_log_line(&files[i]);
    if (!cfg->log_json) pc_cli_tally_print(&b->tally, stderr);
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
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct batch b = {.cfg = cfg, .tally = {.verbose = cfg->opt.verbose, .quiet = cfg->quiet}};
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
            fprintf(stderr, "planconv: cannot write the report %s: %s\n", cfg->report_path,
                    pc_strerror(s));
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
