/* planconv: the command line. It parses arguments and calls the public
 * API; no format or schema logic lives here. */
#include "planconv.h"

#include "batch.h"
#include "progress.h"
#include "serve.h"

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

/* N_ marks text for xgettext; it is translated where it is printed. */
#define N_(s) s

static const char usage_main[] = N_(
    "Usage: planconv COMMAND [OPTIONS] ...\n"
    "Convert and validate Japanese government plan datasets (plan items, roadmaps,\n"
    "minutes) between CSV, TSV, JSON and JSON Lines.\n"
    "\n"
    "Commands:\n"
    "  convert    convert files from one format to another, validating them\n"
    "  validate   check files against their schema\n"
    "  schema     list the bundled schemas or show one\n"
    "  lint       check tables for machine-readability (機械判読)\n"
    "  formats    list the formats planconv reads and writes\n"
    "  serve      a web page and an HTTP API for checking and converting files\n"
    "\n"
    "Run 'planconv COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 invalid data, 2 usage or I/O error.\n");

static const char usage_convert[] = N_(
    "Usage: planconv convert [OPTIONS] INPUT|-\n"
    "       planconv convert -t FORMAT -O DIR [OPTIONS] INPUT...\n"
    "Convert INPUT (a file, or - for standard input) to another format. The data is\n"
    "validated on the way; if it is invalid nothing is written (exit status 1).\n"
    "With -O, each INPUT becomes DIR/NAME.FORMAT (NAME: its name without .gz and\n"
    "its extension); invalid files are not written, the others are (exit status 1).\n"
    "\n"
    "  -f, --from FORMAT      input format (default: by extension, else detected)\n"
    "  -t, --to FORMAT        output format (default: by the extension of -o)\n"
    "  -k, --kind KIND        schema: plan-items, roadmap, minutes, or table for\n"
    "                         plain text columns (default: inferred from the header)\n"
    "      --schema FILE      use your own Table Schema descriptor\n"
    "  -o, --output FILE      write to FILE (default: standard output); FILE.gz is\n"
    "                         compressed; FILE appears only if the run succeeds\n"
    "      --gzip-level N     zlib level of FILE.gz output: 1 (fastest) to 9\n"
    "                         (smallest); default 6\n"
    "  -O, --output-dir DIR   write each INPUT into DIR (created if missing), and\n"
    "                         print a summary table on standard error\n"
    "  -j, --jobs N           with -O: convert N files at a time (default 1)\n"
    "      --all-or-nothing   with -O: write no file unless every INPUT is valid\n"
    "      --datapackage      with -O: write DIR/datapackage.json (Frictionless)\n"
    "                         describing the files written\n"
    "      --log-format FMT   with -O: text (the default) or json: one JSON line per\n"
    "                         file on standard error, for log collectors\n"
    "  -q, --quiet            print errors only: no summary, no normalization count\n"
    "      --no-progress      no progress bar (shown on a terminal for inputs over\n"
    "                         4 MiB); --progress shows it even when not a terminal\n"
    "      --encoding ENC     input encoding: utf-8, cp932, shift_jis, euc-jp\n"
    "                         (default: detected)\n"
    "      --excel            CSV for Excel: UTF-8 with BOM and CRLF line ends\n"
    "      --keep-invalid     write the valid records even if some are invalid\n"
    "      --max-field-size N refuse fields larger than N bytes (default 16 MiB)\n"
    "      --limit-errors N   print at most N errors (default 1000)\n"
    "      --report FILE      write a JSON report of the run (Frictionless shape);\n"
    "                         FILE.html: a web page of it instead\n"
    "      --strict           refuse every normalization (和暦 dates, full-width\n"
    "                         digits, derived periods ...) as an error\n"
    "      --fix              replace machine-dependent characters (①, ㈱, ㍻)\n"
    "                         with their standard spellings\n"
    "      --keep-text        leave text fields as read (no half-width kana folding)\n"
    "      --sheet NAME|N     .xlsx input: the sheet to read (default: the first)\n"
    "      --meeting-id ID    minutes text: the meeting's id (default: name-date)\n"
    "      --no-split-slash   outline text: keep ／ lists as text, not one item each\n"
    "      --no-pivot         keep a wide sheet (one column per fiscal year) as read\n"
    "                         instead of turning it into one record per year cell\n"
    "      --fill-down        fill empty key cells from the row above (merged cells)\n"
    "                         also in long sheets; --no-fill-down never (default:\n"
    "                         when a wide sheet is pivoted)\n"
    "      --wide             with -t csv or tsv: write wide, one row per measure and\n"
    "                         one column per fiscal year (2021年度 ...)\n"
    "  -v, --verbose          say which format, encoding and kind were chosen, and\n"
    "                         print each normalized value\n"
    "  -h, --help             show this help\n"
    "\n"
    "Examples: planconv convert -t json samples/plan-items.csv\n"
    "          planconv convert -t json -O out --jobs 4 --datapackage exports/*.csv\n");

static const char usage_validate[] = N_(
    "Usage: planconv validate [OPTIONS] INPUT...\n"
    "Check each INPUT against its schema and print one summary line per file.\n"
    "\n"
    "  -f, --from FORMAT      input format (default: by extension, else detected)\n"
    "  -k, --kind KIND        schema (default: inferred from the header)\n"
    "      --schema FILE      use your own Table Schema descriptor\n"
    "      --encoding ENC     input encoding (default: detected)\n"
    "      --max-field-size N refuse fields larger than N bytes (default 16 MiB)\n"
    "      --limit-errors N   print at most N errors per file (default 1000)\n"
    "      --report FILE      write a JSON report of the run (Frictionless shape);\n"
    "                         FILE.html: a web page of it instead\n"
    "      --format FMT       text (summary lines, the default) or json (the report\n"
    "                         on standard output instead)\n"
    "      --strict           refuse every normalization as an error\n"
    "      --keep-text        leave text fields as read\n"
    "      --sheet NAME|N     .xlsx input: the sheet to read (default: the first)\n"
    "      --meeting-id ID    minutes text: the meeting's id (default: name-date)\n"
    "      --no-split-slash   outline text: keep ／ lists as text, not one item each\n"
    "      --no-pivot         keep a wide sheet as read (no year columns to records)\n"
    "      --fill-down        fill empty key cells from the row above (--no-fill-down)\n"
    "      --lint             also check machine-readability (see 'planconv lint')\n"
    "  -v, --verbose          print each normalized value\n"
    "  -q, --quiet            print errors only, no summary lines\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example: planconv validate samples/*.csv\n");

static const char usage_lint[] = N_(
    "Usage: planconv lint [OPTIONS] INPUT...\n"
    "Check tables for what makes them hard for programs to read, after the\n"
    "government's rules for machine-readable tables: a title row above the\n"
    "header, blank rows, merged-cell remnants, units in numeric cells (100件),\n"
    "years only in the Japanese era, two values in one cell, spaces inside words\n"
    "(開　会), machine-dependent characters (①). Each finding names its rule\n"
    "and a fix. Without -k the columns are not checked against a schema.\n"
    "\n"
    "  -f, --from FORMAT      input format (default: by extension, else detected)\n"
    "  -k, --kind KIND        also validate against this schema\n"
    "      --encoding ENC     input encoding (default: detected)\n"
    "      --limit-errors N   print at most N findings per file (default 1000)\n"
    "  -q, --quiet            print findings only, no summary lines\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example: planconv lint export.csv\n");

static const char usage_schema[] = N_(
    "Usage: planconv schema list\n"
    "       planconv schema show KIND [--as table-schema|json-schema|xsd|markdown]\n"
    "       planconv schema show --schema FILE [--as ...]\n"
    "List the bundled schemas, or print one (or your own descriptor FILE) as a\n"
    "Frictionless Table Schema (the default), a JSON Schema of the JSON output, an\n"
    "XML Schema of the XML output, or a Markdown table for documentation pages.\n");

static const char usage_formats[] = N_(
    "Usage: planconv formats\n"
    "List the formats with their file extensions and whether they can be read\n"
    "and written.\n");

/* `usage` starts with "Usage: planconv CMD": its first line names the
 * command for the hint. */
static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fputs("planconv: ", stderr);
    fprintf(stderr, gettext(fmt), arg); /* fmt is the whole message when arg is NULL */
    const char *cmd = usage + strlen("Usage: planconv ");
    int n = usage == usage_main ? 0 : (int)strcspn(cmd, " \n") + 1;
    fprintf(stderr, gettext("\nTry 'planconv %.*s--help'.\n"), n, cmd);
    return 2;
}

enum {
    OPT_SCHEMA = 256,
    OPT_ENCODING,
    OPT_EXCEL,
    OPT_KEEP_INVALID,
    OPT_MAX_FIELD,
    OPT_LIMIT_ERRORS,
    OPT_AS,
    OPT_REPORT,
    OPT_FORMAT,
    OPT_ALL_OR_NOTHING,
    OPT_DATAPACKAGE,
    OPT_LOG_FORMAT,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_STRICT,
    OPT_FIX,
    OPT_KEEP_TEXT,
    OPT_LINT,
    OPT_MEETING_ID,
    OPT_NO_SPLIT_SLASH,
    OPT_SHEET,
    OPT_NO_PIVOT,
    OPT_FILL_DOWN,
    OPT_NO_FILL_DOWN,
    OPT_WIDE,
    OPT_GZIP_LEVEL
};

static const struct option long_options[] = {
    {"from", required_argument, 0, 'f'},
    {"to", required_argument, 0, 't'},
    {"kind", required_argument, 0, 'k'},
    {"output", required_argument, 0, 'o'},
    {"output-dir", required_argument, 0, 'O'},
    {"jobs", required_argument, 0, 'j'},
    {"all-or-nothing", no_argument, 0, OPT_ALL_OR_NOTHING},
    {"datapackage", no_argument, 0, OPT_DATAPACKAGE},
    {"log-format", required_argument, 0, OPT_LOG_FORMAT},
    {"progress", no_argument, 0, OPT_PROGRESS},
    {"no-progress", no_argument, 0, OPT_NO_PROGRESS},
    {"schema", required_argument, 0, OPT_SCHEMA},
    {"encoding", required_argument, 0, OPT_ENCODING},
    {"excel", no_argument, 0, OPT_EXCEL},
    {"keep-invalid", no_argument, 0, OPT_KEEP_INVALID},
    {"max-field-size", required_argument, 0, OPT_MAX_FIELD},
    {"limit-errors", required_argument, 0, OPT_LIMIT_ERRORS},
    {"as", required_argument, 0, OPT_AS},
    {"report", required_argument, 0, OPT_REPORT},
    {"format", required_argument, 0, OPT_FORMAT},
    {"strict", no_argument, 0, OPT_STRICT},
    {"fix", no_argument, 0, OPT_FIX},
    {"keep-text", no_argument, 0, OPT_KEEP_TEXT},
    {"lint", no_argument, 0, OPT_LINT},
    {"meeting-id", required_argument, 0, OPT_MEETING_ID},
    {"no-split-slash", no_argument, 0, OPT_NO_SPLIT_SLASH},
    {"sheet", required_argument, 0, OPT_SHEET},
    {"no-pivot", no_argument, 0, OPT_NO_PIVOT},
    {"fill-down", no_argument, 0, OPT_FILL_DOWN},
    {"no-fill-down", no_argument, 0, OPT_NO_FILL_DOWN},
    {"wide", no_argument, 0, OPT_WIDE},
    {"gzip-level", required_argument, 0, OPT_GZIP_LEVEL},
    {"verbose", no_argument, 0, 'v'},
    {"quiet", no_argument, 0, 'q'},
    {"help", no_argument, 0, 'h'},
    {0, 0, 0, 0},
};

struct cli {
    struct pc_options opt;
    const char *output, *as;
    int quiet;
    const char *outdir; /* -O */
    unsigned long jobs;
    bool all_or_nothing, datapackage, log_json, batch_option;
    int progress;       /* -1 on a terminal (the default), 0 never, 1 always */
    struct pc_progress bar;
    uint64_t bar_bytes;
    unsigned long bar_records;
    int json_stdout; /* --format json: the report on standard output */
    const char *report_path;
    struct pc_run_report *report; /* NULL without --report */
    struct timespec start;
    struct { char rule[32]; unsigned long n; } rules[24]; /* normalizations by rule */
    size_t nrules;
    unsigned long normalized;
    /* opt.format_options, from --sheet, --meeting-id ...: "FORMAT:KEY=VALUE" */
    const char *fopts[8];
    char fopt_text[7][512];
    size_t nfopts;
    bool wide;
};

/* Sets "FORMAT:KEY=VALUE" in opt.format_options, a repeated one replaced. */
static void set_format_option(struct cli *c, const char *format, const char *key,
                              const char *value)
{
    char prefix[64];
    int n = snprintf(prefix, sizeof prefix, "%s:%s=", format, key);
    size_t i = 0;
    while (i < c->nfopts && strncmp(c->fopt_text[i], prefix, (size_t)n) != 0) i++;
    if (i == sizeof c->fopt_text / sizeof c->fopt_text[0]) return; /* more than the flags give */
    snprintf(c->fopt_text[i], sizeof c->fopt_text[i], "%s%s", prefix, value);
    c->fopts[i] = c->fopt_text[i];
    if (i == c->nfopts) c->fopts[++c->nfopts] = NULL;
    c->opt.format_options = c->fopts;
}

/* Counts a normalization under its rule; false past the limit of listed ones. */
static bool count_normalization(struct cli *c, const struct pc_error *e)
{
    const char *rule = e->rule ? e->rule : "other";
    unsigned long limit = c->opt.limit_errors ? c->opt.limit_errors : 1000;
    size_t i = 0;
    while (i < c->nrules && strcmp(c->rules[i].rule, rule) != 0) i++;
    if (i == c->nrules && i < sizeof c->rules / sizeof c->rules[0]) {
        snprintf(c->rules[i].rule, sizeof c->rules[i].rule, "%s", rule);
        c->nrules++;
    }
    if (i < c->nrules) c->rules[i].n++;
    return ++c->normalized <= limit;
}

/* One line at the end: how many values were normalized, by rule. */
static void print_normalized(const struct cli *c)
{
    if (!c->normalized) return;
    fprintf(stderr, gettext("planconv: %lu value%s normalized ("), c->normalized,
            c->normalized == 1 ? "" : "s");
    for (size_t i = 0; i < c->nrules; i++)
        fprintf(stderr, "%s%s %lu", i ? ", " : "", c->rules[i].rule, c->rules[i].n);
    fprintf(stderr, ")%s\n", c->opt.verbose ? "" : gettext("; -v lists each, --strict refuses them"));
}

static void on_error(void *ud, const struct pc_error *e)
{
    struct cli *c = ud;
    pc_progress_clear(&c->bar);
    pc_cli_print_error(stderr, c->opt.verbose, e);
    bool normalized = e->code == PC_OK && e->type && strcmp(e->type, "normalized") == 0;
    if (normalized && !count_normalization(c, e)) return;
    if (c->report && pc_run_report_error(c->report, e)) {
        fputs("planconv: out of memory for the report\n", stderr);
        exit(2);
    }
}

static const char *option_name(int ch)
{
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == ch) return o->name;
    return "?";
}

/* `allowed` is a space-separated list of long option names. */
static int option_allowed(const char *allowed, int ch)
{
    for (const struct option *o = long_options; o->name; o++) {
        if (o->val != ch) continue;
        size_t n = strlen(o->name);
        for (const char *p = allowed; (p = strstr(p, o->name)); p += n)
            if ((p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
    }
    return 0;
}

static int parse_count(const char *arg, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (!*arg || *end || arg[0] == '-') return -1;
    *out = v;
    return 0;
}

/* Parses options shared by the commands; `allowed` lists the short and
 * long options the command takes. Returns -1 to go on, else an exit code. */
static int parse_options(int argc, char **argv, const char *usage, const char *allowed,
                         struct cli *c)
{
    c->opt.on_error = on_error;
    c->opt.ud = c;
    optind = 1;
    opterr = 0;
    int ch;
    c->progress = -1;
    while ((ch = getopt_long(argc, argv, "f:t:k:o:O:j:vqh", long_options, NULL)) != -1) {
        if (ch == 'h') {
            fputs(gettext(usage), stdout);
            return 0;
        }
        if (ch == '?')
            return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
        if (!option_allowed(allowed, ch))
            return usage_error(usage, "option --%s does not apply to this command",
                               option_name(ch));
        unsigned long n;
        switch (ch) {
        case 'f': c->opt.from = optarg; break;
        case 't': c->opt.to = optarg; break;
        case 'k': c->opt.kind = optarg; break;
        case 'o': c->output = optarg; break;
        case 'O': c->outdir = optarg; break;
        case OPT_ALL_OR_NOTHING: c->all_or_nothing = c->batch_option = true; break;
        case OPT_DATAPACKAGE: c->datapackage = c->batch_option = true; break;
        case OPT_PROGRESS: c->progress = 1; break;
        case OPT_NO_PROGRESS: c->progress = 0; break;
        case 'j':
            if (parse_count(optarg, &n) || n == 0 || n > 1024)
                return usage_error(usage, "--jobs takes a number from 1 to 1024, not \"%s\"",
                                   optarg);
            c->jobs = n;
            c->batch_option = true;
            break;
        case OPT_LOG_FORMAT:
            c->batch_option = true;
            if (strcmp(optarg, "json") == 0)
                c->log_json = true;
            else if (strcmp(optarg, "text") != 0)
                return usage_error(usage, "--log-format takes text or json, not \"%s\"", optarg);
            break;
        case 'v': c->opt.verbose = 1; break;
        case 'q': c->quiet = 1; break;
        case OPT_SCHEMA: c->opt.schema_file = optarg; break;
        case OPT_ENCODING: c->opt.encoding = optarg; break;
        case OPT_EXCEL: c->opt.excel = 1; break;
        case OPT_KEEP_INVALID: c->opt.keep_invalid = 1; break;
        case OPT_STRICT: c->opt.strict = 1; break;
        case OPT_FIX: c->opt.fix = 1; break;
        case OPT_KEEP_TEXT: c->opt.keep_text = 1; break;
        case OPT_LINT: c->opt.lint = 1; break;
        case OPT_SHEET: set_format_option(c, "xlsx", "sheet", optarg); break;
        case OPT_MEETING_ID: set_format_option(c, "minutes-text", "meeting-id", optarg); break;
        case OPT_NO_SPLIT_SLASH: set_format_option(c, "outline-text", "split-slash", "no"); break;
        case OPT_NO_PIVOT: set_format_option(c, "reshape", "pivot", "no"); break;
        case OPT_FILL_DOWN: set_format_option(c, "reshape", "fill-down", "always"); break;
        case OPT_NO_FILL_DOWN: set_format_option(c, "reshape", "fill-down", "never"); break;
        case OPT_WIDE: c->wide = true; break;
        case OPT_AS: c->as = optarg; break;
        case OPT_REPORT: c->report_path = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                c->json_stdout = 1;
            else if (strcmp(optarg, "text") != 0)
                return usage_error(usage, "--format takes text or json, not \"%s\"", optarg);
            break;
        case OPT_MAX_FIELD:
            if (parse_count(optarg, &n) || n == 0)
                return usage_error(usage, "--max-field-size takes a number of bytes, not \"%s\"",
                                   optarg);
            c->opt.max_field_size = n;
            break;
        case OPT_GZIP_LEVEL:
            if (parse_count(optarg, &n) || n < 1 || n > 9)
                return usage_error(usage, "--gzip-level takes a number from 1 to 9, not \"%s\"",
                                   optarg);
            c->opt.gzip_level = (int)n;
            break;
        case OPT_LIMIT_ERRORS:
            if (parse_count(optarg, &n) || n == 0)
                return usage_error(usage, "--limit-errors takes a positive number, not \"%s\"",
                                   optarg);
            c->opt.limit_errors = n;
            break;
        }
    }
    /* the wide writer is an option of the output format: known once -t is */
    if (c->wide && c->opt.to) set_format_option(c, c->opt.to, "wide", "yes");
    if (c->wide && !c->opt.to) {
        set_format_option(c, "csv", "wide", "yes");
        set_format_option(c, "tsv", "wide", "yes");
    }
    return -1;
}

static int start_report(struct cli *c)
{
    clock_gettime(CLOCK_MONOTONIC, &c->start);
    if (c->json_stdout) c->quiet = 1;
    if (!c->report_path && !c->json_stdout) return 0;
    c->report = pc_run_report_new();
    if (c->report) return 0;
    fputs("planconv: out of memory\n", stderr);
    return 2;
}

/* After each file: the errors past --limit-errors are only counted. */
static void file_done(struct cli *c, const char *input, const char *output,
                      const struct pc_stats *st, pc_status s)
{
    unsigned long limit = c->opt.limit_errors ? c->opt.limit_errors : 1000;
    if (st->errors > limit)
        fprintf(stderr, "%s: ... and %lu more errors\n", input, st->errors - limit);
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
    if (s == PC_OK && c->json_stdout) s = pc_run_report_write(c->report, "-", code == 0, seconds);
    pc_run_report_free(c->report);
    c->report = NULL;
    if (s == PC_OK) return code;
    fprintf(stderr, "planconv: cannot write the report %s: %s\n", c->report_path, pc_strerror(s));
    return 2;
}

static const char *plural(unsigned long n)
{
    return n == 1 ? "" : "s";
}

static void report_choice(const char *input, const struct pc_stats *st)
{
    fprintf(stderr, "%s: read as %s (%s), kind %s", input, st->format_in ? st->format_in : "?",
            st->encoding ? st->encoding : "?", st->kind ? st->kind : "?");
    if (st->format_out) fprintf(stderr, ", written as %s", st->format_out);
    fprintf(stderr, "; %lu record%s\n", st->records, plural(st->records));
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

/* convert -O DIR INPUT... */
static int convert_batch(struct cli *c, int argc, char **argv)
{
    if (c->output) return usage_error(usage_convert, "give -o FILE or -O DIR, not both", NULL);
    if (!c->opt.to)
        return usage_error(usage_convert, "with -O DIR, give the output format with -t FORMAT", NULL);
    const char *ext = format_extension(c->opt.to);
    if (!ext)
        return usage_error(usage_convert, "unknown output format \"%s\"; see 'planconv formats'",
                           c->opt.to);
    if (c->all_or_nothing && c->opt.keep_invalid)
        return usage_error(usage_convert, "--all-or-nothing and --keep-invalid contradict", NULL);
    if (argc - optind < 1) return usage_error(usage_convert, "give at least one INPUT", NULL);
    struct pc_batch_config cfg = {.opt = c->opt, .outdir = c->outdir, .ext = ext,
                                  .jobs = c->jobs ? (unsigned)c->jobs : 1,
                                  .all_or_nothing = c->all_or_nothing,
                                  .datapackage = c->datapackage, .quiet = c->quiet,
                                  .log_json = c->log_json, .progress = c->progress,
                                  .report_path = c->report_path};
    return pc_batch_run(&cfg, argv + optind, (size_t)(argc - optind));
}

static int cmd_convert(int argc, char **argv)
{
    struct cli c = {0};
    int rc = parse_options(argc, argv, usage_convert,
                           "from to kind output verbose schema encoding excel keep-invalid "
                           "max-field-size limit-errors report strict fix keep-text output-dir "
                           "jobs all-or-nothing datapackage log-format quiet progress no-progress "
                           "sheet no-pivot fill-down no-fill-down wide gzip-level meeting-id no-split-slash",
                           &c);
    if (rc >= 0) return rc;
    if (c.outdir) return convert_batch(&c, argc, argv);
    if (c.batch_option)
        return usage_error(usage_convert, "--jobs, --all-or-nothing, --datapackage and --log-format need -O DIR", NULL);
    if (argc - optind != 1)
        return usage_error(usage_convert, "give exactly one INPUT (a file, or - for stdin), or -O DIR for several", NULL);
    if ((rc = start_report(&c))) return rc;
    pc_progress_init(&c.bar, c.progress, pc_progress_input_size(argv[optind]));
    if (c.bar.on) c.opt.on_progress = on_progress;
    struct pc_stats st;
    pc_status s = pc_convert_file(&c.opt, argv[optind], c.output, &st);
    pc_progress_end(&c.bar);
    if (c.opt.verbose) report_choice(argv[optind], &st);
    file_done(&c, argv[optind], s == PC_OK || c.opt.keep_invalid ? c.output : NULL, &st, s);
    if (!c.quiet) print_normalized(&c);
    return finish_report(&c, pc_exit_status(s));
}

static int validate_files(struct cli *c, int argc, char **argv);

static int cmd_validate(int argc, char **argv)
{
    struct cli c = {0};
    int rc = parse_options(argc, argv, usage_validate,
                           "from kind quiet verbose schema encoding max-field-size limit-errors "
                           "report format strict keep-text lint sheet no-pivot fill-down "
                           "no-fill-down meeting-id no-split-slash",
                           &c);
    if (rc >= 0) return rc;
    if (argc - optind < 1) return usage_error(usage_validate, "give at least one INPUT", NULL);
    return validate_files(&c, argc, argv);
}

static int cmd_lint(int argc, char **argv)
{
    struct cli c = {0};
    int rc = parse_options(argc, argv, usage_lint, "from kind quiet encoding limit-errors", &c);
    if (rc >= 0) return rc;
    if (argc - optind < 1) return usage_error(usage_lint, "give at least one INPUT", NULL);
    c.opt.lint = 1;
    if (!c.opt.kind) c.opt.kind = "table";
    return validate_files(&c, argc, argv);
}

/* Validates argv[optind..]: a summary line per file, the worst exit code. */
static int validate_files(struct cli *c, int argc, char **argv)
{
    int rc;
    if ((rc = start_report(c))) return rc;
    int worst = 0;
    for (int i = optind; i < argc; i++) {
        struct pc_stats st;
        pc_status s = pc_validate_file(&c->opt, argv[i], &st);
        file_done(c, argv[i], NULL, &st, s);
        int code = pc_exit_status(s);
        if (code > worst) worst = code;
        if (c->quiet) continue;
        if (code == 0)
            printf(gettext("%s: valid, %lu record%s (%s, %s)\n"), argv[i], st.records,
                   plural(st.records), st.kind, st.format_in);
        else if (code == 1)
            printf(gettext("%s: invalid, %lu error%s in %lu record%s (%s, %s)\n"), argv[i], st.errors,
                   plural(st.errors), st.records, plural(st.records), st.kind ? st.kind : "?",
                   st.format_in ? st.format_in : "?");
        else
            printf(gettext("%s: not checked (%s)\n"), argv[i], pc_strerror(s));
    }
    print_normalized(c);
    return finish_report(c, worst);
}

static int cmd_schema(int argc, char **argv)
{
    struct cli c = {0};
    int rc = parse_options(argc, argv, usage_schema, "as schema", &c);
    if (rc >= 0) return rc;
    const char *sub = optind < argc ? argv[optind] : NULL;
    if (sub && strcmp(sub, "list") == 0 && argc - optind == 1) {
        for (size_t i = 0; pc_schema_name(i); i++)
            printf("%-12s %s\n", pc_schema_name(i), pc_schema_title(i));
        return 0;
    }
    const char *as = c.as ? c.as : "table-schema";
    if (strcmp(as, "table-schema") && strcmp(as, "json-schema") && strcmp(as, "xsd") &&
        strcmp(as, "markdown"))
        return usage_error(usage_schema,
                           "--as takes table-schema, json-schema, xsd or markdown, not \"%s\"", as);
    if (sub && strcmp(sub, "show") == 0 && c.opt.schema_file && argc - optind == 1)
        return pc_exit_status(
            pc_schema_export_file(c.opt.schema_file, as, stdout, c.opt.on_error, c.opt.ud));
    if (sub && strcmp(sub, "show") == 0 && !c.opt.schema_file && argc - optind == 2) {
        pc_status s = pc_schema_export(argv[optind + 1], as, stdout);
        if (s == PC_EUSAGE)
            return usage_error(usage_schema, "unknown kind \"%s\"; see 'planconv schema list'",
                               argv[optind + 1]);
        return pc_exit_status(s);
    }
    return usage_error(usage_schema, "expected 'list' or 'show KIND'", NULL);
}

static int cmd_formats(int argc, char **argv)
{
    struct cli c = {0};
    int rc = parse_options(argc, argv, usage_formats, "", &c);
    if (rc >= 0) return rc;
    if (optind != argc) return usage_error(usage_formats, "formats takes no arguments", NULL);
    const char *name;
    const char *const *ext;
    int r, w;
    printf("%-8s %-5s %-6s %s\n", "FORMAT", "READ", "WRITE", "EXTENSIONS");
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++) {
        printf("%-8s %-5s %-6s", name, r ? "yes" : "no", w ? "yes" : "no");
        for (; *ext; ext++) printf(" .%s", *ext);
        printf("\n");
    }
    return 0;
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

int main(int argc, char **argv)
{
    init_messages(argv[0]);
    /* a closed pipe (planconv ... | head) ends the run quietly */
    signal(SIGPIPE, SIG_DFL);
    if (argc < 2) {
        fputs(gettext(usage_main), stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(gettext(usage_main), stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("planconv %s\n", PLANCONV_VERSION);
        return 0;
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {{"convert", cmd_convert}, {"validate", cmd_validate}, {"lint", cmd_lint},
                    {"schema", cmd_schema}, {"formats", cmd_formats}, {"serve", pc_cli_serve}};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
    return usage_error(usage_main, "unknown command \"%s\"", cmd);
}
