/* planconv convert -O DIR: many inputs, each converted into DIR on worker
 * threads, with a summary, JSON log lines, one report and optionally a
 * datapackage.json. A client of the public API, like main.c. */
#ifndef PC_BATCH_H
#define PC_BATCH_H

#include "planconv.h"

#include <stdbool.h>
#include <stdio.h>

struct pc_batch_config {
    struct pc_options opt;   /* for every file; on_error, on_progress and ud are replaced */
    const char *outdir;
    const char *ext;         /* the output files' extension, without the dot */
    unsigned jobs;           /* worker threads, at least 1 */
    bool all_or_nothing;     /* write no file unless every file is valid */
    bool datapackage;        /* write DIR/datapackage.json */
    bool quiet;              /* errors only: no summary table */
    bool log_json;           /* one JSON line per file on stderr instead of text */
    int progress;            /* -1 when a terminal, 0 never, 1 always */
    const char *report_path; /* NULL: no report */
};

/* Runs the batch; returns the exit status (0, 1 or 2). */
int pc_batch_run(const struct pc_batch_config *cfg, char *const *inputs, size_t n);

/* Prints one error like a compiler: file:line:field: type: message.
 * Normalizations only when `verbose`. */
void pc_cli_print_error(FILE *out, int verbose, const struct pc_error *e);

#endif
