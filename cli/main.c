/* planconv: the command line. It parses arguments and calls the public
 * API; no format or schema logic lives here. */
#include "planconv.h"

#include "cli.h"
#include "progress.h"
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libintl.h>
#include <locale.h>
#include <unistd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Prints a usage error and where to read more: the command's help, or
 * the top-level help when `cmd` is NULL. */
static int usage_error(const struct pc_cli_command *cmd, const char *fmt, const char *arg)
{
    fputs("planconv: ", stderr);
    fprintf(stderr, gettext(fmt), arg); /* fmt is the whole message when arg is NULL */
    char what[32] = ""; /* "COMMAND ", the form the translated message takes */
    if (cmd) snprintf(what, sizeof what, "%s ", cmd->name);
    fprintf(stderr, gettext("\nTry 'planconv %.*s--help'.\n"), (int)strlen(what), what);
    return 2;
}

enum { MAX_FORMAT_OPTIONS = 64 };

struct cli {
    const struct pc_cli_command *cmd;
    struct pc_options opt;
    const char *format_options[MAX_FORMAT_OPTIONS + 1]; /* NULL-terminated */
    size_t nformat_options;
    char *owned[MAX_FORMAT_OPTIONS]; /* the format_options composed here */
    size_t nowned;
    const char *output, *as;
    int quiet;
    const char *outdir; /* -O */
    unsigned long jobs;
    bool all_or_nothing, datapackage, log_json, batch_option;
    bool wide; /* --wide: an option of the output format, known once all options are read */
    struct pc_infer_options infer;
    int progress;       /* -1 on a terminal (the default), 0 never, 1 always */
    struct pc_progress bar;
    uint64_t bar_bytes;
    unsigned long bar_records;
    int json_stdout; /* --format json: the report on standard output */
    const char *report_path;
    struct pc_run_report *report; /* NULL without --report */
    struct timespec start;
    struct pc_cli_tally tally; /* warnings and normalizations, for the lines at the end */
    struct pc_serve_config serve;
};

static void on_error(void *ud, const struct pc_error *e)
{
    struct cli *c = ud;
    pc_cli_tally_add(&c->tally, e);
    if (!e->message) return; /* past the limit: counted only */
    if (pc_cli_tally_shows(&c->tally, e)) { /* the bar makes room for the line, then is back */
        pc_progress_clear(&c->bar);
        pc_cli_print_error(stderr, e);
        pc_progress_redraw(&c->bar);
    }
    if (e->severity == PC_SEV_NORMALIZATION &&
        !pc_cli_tally_within_limit(&c->tally, c->opt.limit_errors))
        return;
    if (c->report && pc_run_report_error(c->report, e)) {
        fputs("planconv: out of memory for the report\n", stderr);
        exit(2);
    }
}

static int parse_count(const char *arg, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (!*arg || *end || arg[0] == '-') return -1;
    *out = v;
    return 0;
}

/* Appends "PREFIXVALUE" (or VALUE alone when prefix is NULL) to the
 * format options; -1 when there are too many or no memory. */
static int add_format_option(struct cli *c, const char *prefix, const char *value)
{
    if (c->nformat_options == MAX_FORMAT_OPTIONS) return -1;
    if (prefix) {
        size_t n = strlen(prefix) + strlen(value) + 1;
        char *s = malloc(n);
        if (!s) return -1;
        snprintf(s, n, "%s%s", prefix, value);
        c->owned[c->nowned++] = s;
        value = s;
    }
    c->format_options[c->nformat_options++] = value;
    c->opt.format_options = c->format_options;
    return 0;
}

/* The format option an old flag stands for: FORMAT:KEY=, or NULL. */
static const char *format_option_prefix(int ch)
{
    switch (ch) {
    case PC_OPT_SHEET: return "xlsx:sheet=";
    case PC_OPT_MEETING_ID: return "minutes-text:meeting-id=";
    case PC_OPT_NO_SPLIT_SLASH: return "outline-text:split-slash=no";
    case PC_OPT_NO_PIVOT: return "reshape:pivot=no";
    case PC_OPT_FILL_DOWN: return "reshape:fill-down=always";
    case PC_OPT_NO_FILL_DOWN: return "reshape:fill-down=never";
    default: return NULL;
    }
}

/* One option of parse_options; -1 to go on, else an exit code. */
static int take_option(struct cli *c, int ch, char **argv)
{
    const struct pc_cli_command *usage = c->cmd;
    if (ch == 'h') {
        pc_cli_print_help(stdout, usage);
        return 0;
    }
    if (ch == 'V') {
        printf("planconv %s\n", PLANCONV_VERSION);
        return 0;
    }
    if (ch == '?')
        return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
    const struct pc_cli_option *o = pc_cli_option_of(ch);
    if (!o || !(o->commands & usage->bit))
        return usage_error(usage, "option --%s does not apply to this command", o ? o->name : "?");
    const char *prefix = format_option_prefix(ch);
    if (prefix && add_format_option(c, prefix, o->arg ? optarg : ""))
        return usage_error(usage, "too many format options", NULL);
    unsigned long n;
    switch (ch) {
    case 'f': c->opt.from = optarg; break;
    case 't': c->opt.to = optarg; break;
    case 'k': c->opt.kind = optarg; break;
    case 'o': c->output = optarg; break;
    case 'O': c->outdir = optarg; break;
    case PC_OPT_ALL_OR_NOTHING: c->all_or_nothing = c->batch_option = true; break;
    case PC_OPT_DATAPACKAGE: c->datapackage = c->batch_option = true; break;
    case PC_OPT_PROGRESS: c->progress = 1; break;
    case PC_OPT_NO_PROGRESS: c->progress = 0; break;
    case 'j':
        if (parse_count(optarg, &n) || n == 0 || n > 1024)
            return usage_error(usage, "--jobs takes a number from 1 to 1024, not \"%s\"",
                               optarg);
        c->jobs = n;
        c->batch_option = true;
        break;
    case PC_OPT_LOG_FORMAT:
        c->batch_option = true;
        if (strcmp(optarg, "json") == 0)
            c->log_json = true;
        else if (strcmp(optarg, "text") != 0)
            return usage_error(usage, "--log-format takes text or json, not \"%s\"", optarg);
        break;
    case 'X':
        if (!strchr(optarg, ':') || !strchr(optarg, '='))
            return usage_error(usage, "--format-option takes FORMAT:KEY=VALUE, not \"%s\"", optarg);
        if (add_format_option(c, NULL, optarg))
            return usage_error(usage, "too many format options", NULL);
        break;
    case 'v': c->opt.verbose = 1; break;
    case 'q': c->quiet = 1; break;
    case PC_OPT_SCHEMA: c->opt.schema_file = optarg; break;
    case PC_OPT_ENCODING: c->opt.encoding = optarg; break;
    case PC_OPT_EXCEL: c->opt.excel = 1; break;
    case PC_OPT_KEEP_INVALID: c->opt.keep_invalid = 1; break;
    case PC_OPT_STRICT: c->opt.strict = 1; break;
    case PC_OPT_FIX: c->opt.fix = 1; break;
    case PC_OPT_KEEP_TEXT: c->opt.keep_text = 1; break;
    case PC_OPT_NORMALIZE:
        if (strcmp(optarg, "ja") != 0)
            return usage_error(usage, "--normalize takes ja, not \"%s\"", optarg);
        c->opt.normalize = 1;
        break;
    case PC_OPT_LINT: c->opt.lint = 1; break;
    case PC_OPT_DIALECT: c->opt.dialect_file = optarg; break;
    case PC_OPT_HEADER_ROWS: c->opt.header_rows = optarg; break;
    case PC_OPT_DIALECT_OUT: c->infer.dialect_out = optarg; break;
    case PC_OPT_ENUMS: c->infer.enums = 1; break;
    case PC_OPT_SAMPLE_ROWS:
        if (parse_count(optarg, &n) || n == 0)
            return usage_error(usage, "--sample-rows takes a positive number, not \"%s\"",
                               optarg);
        c->infer.sample_rows = n;
        break;
    case PC_OPT_WIDE: c->wide = true; break;
    case PC_OPT_AS: c->as = optarg; break;
    case PC_OPT_REPORT: c->report_path = optarg; break;
    case PC_OPT_FORMAT:
        if (strcmp(optarg, "json") == 0)
            c->json_stdout = 1;
        else if (strcmp(optarg, "text") != 0)
            return usage_error(usage, "--format takes text or json, not \"%s\"", optarg);
        break;
    case PC_OPT_MAX_FIELD:
        if (parse_count(optarg, &n) || n == 0)
            return usage_error(usage, "--max-field-size takes a number of bytes, not \"%s\"",
                               optarg);
        c->opt.max_field_size = n;
        break;
    case PC_OPT_GZIP_LEVEL:
        if (parse_count(optarg, &n) || n < 1 || n > 9)
            return usage_error(usage, "--gzip-level takes a number from 1 to 9, not \"%s\"",
                               optarg);
        c->opt.gzip_level = (int)n;
        break;
    case 'p':
        if (parse_count(optarg, &n) || n > 65535)
            return usage_error(usage, "--port takes a number from 0 to 65535, not \"%s\"", optarg);
        c->serve.port = (unsigned)n;
        break;
    case PC_OPT_BIND: c->serve.bind = optarg; break;
    case PC_OPT_MAX_UPLOAD:
        if (!pc_serve_parse_size(optarg, &c->serve.max_upload))
            return usage_error(usage, "--max-upload takes a number of bytes (K, M or G may follow), not \"%s\"",
                               optarg);
        break;
    case PC_OPT_QUEUE:
        if (parse_count(optarg, &n) || n == 0 || n > 4096)
            return usage_error(usage, "--queue takes a number from 1 to 4096, not \"%s\"", optarg);
        c->serve.queue = (unsigned)n;
        break;
    case PC_OPT_TIMEOUT:
        if (parse_count(optarg, &n) || n == 0 || n > 86400)
            return usage_error(usage, "--timeout takes a number of seconds from 1 to 86400, not \"%s\"",
                               optarg);
        c->serve.timeout = (unsigned)n;
        break;
    case PC_OPT_THREADS:
        if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0)
            return usage_error(usage, "--threads takes 1 or 2, not \"%s\"", optarg);
        c->opt.threads = optarg[0] - '0';
        break;
    case PC_OPT_LIMIT_ERRORS:
        if (parse_count(optarg, &n) || n == 0)
            return usage_error(usage, "--limit-errors takes a positive number, not \"%s\"",
                               optarg);
        c->opt.limit_errors = n;
        break;
    }
    return -1;
}


/* Parses the options of c->cmd, as the option table says which it takes.
 * Returns -1 to go on, else an exit code. */
static int parse_options(int argc, char **argv, struct cli *c)
{
    c->opt.on_error = on_error;
    c->opt.ud = c;
    optind = 1;
    opterr = 0;
    int ch;
    c->progress = -1;
    char shortopts[64];
    struct option *long_options = pc_cli_long_options(shortopts, sizeof shortopts);
    if (!long_options) {
        fputs("planconv: out of memory\n", stderr);
        return 2;
    }
    int rc = -1;
    while (rc < 0 && (ch = getopt_long(argc, argv, shortopts, long_options, NULL)) != -1)
        rc = take_option(c, ch, argv);
    free(long_options);
    c->tally.verbose = c->opt.verbose;
    c->tally.quiet = c->quiet;
    /* -v lists every normalization, even past the limit; else on_error
     * counts by type what comes past it */
    c->opt.tally = !(c->opt.verbose && !c->quiet);
    if (rc < 0 && c->wide) { /* -t names the writer; without it, csv or tsv by -o */
        bool failed = c->opt.to ? add_format_option(c, c->opt.to, ":wide=yes")
                                : add_format_option(c, "csv", ":wide=yes") ||
                                      add_format_option(c, "tsv", ":wide=yes");
        if (failed) return usage_error(c->cmd, "too many format options", NULL);
    }
    return rc;
}

static int start_report(struct cli *c)
{
    clock_gettime(CLOCK_MONOTONIC, &c->start);
    if (c->json_stdout) c->quiet = c->tally.quiet = 1;
    if (!c->report_path && !c->json_stdout) return 0;
    c->report = pc_run_report_new();
    c->opt.facts = 1; /* the report lists each input's labels */
    if (c->report) return 0;
    fputs("planconv: out of memory\n", stderr);
    return 2;
}

/* After each file: the errors past --limit-errors are only counted. */
static void file_done(struct cli *c, const char *input, const char *output,
                      const struct pc_stats *st, pc_status s)
{
    unsigned long limit = c->opt.limit_errors ? c->opt.limit_errors : PC_DEFAULT_LIMIT_ERRORS;
    if (st->errors > limit) pc_cli_print_more_errors(stderr, input, st->errors - limit);
    const char *status = s == PC_OK ? "ok" : s == PC_INVALID ? "invalid" : "error";
    if (c->report && pc_run_report_file(c->report, input, output, st, status)) {
        fputs("planconv: out of memory for the report\n", stderr);
        exit(2);
    }
}

/* Writes the report if asked; returns the exit code, 2 if that fails. */
static int finish_report(struct cli *c, int code)
{
    if (!c->report) return code;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - c->start.tv_sec) +
                     (double)(end.tv_nsec - c->start.tv_nsec) / 1e9;
    pc_status s = c->report_path ? pc_run_report_write(c->report, c->report_path, code == 0, seconds)
                                 : PC_OK;
    const char *where = c->report_path;
    if (s == PC_OK && c->json_stdout) {
        where = "-";
        s = pc_run_report_write(c->report, "-", code == 0, seconds);
    }
    int saved = errno;
    pc_run_report_free(c->report);
    c->report = NULL;
    if (s == PC_OK) return code;
    pc_cli_report_failed(where, s == PC_EIO ? strerror(saved) : pc_strerror(s));
    return 2;
}

static const char *plural(unsigned long n)
{
    return n == 1 ? "" : "s";
}

/* -v: the choices made, one whole sentence with or without an output. */
static void report_choice(const char *input, const struct pc_stats *st)
{
    const char *in = st->format_in ? st->format_in : "?";
    const char *enc = st->encoding ? st->encoding : "?";
    const char *kind = st->kind ? st->kind : "?";
    if (st->format_out)
        fprintf(stderr,
                ngettext("%s: read as %s (%s), kind %s, written as %s; %lu record\n",
                         "%s: read as %s (%s), kind %s, written as %s; %lu records\n",
                         st->records),
                input, in, enc, kind, st->format_out, st->records);
    else
        fprintf(stderr,
                ngettext("%s: read as %s (%s), kind %s; %lu record\n",
                         "%s: read as %s (%s), kind %s; %lu records\n", st->records),
                input, in, enc, kind, st->records);
    if (st->encoding_basis[0]) fprintf(stderr, "%s: %s\n", input, st->encoding_basis);
}

static void on_progress(void *ud, uint64_t bytes_in, unsigned long records)
{
    struct cli *c = ud;
    pc_progress_add(&c->bar, &c->bar_bytes, bytes_in, &c->bar_records, records);
}

/* The extension of the -t format, for the names of -O files. */
static const char *format_extension(const char *format)
{
    const char *name;
    const char *const *ext;
    int r, w;
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++)
        if (strcmp(name, format) == 0) return w && ext[0] ? ext[0] : NULL;
    return NULL;
}

static void on_resource(void *ud, const char *name, const char *path, const struct pc_stats *st,
                        pc_status s);

/* convert -O DIR INPUT..., or convert -O DIR datapackage.json */
static int convert_batch(struct cli *c, int argc, char **argv)
{
    int rc;
    if (c->output) return usage_error(c->cmd, "give -o FILE or -O DIR, not both", NULL);
    if (!c->opt.to)
        return usage_error(c->cmd, "with -O DIR, give the output format with -t FORMAT", NULL);
    const char *ext = format_extension(c->opt.to);
    if (!ext)
        return usage_error(c->cmd, "unknown output format \"%s\"; see 'planconv formats'",
                           c->opt.to);
    if (c->all_or_nothing && c->opt.keep_invalid)
        return usage_error(c->cmd, "--all-or-nothing and --keep-invalid contradict", NULL);
    if (argc - optind < 1) return usage_error(c->cmd, "give at least one INPUT", NULL);
    pc_cli_guard_outputs(NULL, c->report_path, c->outdir);
    if (argc - optind == 1 && pc_is_package(argv[optind])) {
        if ((rc = start_report(c))) return rc;
        pc_status s = pc_package_convert(&c->opt, argv[optind], c->outdir, on_resource);
        pc_cli_tally_print(&c->tally, stderr);
        return finish_report(c, pc_exit_status(s));
    }
    struct pc_cli_batch cfg = {.opt = c->opt, .outdir = c->outdir, .ext = ext,
                                  .jobs = c->jobs ? (unsigned)c->jobs : 1,
                                  .all_or_nothing = c->all_or_nothing,
                                  .datapackage = c->datapackage, .quiet = c->quiet,
                                  .log_json = c->log_json, .progress = c->progress,
                                  .report_path = c->report_path};
    return pc_cli_batch_run(&cfg, argv + optind, (size_t)(argc - optind));
}

static int cmd_convert(struct cli *c, int argc, char **argv)
{
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    if (c->outdir) return convert_batch(c, argc, argv);
    if (c->batch_option)
        return usage_error(c->cmd, "--jobs, --all-or-nothing, --datapackage and --log-format need -O DIR", NULL);
    if (argc - optind != 1)
        return usage_error(c->cmd, "give exactly one INPUT (a file, or - for stdin), or -O DIR for several", NULL);
    char *files[] = {argv[optind], (char *)c->output};
    if (pc_cli_report_clashes(c->report_path, files, 2)) return 2;
    pc_cli_guard_outputs(c->output, c->report_path, NULL);
    if ((rc = start_report(c))) return rc;
    pc_progress_init(&c->bar, c->progress, pc_progress_input_size(argv[optind]));
    if (c->bar.on) c->opt.on_progress = on_progress;
    struct pc_stats st;
    pc_status s = pc_convert_file(&c->opt, argv[optind], c->output, &st);
    pc_cli_status_failed(argv[optind], s);
    pc_progress_end(&c->bar);
    if (c->opt.verbose && !c->quiet) report_choice(argv[optind], &st);
    file_done(c, argv[optind], s == PC_OK || c->opt.keep_invalid ? c->output : NULL, &st, s);
    pc_cli_tally_print(&c->tally, stderr);
    return finish_report(c, pc_exit_status(s));
}

static int validate_files(struct cli *c, int argc, char **argv);

static int cmd_validate(struct cli *c, int argc, char **argv)
{
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    if (argc - optind < 1) return usage_error(c->cmd, "give at least one INPUT", NULL);
    return validate_files(c, argc, argv);
}

static int cmd_lint(struct cli *c, int argc, char **argv)
{
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    if (argc - optind < 1) return usage_error(c->cmd, "give at least one INPUT", NULL);
    c->opt.lint = 1;
    if (!c->opt.kind) c->opt.kind = "table";
    return validate_files(c, argc, argv);
}

/* One file's summary line (unless quiet) and its entry in the report. */
static void file_verdict(struct cli *c, const char *input, const struct pc_stats *st,
                         pc_status s)
{
    pc_cli_status_failed(input, s);
    file_done(c, input, NULL, st, s);
    int code = pc_exit_status(s);
    if (c->quiet) return;
    if (code == 0)
        printf(gettext("%s: valid, %lu record%s (%s, %s)\n"), input, st->records,
               plural(st->records), st->kind, st->format_in);
    else if (code == 1)
        printf(gettext("%s: invalid, %lu error%s in %lu record%s (%s, %s)\n"), input, st->errors,
               plural(st->errors), st->records, plural(st->records), st->kind ? st->kind : "?",
               st->format_in ? st->format_in : "?");
    else
        printf(gettext("%s: not checked (%s)\n"), input, pc_strerror(s));
}

/* A Data Package's resource: summarized as a file. */
static void on_resource(void *ud, const char *name, const char *path, const struct pc_stats *st,
                        pc_status s)
{
    (void)name;
    file_verdict(ud, path, st, s);
}

/* Validates argv[optind..]: a summary line per file (per resource of a
 * datapackage.json), the worst exit code. */
static int validate_files(struct cli *c, int argc, char **argv)
{
    int rc;
    if (pc_cli_report_clashes(c->report_path, argv + optind, (size_t)(argc - optind))) return 2;
    pc_cli_guard_outputs(NULL, c->report_path, NULL);
    if ((rc = start_report(c))) return rc;
    int worst = 0;
    for (int i = optind; i < argc; i++) {
        struct pc_stats st;
        pc_status s;
        if (pc_is_package(argv[i])) {
            s = pc_package_validate(&c->opt, argv[i], on_resource);
        } else {
            s = pc_validate_file(&c->opt, argv[i], &st);
            file_verdict(c, argv[i], &st, s);
        }
        int code = pc_exit_status(s);
        if (code > worst) worst = code;
    }
    pc_cli_tally_print(&c->tally, stderr);
    return finish_report(c, worst);
}

static int cmd_schema(struct cli *c, int argc, char **argv)
{
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    const char *sub = optind < argc ? argv[optind] : NULL;
    if (sub && strcmp(sub, "list") == 0 && argc - optind == 1) {
        for (size_t i = 0; pc_schema_name(i); i++)
            printf("%-12s %s\n", pc_schema_name(i), pc_schema_title(i));
        return 0;
    }
    const char *as = c->as ? c->as : "table-schema";
    if (strcmp(as, "table-schema") && strcmp(as, "json-schema") && strcmp(as, "xsd") &&
        strcmp(as, "markdown"))
        return usage_error(c->cmd,
                           "--as takes table-schema, json-schema, xsd or markdown, not \"%s\"", as);
    if (sub && strcmp(sub, "show") == 0 && c->opt.schema_file && argc - optind == 1)
        return pc_exit_status(
            pc_schema_export_file(c->opt.schema_file, as, stdout, c->opt.on_error, c->opt.ud));
    if (sub && strcmp(sub, "show") == 0 && !c->opt.schema_file && argc - optind == 2) {
        pc_status s = pc_schema_export(argv[optind + 1], as, stdout);
        if (s == PC_EUSAGE)
            return usage_error(c->cmd, "unknown kind \"%s\"; see 'planconv schema list'",
                               argv[optind + 1]);
        return pc_exit_status(s);
    }
    return usage_error(c->cmd, "expected 'list' or 'show KIND'", NULL);
}

/* planconv infer INPUT: a Table Schema to start from. */
static int cmd_infer(struct cli *c, int argc, char **argv)
{
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    if (argc - optind != 1) return usage_error(c->cmd, "give exactly one INPUT", NULL);
    struct pc_stats st;
    pc_status s = pc_infer_file(&c->opt, &c->infer, argv[optind], c->output, &st);
    if (c->opt.verbose) report_choice(argv[optind], &st);
    pc_cli_tally_print(&c->tally, stderr);
    return pc_exit_status(s);
}

static int widest(int a, int b)
{
    return a > b ? a : b;
}

static int cmd_formats(struct cli *c, int argc, char **argv)
{
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    if (optind != argc) return usage_error(c->cmd, "formats takes no arguments", NULL);
    const char *name;
    const char *const *ext;
    int r, w;
    /* headings and yes/no in the user's language, aligned by display width */
    const char *head[] = {gettext("FORMAT"), gettext("READ"), gettext("WRITE")};
    const char *yes = gettext("yes"), *no = gettext("no");
    int wyn = widest(pc_cli_width(yes), pc_cli_width(no));
    int wr = widest(widest(pc_cli_width(head[1]), wyn), 5); /* at least "READ " */
    int ww = widest(widest(pc_cli_width(head[2]), wyn), 6);
    int wn = pc_cli_width(head[0]); /* the widest name: minutes-text */
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++) wn = widest(wn, pc_cli_width(name));
    pc_cli_pad(stdout, head[0], wn);
    putchar(' ');
    pc_cli_pad(stdout, head[1], wr);
    putchar(' ');
    pc_cli_pad(stdout, head[2], ww);
    printf(" %s\n", gettext("EXTENSIONS"));
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++) {
        pc_cli_pad(stdout, name, wn);
        putchar(' ');
        pc_cli_pad(stdout, r ? yes : no, wr);
        putchar(' ');
        pc_cli_pad(stdout, w ? yes : no, ww);
        for (; *ext; ext++) printf(" .%s", *ext);
        printf("\n");
    }
    return 0;
}

static int cmd_serve(struct cli *c, int argc, char **argv)
{
    c->serve.port = -1;
    int rc = parse_options(argc, argv, c);
    if (rc >= 0) return rc;
    if (optind != argc) return usage_error(c->cmd, "serve takes no arguments, not \"%s\"", argv[optind]);
    c->serve.jobs = (unsigned)c->jobs;
    return pc_cli_serve(&c->serve);
}

/* Messages in the user's language: the catalog beside the program (the
 * build tree), else the installed one. Only LC_MESSAGES and LC_CTYPE: the
 * numeric locale must stay "C" for parsing numbers. */
static void init_messages(const char *argv0)
{
    setlocale(LC_MESSAGES, "");
    setlocale(LC_CTYPE, "");
    const char *dir = getenv("PLANCONV_LOCALEDIR");
    char here[4096];
    ssize_t n = readlink("/proc/self/exe", here, sizeof here - 16);
    if (!dir && n > 0) {
        here[n] = '\0';
        char *slash = strrchr(here, '/');
        if (slash) {
            strcpy(slash + 1, "locale");
            if (access(here, R_OK) == 0) dir = here;
        }
    }
    (void)argv0;
    bindtextdomain("planconv", dir ? dir : PLANCONV_LOCALEDIR);
    bind_textdomain_codeset("planconv", "UTF-8");
    textdomain("planconv");
}

/* planconv help [COMMAND | --man-options | --completion]: the last two
 * print what docs/planconv.1 and completion/planconv.bash hold, from the
 * option table (a test compares them). */
static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(gettext(pc_cli_usage_main), stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--man-options") == 0) {
        pc_cli_print_man_options(stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--completion") == 0) {
        pc_cli_print_completion(stdout);
        return 0;
    }
    for (const struct pc_cli_command *c = pc_cli_commands; argc == 2 && c->name; c++)
        if (strcmp(argv[1], c->name) == 0) {
            pc_cli_print_help(stdout, c);
            return 0;
        }
    return usage_error(NULL, "no help for \"%s\"", argv[1]);
}

/* A scheduler may start planconv with fd 0, 1 or 2 closed: the first file
 * opened would take that number, and messages meant for stderr would land
 * in the output. /dev/null holds each closed one. False if that fails. */
static bool open_standard_fds(void)
{
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
        /* the lowest free number, which is fd: the ones below are open */
        if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) < 0) return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (!open_standard_fds()) return 2; /* nowhere to say why */
    init_messages(argv[0]);
    /* a closed pipe (planconv ... | head) ends the run quietly */
    signal(SIGPIPE, SIG_DFL);
    if (argc < 2) {
        fputs(gettext(pc_cli_usage_main), stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0)
        return cmd_help(argc - 1, argv + 1);
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("planconv %s\n", PLANCONV_VERSION);
        return 0;
    }
    /* in the order of pc_cli_commands */
    static int (*const run[])(struct cli *, int, char **) = {cmd_convert, cmd_validate, cmd_lint,
                                                             cmd_schema, cmd_infer, cmd_formats, cmd_serve};
    for (size_t i = 0; pc_cli_commands[i].name; i++) {
        if (strcmp(name, pc_cli_commands[i].name) != 0) continue;
        struct cli *c = calloc(1, sizeof *c);
        if (!c) {
            fputs("planconv: out of memory\n", stderr);
            return 2;
        }
        c->cmd = &pc_cli_commands[i];
        int rc = run[i](c, argc - 1, argv + 1);
        if (pc_cli_stdout_failed()) rc = 2;
        for (size_t k = 0; k < c->nowned; k++) free(c->owned[k]);
        free(c);
        return rc;
    }
    return usage_error(NULL, "unknown command \"%s\"", name);
}
