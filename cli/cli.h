/* What the files of the command line share. */
#ifndef PC_CLI_H
#define PC_CLI_H

#include "planconv.h"

#include <stdbool.h>
#include <stdio.h>

/* N_ marks text for xgettext; it is translated where it is printed. */
#ifndef N_ /* core.h has the same, for the files that include both */
#define N_(s) s
#endif

/* What the user can do, in the command line's terms: the text that
 * follows the message of an error with this hint ("" for none),
 * translated. */
const char *pc_cli_hint(enum pc_hint hint);

/* Prints one error like a compiler: file:line:field: type: message, then
 * its hint. */
void pc_cli_print_error(FILE *out, const struct pc_error *e);

/* The columns `s` (UTF-8) takes on a terminal: 2 for each wide character
 * (East Asian Width W or F), 0 for combining marks, 1 for the rest. */
int pc_cli_width(const char *s);
/* Prints `s`, then spaces up to `width` columns (pad_left: spaces first). */
void pc_cli_pad(FILE *out, const char *s, int width);
void pc_cli_pad_left(FILE *out, const char *s, int width);

/* "FILE: ... and N more errors", past --limit-errors. */
void pc_cli_print_more_errors(FILE *out, const char *input, unsigned long more);

/* The warnings and normalizations of a run, counted (cli/tally.c). */
struct pc_cli_tally {
    bool verbose, quiet;
    struct { char name[32]; unsigned long n; } rules[24]; /* normalizations by rule */
    size_t nrules;
    unsigned long normalized;
    struct { char name[32]; unsigned long n; char first[512]; } warns[16]; /* by type */
    size_t nwarns;
};

/* Whether an error is printed on a line of its own as it comes: errors
 * always, warnings and normalizations only when verbose and not quiet. */
bool pc_cli_tally_shows(const struct pc_cli_tally *t, const struct pc_error *e);
/* Counts a warning (keeping its first line) or a normalization. */
void pc_cli_tally_add(struct pc_cli_tally *t, const struct pc_error *e);
/* False once more normalizations were counted than the reports list. */
bool pc_cli_tally_within_limit(const struct pc_cli_tally *t, unsigned long limit);
/* The lines at the end of a run: one per type of warning (not when
 * verbose: each was listed), one for the
 * normalizations by rule; nothing when quiet. */
void pc_cli_tally_print(const struct pc_cli_tally *t, FILE *out);

/* True (and says so) if the report path names one of paths[0..n) (NULL
 * entries and "-" are skipped): a report must never overwrite an input
 * or an output of its run. */
bool pc_cli_report_clashes(const char *report, char *const *paths, size_t n);

/* Prints why the report `path` ("-": standard output) was not written. */
void pc_cli_report_failed(const char *path, const char *why);

/* True (and says why) if what was printed to standard output did not all
 * get written (a full disk, /dev/full). */
bool pc_cli_stdout_failed(void);

/* Says why a file ended in `s` when the library had no message for it
 * (out of memory, an internal error); nothing for other statuses. */
void pc_cli_status_failed(const char *input, pc_status s);

/* Where O_TMPFILE is not available (NFS, SMB, vfat) temporary files have
 * names: on SIGINT, SIGTERM or SIGHUP those of this run beside `file`,
 * `report` and in `outdir` (each may be NULL or "-"), and its staging
 * folder, are removed before the signal ends the run. */
void pc_cli_guard_outputs(const char *file, const char *report, const char *outdir);

/* convert -O DIR INPUT...: what the command line adds to the engine. */
struct pc_cli_batch {
    struct pc_options opt; /* on_error, on_progress and ud are replaced */
    const char *outdir;
    const char *ext; /* the output files' extension, without the dot */
    unsigned jobs;
    bool all_or_nothing, datapackage;
    bool quiet;              /* errors only: no summary table */
    bool log_json;           /* one JSON line per file on stderr instead of text */
    int progress;            /* -1 when a terminal, 0 never, 1 always */
    const char *report_path; /* NULL: no report */
};

/* Runs the batch, printing its summary, log lines and progress; returns
 * the exit status (0, 1 or 2). */
int pc_cli_batch_run(const struct pc_cli_batch *cfg, char *const *inputs, size_t n);

/* The commands, as bits of pc_cli_option.commands. */
enum {
    PC_CMD_CONVERT = 1 << 0,
    PC_CMD_VALIDATE = 1 << 1,
    PC_CMD_LINT = 1 << 2,
    PC_CMD_SCHEMA = 1 << 3,
    PC_CMD_FORMATS = 1 << 4,
    PC_CMD_INFER = 1 << 5,
    PC_CMD_SERVE = 1 << 6,
    PC_CMD_ALL = (1 << 7) - 1
};

/* getopt values of the options without a short letter. */
enum {
    PC_OPT_SCHEMA = 256,
    PC_OPT_ENCODING,
    PC_OPT_EXCEL,
    PC_OPT_KEEP_INVALID,
    PC_OPT_MAX_FIELD,
    PC_OPT_LIMIT_ERRORS,
    PC_OPT_AS,
    PC_OPT_REPORT,
    PC_OPT_FORMAT,
    PC_OPT_ALL_OR_NOTHING,
    PC_OPT_DATAPACKAGE,
    PC_OPT_LOG_FORMAT,
    PC_OPT_PROGRESS,
    PC_OPT_NO_PROGRESS,
    PC_OPT_STRICT,
    PC_OPT_FIX,
    PC_OPT_KEEP_TEXT,
    PC_OPT_NORMALIZE,
    PC_OPT_LINT,
    PC_OPT_MEETING_ID,
    PC_OPT_NO_SPLIT_SLASH,
    PC_OPT_SHEET,
    PC_OPT_NO_PIVOT,
    PC_OPT_FILL_DOWN,
    PC_OPT_NO_FILL_DOWN,
    PC_OPT_WIDE,
    PC_OPT_GZIP_LEVEL,
    PC_OPT_DIALECT,
    PC_OPT_HEADER_ROWS,
    PC_OPT_SAMPLE_ROWS,
    PC_OPT_DIALECT_OUT,
    PC_OPT_ENUMS,
    PC_OPT_BIND,
    PC_OPT_MAX_UPLOAD,
    PC_OPT_QUEUE,
    PC_OPT_TIMEOUT,
    PC_OPT_THREADS
};

/* One option of the command line: this table drives getopt_long, each
 * command's --help, the man page's OPTIONS section and the bash
 * completion. */
struct pc_cli_option {
    const char *name;   /* long name */
    int letter;         /* short letter, 0 if none */
    const char *arg;    /* the argument's name, NULL if it takes none */
    int id;             /* what getopt_long returns: letter, else PC_OPT_* */
    unsigned commands;  /* PC_CMD_* bits of the commands that take it */
    const char *help;   /* --help text, N_(); lines after the first are indented */
    const char *man;    /* the man page's paragraph, roff; NULL: the help text */
    const char *values; /* completion: words for the argument; "@read", "@write",
                         * "@kind": from the library; "@dir": folders */
};

/* The table, ended by an entry with a NULL name. */
extern const struct pc_cli_option pc_cli_options[];

/* A command's name, the bit of its options, and its help around them. */
struct pc_cli_command {
    const char *name;
    unsigned bit;
    const char *usage;    /* N_(): synopsis and description, before the options */
    const char *examples; /* N_(): after the options, or NULL */
};

extern const struct pc_cli_command pc_cli_commands[]; /* ended by a NULL name */

/* The top-level help. */
extern const char pc_cli_usage_main[];

/* The getopt_long array and short-option string for every option; caller
 * frees the array with free(). */
struct option;
struct option *pc_cli_long_options(char *shortopts, size_t size);

/* The option of a getopt value, or NULL. */
const struct pc_cli_option *pc_cli_option_of(int id);

/* Prints a command's --help. */
void pc_cli_print_help(FILE *out, const struct pc_cli_command *cmd);

/* Prints the man page's OPTIONS section (from .SH OPTIONS to before the
 * next .SH), or the whole bash completion script. */
void pc_cli_print_man_options(FILE *out);
void pc_cli_print_completion(FILE *out);

#endif
