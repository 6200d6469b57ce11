/* What the files of the command line share. */
#ifndef PC_CLI_H
#define PC_CLI_H

#include "planconv.h"

#include <stdbool.h>
#include <stdio.h>

/* N_ marks text for xgettext; it is translated where it is printed. */
#define N_(s) s

/* What the user can do, in the command line's terms: the text that
 * follows the message of an error with this hint ("" for none),
 * translated. */
const char *pc_cli_hint(enum pc_hint hint);

/* Prints one error like a compiler: file:line:field: type: message, then
 * its hint. Normalizations only when `verbose`. */
void pc_cli_print_error(FILE *out, int verbose, const struct pc_error *e);

/* convert -O DIR INPUT...: what the command line adds to the engine. */
struct pc_cli_batch {
    struct pc_options opt;   /* on_error, on_progress and ud are replaced */
    const char *outdir;
    const char *ext;         /* the output files' extension, without the dot */
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

#endif
