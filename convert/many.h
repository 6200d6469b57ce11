/* Many inputs converted into one folder: each on its own by pc_convert_file,
 * on worker threads, optionally all or nothing, optionally described by a
 * datapackage.json. Library code: it prints nothing, and tells its caller
 * what happens through the callbacks below (the command line prints the
 * summary table, the log lines and the progress bar from them). */
#ifndef PC_MANY_H
#define PC_MANY_H

#include "planconv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* One input as the engine reports it. The strings and the error list
 * belong to the engine and live until pc_many_run returns. */
struct pc_many_file {
    const char *input;
    const char *output; /* DIR/NAME */
    struct pc_stats st;
    pc_status status;
    const char *result; /* ok, invalid, error, skipped */
    bool written;       /* a file of this run is at `output` */
    double seconds;
    const char *first_error;       /* "line N: message", NULL if none */
    const struct pc_error *errors; /* in the order reported; normalizations past
                                    * limit_errors are left out, as they wait in memory */
    size_t nerrors;
    char hash[65]; /* sha256 of the output, with datapackage */
    uint64_t out_bytes;
};

struct pc_many_callbacks {
    void *ud;
    /* A problem of the run rather than of one file (the folder, a rename,
     * datapackage.json, names that collide); on the calling thread.
     * Code PC_EUSAGE when the arguments were at fault. */
    void (*on_error)(void *ud, const struct pc_error *e);
    /* What file number `file` has read so far; on its worker thread. */
    void (*on_progress)(void *ud, size_t file, uint64_t bytes_in, unsigned long records);
    /* A file is converted; called in input order, one call at a time, so
     * the output of a run does not depend on the number of jobs. With
     * all_or_nothing its result may still change to skipped or error. */
    void (*on_file)(void *ud, size_t file, const struct pc_many_file *f);
    /* The run is over and every file is where it stays. */
    void (*on_done)(void *ud, const struct pc_many_file *files, size_t n);
};

struct pc_many_config {
    struct pc_options opt; /* for every file; on_error, on_progress and ud are replaced */
    const char *outdir;
    const char *ext;     /* the output files' extension, without the dot */
    unsigned jobs;       /* worker threads, at least 1 */
    bool all_or_nothing; /* write no file unless every file is valid */
    bool datapackage;    /* write DIR/datapackage.json */
    struct pc_many_callbacks cb;
};

/* Converts inputs[0..n) into cfg->outdir. Returns the worst status: PC_OK,
 * PC_INVALID when a file is invalid, else the first error's status. */
pc_status pc_many_run(const struct pc_many_config *cfg, char *const *inputs, size_t n);

/* Writes DIR/datapackage.json (replaced atomically) describing the files
 * this run wrote; nothing if none was. `schema_file` is the user's own
 * schema (kind "custom"), or NULL. Returns 0, or -1 with errno set. */
int pc_datapackage_write(const char *outdir, const char *schema_file,
                         const struct pc_many_file *files, size_t n);

/* Writes s as a JSON string: quotes, backslashes and control characters
 * escaped; NULL as "". */
void pc_json_put_string(FILE *out, const char *s);

/* DIR/NAME; caller frees; NULL when out of memory. */
char *pc_path_join(const char *dir, const char *name);

#endif
