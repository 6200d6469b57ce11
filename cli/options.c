/* The option table and what is made from it: getopt_long's array, each
 * command's --help, the man page's OPTIONS section and the bash
 * completion (the last two are committed in docs/ and completion/, and a
 * test fails when they differ from what this file generates). */
#include "cli.h"

#include <getopt.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>

#define C PC_CMD_CONVERT
#define V PC_CMD_VALIDATE
#define L PC_CMD_LINT
#define S PC_CMD_SCHEMA
#define I PC_CMD_INFER

const struct pc_cli_option pc_cli_options[] = {
    {"from", 'f', "FORMAT", 'f', C | V | L | I,
     N_("input format (default: by extension, else detected)"), NULL, "@read"},
    {"to", 't', "FORMAT", 't', C, N_("output format (default: by the extension of -o)"), NULL,
     "@write"},
    {"kind", 'k', "KIND", 'k', C | V | L,
     N_("schema: plan-items, roadmap, minutes, or table for\n"
        "plain text columns (default: inferred from the header)"),
     "Schema: plan-items, roadmap, minutes, or table (plain columns named by the header).\n"
     "Default: inferred from the header or keys. (lint) Also validate against this schema.",
     "@kind"},
    {"schema", 0, "FILE", PC_OPT_SCHEMA, C | V | S, N_("use your own Table Schema descriptor"),
     "Use a Table Schema descriptor of your own.", NULL},
    {"output", 'o', "FILE", 'o', C | I,
     N_("write to FILE (default: standard output); FILE.gz is\n"
        "compressed; FILE appears only if the run succeeds"),
     "Write to FILE instead of standard output; FILE.gz is compressed.", NULL},
    {"gzip-level", 0, "N", PC_OPT_GZIP_LEVEL, C,
     N_("zlib level of FILE.gz output: 1 (fastest) to 9\n(smallest); default 6"),
     "(convert) zlib level 1\\-9 for .gz output (default 6).", "1 6 9"},
    {"output-dir", 'O', "DIR", 'O', C,
     N_("write each INPUT into DIR (created if missing), and\n"
        "print a summary table on standard error"),
     "(convert) Write each input into DIR (created if missing); needs \\fB\\-t\\fR.", "@dir"},
    {"jobs", 'j', "N", 'j', C | PC_CMD_SERVE,
     N_("with -O: convert N files at a time (default 1);\nserve: check N uploads at a time (default 2)"),
     "(convert \\-O) Convert N files at a time, on N threads (default 1). (serve) Check N uploads\n"
     "at a time, on N worker threads (default 2).",
     "1 2 4"},
    {"threads", 0, "N", PC_OPT_THREADS, C | V | L | I,
     N_("1: read and check on one thread; 2: a second thread\n"
        "reads and decodes the input (default: 2 on a machine\nof more than one core)"),
     "1 or 2. With 2, the default on a machine of more than one core, a second thread reads,\n"
     "decompresses, decodes and parses the input while the first checks and writes it; the\n"
     "output, the messages and the exit status are the same as with 1. Where files are converted\n"
     "at once (\\-\\-jobs above 1, and serve with several workers) each is read and checked on\n"
     "its job's one thread.",
     "1 2"},
    {"all-or-nothing", 0, NULL, PC_OPT_ALL_OR_NOTHING, C,
     N_("with -O: write no file unless every INPUT is valid"),
     "(convert \\-O) Write no file unless every input is valid. Files are converted into a hidden\n"
     "folder \\fIDIR\\fR/.planconv\\-batch\\-XXXXXX and renamed into \\fIDIR\\fR only when all "
     "are\n"
     "valid; a run killed before then leaves \\fIDIR\\fR as it was (the hidden folder may be\n"
     "deleted).",
     NULL},
    {"datapackage", 0, NULL, PC_OPT_DATAPACKAGE, C,
     N_("with -O: write DIR/datapackage.json (Frictionless)\ndescribing the files written"),
     "(convert \\-O) Write \\fIDIR\\fR/datapackage.json, a Frictionless Data Package with one\n"
     "resource per file written: path, format, mediatype, encoding, bytes, sha256 hash, row count\n"
     "(stats.rows) and Table Schema.",
     NULL},
    {"log-format", 0, "FMT", PC_OPT_LOG_FORMAT, C,
     N_("with -O: text (the default) or json: one JSON line per\nfile on standard error, for "
        "log collectors"),
     "(convert \\-O) With json, one JSON object per file on standard error instead of the\n"
     "messages and the summary: file, kind, records, errors, warnings, output, status (ok,\n"
     "invalid, error, skipped), seconds and first_error.",
     "text json"},
    {"quiet", 'q', NULL, 'q', C | V | L,
     N_("print errors only: no warnings, no count of\nnormalized values, no summary"),
     "(validate, convert, lint) Print errors only: no warnings (not even their count by\n"
     "type), no count of normalized values, no summary lines or table. The exit status and\n"
     "any \\-\\-report file are the same as without it.", NULL},
    {"progress", 0, NULL, PC_OPT_PROGRESS, C, N_("show a progress bar even when not a terminal"),
     "(convert) Draw the progress bar (bytes read, records a second, time left) on standard\n"
     "error even when it is not a terminal; by default it is drawn on a terminal when the\n"
     "inputs total over 4 MiB.",
     NULL},
    {"no-progress", 0, NULL, PC_OPT_NO_PROGRESS, C,
     N_("no progress bar (shown on a terminal for inputs over\n4 MiB)"),
     "(convert) Never draw the progress bar.", NULL},
    {"dialect", 0, "FILE", PC_OPT_DIALECT, C | V | L | I,
     N_("a Table Dialect descriptor: delimiter, quoteChar,\nheaderRows, commentChar ... "
        "(v1 or v2)"),
     "A Table Dialect descriptor (Frictionless CSV Dialect v1 or Table Dialect v2): delimiter,\n"
     "lineTerminator, quoteChar, doubleQuote, escapeChar, nullSequence, skipInitialSpace, header,\n"
     "headerRows, headerJoin, commentChar, commentRows, caseSensitiveHeader, itemType, property,\n"
     "sheetNumber, sheetName. What it says wins over detection; a property planconv cannot\n"
     "apply is refused.",
     NULL},
    {"header-rows", 0, "LIST", PC_OPT_HEADER_ROWS, C | V | L | I,
     N_("the header's rows: 2 (rows above are skipped), or\n1,2 (joined into one label each)"),
     "The rows of the header, as the dialect's headerRows: \\fB2\\fR (the header is row 2;\n"
     "the rows above it are skipped, each with a warning) or \\fB1,2\\fR (a two\\-row header,\n"
     "each label the parts joined with a space; merged cells of .xlsx are filled first).",
     "1 2 3 1,2"},
    {"sample-rows", 0, "N", PC_OPT_SAMPLE_ROWS, I,
     N_("infer: read at most N records (default 10000)"),
     "(infer) Infer from at most N records (default 10000).", "1000 10000"},
    {"dialect-out", 0, "FILE", PC_OPT_DIALECT_OUT, I,
     N_("infer: also write the dialect read (encoding,\ndelimiter, header rows) to FILE"),
     "(infer) Also write the Table Dialect the file was read with (delimiter, header rows;\n"
     "the encoding as x\\-encoding) to \\fIFILE\\fR, atomically.",
     NULL},
    {"enums", 0, NULL, PC_OPT_ENUMS, I,
     N_("infer: suggest an enum constraint for columns of few\ndistinct values"),
     "(infer) Give an enum constraint to text columns with at most 10 distinct values over\n"
     "at least 20 records.",
     NULL},
    {"encoding", 0, "ENC", PC_OPT_ENCODING, C | V | L | I,
     N_("input encoding: utf-8, cp932, shift_jis, euc-jp\n(default: detected)"),
     "Input encoding: utf-8, cp932, shift_jis, euc-jp. Default: detected.",
     "utf-8 cp932 shift_jis euc-jp"},
    {"excel", 0, NULL, PC_OPT_EXCEL, C, N_("CSV for Excel: UTF-8 with BOM and CRLF line ends"),
     NULL, NULL},
    {"keep-invalid", 0, NULL, PC_OPT_KEEP_INVALID, C,
     N_("write the valid records even if some are invalid"),
     "Write the valid records even when some are invalid (the exit status is still 1).", NULL},
    {"max-field-size", 0, "N", PC_OPT_MAX_FIELD, C | V | I,
     N_("refuse fields larger than N bytes (default 16 MiB)"), NULL, NULL},
    {"limit-errors", 0, "N", PC_OPT_LIMIT_ERRORS, C | V | L,
     N_("print at most N errors per file (default 1000)"),
     "Print at most N errors per file (default 1000), then a count of the rest.", NULL},
    {"report", 0, "FILE", PC_OPT_REPORT, C | V,
     N_("write a JSON report of the run (Frictionless shape);\nFILE.html: a web page of it "
        "instead"),
     "Write a Frictionless-shaped JSON report of the run (docs/report.schema.json), with one "
     "entry\n"
     "per input under \"files\". A FILE ending in .html gets a self-contained web page instead:\n"
     "summary, files, errors grouped by field with the offending cells, an anchor per line with\n"
     "errors (\\fIFILE\\fR.html#L\\fIsource\\fR:\\fIline\\fR) and the normalizations.",
     NULL},
    {"format", 0, "FMT", PC_OPT_FORMAT, V,
     N_("text (summary lines, the default) or json (the report\non standard output instead)"),
     "(validate) Print summary lines, or the JSON report on standard output.", "text json"},
    {"strict", 0, NULL, PC_OPT_STRICT, C | V,
     N_("refuse every normalization (和暦 dates, full-width\ndigits, derived periods ...) as an "
        "error"),
     "Refuse every normalization (和暦 dates, full-width digits, derived periods) as an error.",
     NULL},
    {"fix", 0, NULL, PC_OPT_FIX, C,
     N_("replace machine-dependent characters (①, ㈱, ㍻)\nwith their standard spellings"),
     "(convert) Replace machine-dependent characters (①, ㈱, ㍻) by their standard spellings.",
     NULL},
    {"normalize", 0, "RULES", PC_OPT_NORMALIZE, C | V | L,
     N_("ja: read Japanese forms (和暦, 年度, full-width digits,\n"
        "half-width kana, 機種依存文字) under any schema"),
     "Turn on every Japanese normalization rule (\\fBja\\fR: era dates, fiscal years, full-width\n"
     "digits, half-width kana, machine-dependent characters) whatever the schema's x-normalize says.",
     "ja"},
    {"keep-text", 0, NULL, PC_OPT_KEEP_TEXT, C | V,
     N_("leave text fields as read (no half-width kana folding)"), NULL, NULL},
    {"lint", 0, NULL, PC_OPT_LINT, V, N_("also check machine-readability (see 'planconv lint')"),
     "(validate) Also check machine-readability; see the \\fBlint\\fR command.", NULL},
    {"sheet", 0, "NAME|N", PC_OPT_SHEET, C | V | I,
     N_(".xlsx input: the sheet to read (default: the first)"),
     "(.xlsx input) The sheet to read by name or 1-based number (default: the first).", NULL},
    {"meeting-id", 0, "ID", PC_OPT_MEETING_ID, C | V,
     N_("minutes text: the meeting's id (default: name-date)"),
     "(minutes text) The meeting's id; default: the body's name and the date.", NULL},
    {"no-split-slash", 0, NULL, PC_OPT_NO_SPLIT_SLASH, C | V,
     N_("outline text: keep ／ lists as text, not one item each"),
     "(outline text) Keep items listed with ／ on one line as description text instead of one\n"
     "item each.",
     NULL},
    {"no-pivot", 0, NULL, PC_OPT_NO_PIVOT, C | V,
     N_("keep a wide sheet (one column per fiscal year) as read\n"
        "instead of turning it into one record per year cell"),
     "Keep a wide roadmap sheet (one column per fiscal year: 2021年度, 令和3年度, FY2021 ...) as\n"
     "read instead of turning each non-empty year cell into one record.",
     NULL},
    {"fill-down", 0, NULL, PC_OPT_FILL_DOWN, C | V,
     N_("fill empty key cells from the row above (merged cells)\n"
        "also in long sheets (default: when a wide sheet is\npivoted)"),
     "Fill empty key cells from the row above (Excel merged cells), with a warning per row.\n"
     "Default: on when a wide sheet is pivoted.",
     NULL},
    {"no-fill-down", 0, NULL, PC_OPT_NO_FILL_DOWN, C | V,
     N_("never fill empty key cells from the row above"),
     "Never fill empty key cells, not even when a wide sheet is pivoted.", NULL},
    {"wide", 0, NULL, PC_OPT_WIDE, C,
     N_("with -t csv or tsv: write wide, one row per measure and\n"
        "one column per fiscal year (2021年度 ...)"),
     "(convert, \\fB\\-t csv\\fR or \\fBtsv\\fR) Write roadmaps wide: one row per measure, one "
     "column\n"
     "per fiscal year.",
     NULL},
    {"format-option", 'X', "FORMAT:KEY=VALUE", 'X', C | V,
     N_("an option of one format, e.g. xlsx:sheet=2 (repeatable)"),
     "An option of one format or step, as FORMAT:KEY=VALUE; may be repeated. \\-\\-sheet,\n"
     "\\-\\-meeting\\-id, \\-\\-no\\-split\\-slash, \\-\\-wide, \\-\\-no\\-pivot and "
     "\\-\\-fill\\-down are\n"
     "short for xlsx:sheet=, minutes\\-text:meeting\\-id=, outline\\-text:split\\-slash=no,\n"
     "csv:wide=yes (or tsv), reshape:pivot=no and reshape:fill\\-down=always|never.",
     NULL},
    {"as", 0, "EXPORT", PC_OPT_AS, S,
     N_("table-schema (the default), json-schema, xsd or markdown"),
     "(schema show) table-schema, json-schema, xsd or markdown.",
     "table-schema json-schema xsd markdown"},
    {"verbose", 'v', NULL, 'v', C | V,
     N_("say which format, encoding and kind were chosen, and\nlist every warning and normalized value"),
     "(convert, validate) Say which format, encoding and kind were used, and print every\n"
     "warning and every normalized value on a line of its own (without it, one line per\n"
     "type of warning and one count of normalized values by rule).",
     NULL},
    {"port", 'p', "N", 'p', PC_CMD_SERVE, N_("TCP port (default 8080; 0: any free port)"),
     "(serve) The TCP port to listen on (default 8080); 0 takes any free one. The URL is printed\n"
     "on standard output.",
     NULL},
    {"bind", 0, "ADDR", PC_OPT_BIND, PC_CMD_SERVE,
     N_("IPv4 or IPv6 address to listen on (default 127.0.0.1:\nthis machine only)"),
     "(serve) The IPv4 or IPv6 address to listen on (default 127.0.0.1: this machine only).",
     NULL},
    {"max-upload", 0, "BYTES", PC_OPT_MAX_UPLOAD, PC_CMD_SERVE,
     N_("refuse larger uploads with 413 (default 100M; K, M, G)"),
     "(serve) Refuse uploads (file and schema together) larger than BYTES with 413; K, M or G may\n"
     "follow (default 100M).",
     NULL},
    {"queue", 0, "N", PC_OPT_QUEUE, PC_CMD_SERVE,
     N_("uploads that may wait for a worker; more get 503\n(default 64)"),
     "(serve) How many uploads may wait for a worker (default 64); one more is answered 503.",
     NULL},
    {"timeout", 0, "SECONDS", PC_OPT_TIMEOUT, PC_CMD_SERVE,
     N_("for an idle connection, a whole upload and a wait in\nthe queue (default 60)"),
     "(serve) The limit, in seconds, of an idle connection, of a whole upload and of a wait in the\n"
     "queue (default 60).",
     NULL},
    {"version", 'V', NULL, 'V', PC_CMD_ALL, N_("print the version and exit"), NULL, NULL},
    {"help", 'h', NULL, 'h', PC_CMD_ALL, N_("show this help"), "Show the command's help.", NULL},
    {NULL, 0, NULL, 0, 0, NULL, NULL, NULL},
};

#undef C
#undef V
#undef L
#undef S
#undef I

const char pc_cli_usage_main[] =
    N_("Usage: planconv COMMAND [OPTIONS] ...\n"
       "Convert and validate Japanese government plan datasets (plan items, roadmaps,\n"
       "minutes) between CSV, TSV, JSON, JSON Lines and XML; read Excel .xlsx, minutes\n"
       "text and plan outline text.\n"
       "\n"
       "Commands:\n"
       "  convert    convert files from one format to another, validating them\n"
       "  validate   check files against their schema\n"
       "  schema     list the bundled schemas or show one\n"
       "  lint       check tables for machine-readability (機械判読)\n"
       "  infer      write a Table Schema for a table nobody described yet\n"
       "  formats    list the formats planconv reads and writes\n"
       "  serve      a web page and an HTTP API for checking and converting files\n"
       "  help       this help, or 'planconv help COMMAND' for a command's\n"
       "\n"
       "  -V, --version  print the version and exit\n"
       "\n"
       "Run 'planconv COMMAND --help' for a command's options.\n"
       "Exit status: 0 success, 1 invalid data, 2 usage or I/O error.\n");

const struct pc_cli_command pc_cli_commands[] = {
    {"convert", PC_CMD_CONVERT,
     N_("Usage: planconv convert [OPTIONS] INPUT|-\n"
        "       planconv convert -t FORMAT -O DIR [OPTIONS] INPUT...\n"
        "Convert INPUT (a file, or - for standard input) to another format. The data is\n"
        "validated on the way; if it is invalid nothing is written (exit status 1).\n"
        "With -O, each INPUT becomes DIR/NAME.FORMAT (NAME: its name without .gz and\n"
        "its extension); invalid files are not written, the others are (exit status 1).\n"
        "With -O and one datapackage.json, each of its resources is converted into DIR\n"
        "and DIR/datapackage.json describes them.\n"),
     N_("Examples: planconv convert -t json samples/plan-items.csv\n"
        "          planconv convert -t json -O out --jobs 4 --datapackage exports/*.csv\n")},
    {"validate", PC_CMD_VALIDATE,
     N_("Usage: planconv validate [OPTIONS] INPUT...\n"
        "Check each INPUT against its schema and print one summary line per file.\n"
        "A datapackage.json is a Data Package: each of its resources is checked with\n"
        "its own schema, dialect, encoding, bytes, hash and foreign keys.\n"),
     N_("Example: planconv validate samples/*.csv\n")},
    {"lint", PC_CMD_LINT,
     N_("Usage: planconv lint [OPTIONS] INPUT...\n"
        "Check tables for what makes them hard for programs to read, after the\n"
        "government's rules for machine-readable tables: a title row above the\n"
        "header, blank rows, merged-cell remnants, units in numeric cells (100件),\n"
        "years only in the Japanese era, two values in one cell, spaces inside words\n"
        "(開　会), machine-dependent characters (①). Each finding names its rule\n"
        "and a fix. Without -k the columns are not checked against a schema.\n"),
     N_("Example: planconv lint export.csv\n")},
    {"schema", PC_CMD_SCHEMA,
     N_("Usage: planconv schema list\n"
        "       planconv schema show KIND [--as table-schema|json-schema|xsd|markdown]\n"
        "       planconv schema show --schema FILE [--as ...]\n"
        "List the bundled schemas, or print one (or your own descriptor FILE) as a\n"
        "Frictionless Table Schema (the default), a JSON Schema of the JSON output, an\n"
        "XML Schema of the XML output, or a Markdown table for documentation pages.\n"),
     NULL},
    {"infer", PC_CMD_INFER,
     N_("Usage: planconv infer [OPTIONS] INPUT\n"
        "Read a sample of INPUT and print a Table Schema for it: names from the header\n"
        "(Japanese headers kept, with a title), the most specific type every value fits\n"
        "(integer, number, boolean, date, datetime, time, year; codes with leading zeros\n"
        "stay strings), required when no value is missing, unique when none repeats,\n"
        "x-normalize when 和暦 dates or full-width digits are seen. The schema validates\n"
        "the file it came from: planconv validate --schema SCHEMA INPUT.\n"),
     N_("Example: planconv infer -o schema.json --dialect-out dialect.json table.csv\n")},
    {"formats", PC_CMD_FORMATS,
     N_("Usage: planconv formats\n"
        "List the formats with their file extensions and whether they can be read\n"
        "and written.\n"),
     NULL},
    {"serve", PC_CMD_SERVE,
     N_("Usage: planconv serve [OPTIONS]\n"
        "Serve a web page for checking and converting files, and an HTTP API for\n"
        "portals (POST /api/validate, POST /api/convert; see /api/openapi.json).\n"
        "Uploads are kept in anonymous temporary files only while they are checked.\n"),
     N_("Example: planconv serve --port 8080 --jobs 4\n")},
    {NULL, 0, NULL, NULL},
};

struct option *pc_cli_long_options(char *shortopts, size_t size)
{
    size_t n = 0, k = 0;
    while (pc_cli_options[n].name)
        n++;
    struct option *o = calloc(n + 1, sizeof *o);
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) {
        const struct pc_cli_option *p = &pc_cli_options[i];
        o[i] = (struct option){p->name, p->arg ? required_argument : no_argument, NULL, p->id};
        if (p->letter && k + 3 < size) {
            shortopts[k++] = (char)p->letter;
            if (p->arg) shortopts[k++] = ':';
        }
    }
    shortopts[k] = '\0';
    return o;
}

const struct pc_cli_option *pc_cli_option_of(int id)
{
    for (const struct pc_cli_option *p = pc_cli_options; p->name; p++)
        if (p->id == id) return p;
    return NULL;
}

/* Roff: a '-' is a hyphen unless escaped. */
static void put_roff(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '-') fputc('\\', out);
        fputc(*s, out);
    }
}

/* The formats that can be read (`write` false) or written, between `sep`;
 * `roff` escapes them for the man page. */
static void put_formats(FILE *out, bool write, const char *sep, bool roff)
{
    const char *name;
    const char *const *ext;
    int r, w;
    bool first = true;
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++) {
        if (!(write ? w : r)) continue;
        fputs(first ? "" : sep, out);
        if (roff)
            put_roff(out, name);
        else
            fputs(name, out);
        first = false;
    }
}

/* "@read" or "@write": the argument is a format name. */
static bool is_format_list(const char *values)
{
    return values && (strcmp(values, "@read") == 0 || strcmp(values, "@write") == 0);
}

enum { HELP_COLUMN = 25 };

void pc_cli_print_help(FILE *out, const struct pc_cli_command *cmd)
{
    fputs(gettext(cmd->usage), out);
    fputc('\n', out);
    for (const struct pc_cli_option *p = pc_cli_options; p->name; p++) {
        if (!(p->commands & cmd->bit)) continue;
        char head[64];
        char letter[8] = "    ";
        if (p->letter) snprintf(letter, sizeof letter, "-%c, ", p->letter);
        int n = snprintf(head, sizeof head, "  %s--%s%s%s", letter, p->name, p->arg ? " " : "",
                         p->arg ? p->arg : "");
        fputs(head, out);
        if (n >= HELP_COLUMN - 1)
            fprintf(out, "\n%*s", HELP_COLUMN, "");
        else
            fprintf(out, "%*s", HELP_COLUMN - n, "");
        for (const char *s = gettext(p->help); *s; s++) {
            fputc(*s, out);
            if (*s == '\n') fprintf(out, "%*s", HELP_COLUMN, "");
        }
        fputc('\n', out);
        if (is_format_list(p->values)) {
            fprintf(out, "%*s", HELP_COLUMN, "");
            fputs(gettext("FORMAT: "), out);
            put_formats(out, strcmp(p->values, "@write") == 0, ", ", false);
            fputc('\n', out);
        }
    }
    if (cmd->examples) {
        fputc('\n', out);
        fputs(gettext(cmd->examples), out);
    }
}

void pc_cli_print_man_options(FILE *out)
{
    fputs(".SH OPTIONS\n", out);
    for (const struct pc_cli_option *p = pc_cli_options; p->name; p++) {
        fputs(".TP\n", out);
        if (p->letter) {
            fprintf(out, ".BR \\-%c \", \" \\-\\-", p->letter);
            put_roff(out, p->name);
            if (p->arg) fprintf(out, " \" \" \\fI%s\\fR", p->arg);
        } else if (p->arg) {
            fputs(".BI \\-\\-", out);
            put_roff(out, p->name);
            fprintf(out, " \" %s\"", p->arg);
        } else {
            fputs(".B \\-\\-", out);
            put_roff(out, p->name);
        }
        fputc('\n', out);
        if (p->man) {
            fputs(p->man, out);
        } else {
            /* the help text as a sentence: capital first, lines joined */
            for (const char *s = p->help; *s; s++) {
                if (*s == '-') fputc('\\', out);
                fputc(s == p->help && *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A'
                      : *s == '\n'                           ? ' '
                                                             : *s,
                      out);
            }
            fputc('.', out);
        }
        if (is_format_list(p->values)) {
            fputs(strcmp(p->values, "@write") == 0 ? "\nWritten: " : "\nRead: ", out);
            put_formats(out, strcmp(p->values, "@write") == 0, ", ", true);
            fputc('.', out);
        }
        fputc('\n', out);
    }
}

/* The words offered after an option that takes an argument. */
static void put_values(FILE *out, const char *values)
{
    if (is_format_list(values)) {
        put_formats(out, strcmp(values, "@write") == 0, " ", false);
    } else if (strcmp(values, "@kind") == 0) {
        for (size_t i = 0; pc_schema_name(i); i++)
            fprintf(out, "%s ", pc_schema_name(i));
        fputs("table", out);
    } else {
        fputs(values, out);
    }
}

void pc_cli_print_completion(FILE *out)
{
    fputs("# bash completion for planconv; generated by 'planconv help --completion'\n"
          "_planconv() {\n"
          "    local cur prev cmd\n"
          "    cur=${COMP_WORDS[COMP_CWORD]}\n"
          "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    cmd=${COMP_WORDS[1]}\n"
          "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
          "        COMPREPLY=($(compgen -W \"",
          out);
    for (const struct pc_cli_command *c = pc_cli_commands; c->name; c++)
        fprintf(out, "%s ", c->name);
    fputs("help --help --version\" -- \"$cur\"))\n"
          "        return\n"
          "    fi\n"
          "    case $prev in\n",
          out);
    for (const struct pc_cli_option *p = pc_cli_options; p->name; p++) {
        if (!p->values) continue;
        fputs("        ", out);
        if (p->letter) fprintf(out, "-%c|", p->letter);
        fprintf(out, "--%s)\n            COMPREPLY=($(compgen ", p->name);
        if (strcmp(p->values, "@dir") == 0) {
            fputs("-d", out);
        } else {
            fputs("-W \"", out);
            put_values(out, p->values);
            fputc('"', out);
        }
        fputs(" -- \"$cur\"))\n            return ;;\n", out);
    }
    fputs("    esac\n"
          "    if [[ $cur == -* ]]; then\n"
          "        case $cmd in\n",
          out);
    for (const struct pc_cli_command *c = pc_cli_commands; c->name; c++) {
        fprintf(out, "            %s) COMPREPLY=($(compgen -W \"", c->name);
        bool first = true;
        for (const struct pc_cli_option *p = pc_cli_options; p->name; p++) {
            if (!(p->commands & c->bit)) continue;
            if (p->letter) fprintf(out, "%s-%c", first ? "" : " ", p->letter);
            fprintf(out, "%s--%s", first && !p->letter ? "" : " ", p->name);
            first = false;
        }
        fputs("\" -- \"$cur\")) ;;\n", out);
    }
    fputs("        esac\n"
          "    elif [ \"$cmd\" = schema ] && [ \"$COMP_CWORD\" -eq 2 ]; then\n"
          "        COMPREPLY=($(compgen -W \"list show\" -- \"$cur\"))\n"
          "    elif [ \"$cmd\" = help ] && [ \"$COMP_CWORD\" -eq 2 ]; then\n"
          "        COMPREPLY=($(compgen -W \"",
          out);
    for (const struct pc_cli_command *c = pc_cli_commands; c->name; c++)
        fprintf(out, "%s%s", c == pc_cli_commands ? "" : " ", c->name);
    fputs("\" -- \"$cur\"))\n"
          "    else\n"
          "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "    fi\n"
          "}\n"
          "complete -F _planconv planconv\n",
          out);
}
