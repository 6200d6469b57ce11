/* Output files that appear whole or not at all. */
#ifndef PC_OUTFILE_H
#define PC_OUTFILE_H

#include "../core/core.h"

/* The name of every temporary file planconv makes beside its outputs
 * starts with PC_TEMP_PREFIX, then the process id and a dash; a staging
 * folder (--all-or-nothing) with PC_STAGING_PREFIX, the id and a dash. */
#define PC_TEMP_PREFIX ".planconv-"
#define PC_STAGING_PREFIX ".planconv-batch-"

struct pc_outfile {
    int fd;
    const char *path;  /* the name as given, borrowed, for messages */
    char *target;      /* the file to replace: path with its symlinks followed */
    char *tmp;         /* named temporary file (fallback), or NULL */
    bool anonymous;    /* an O_TMPFILE file: nothing on disk has a name yet */
    bool direct;       /* a device, pipe or open descriptor, written in place */
};

/* Opens a file to become `path`. A symlink is followed to the file it
 * names, which is replaced (the link stays). A device or pipe (/dev/null,
 * a FIFO), and a name for one of the process's descriptors (/dev/stdout,
 * /proc/self/fd/N), are written in place: renaming over them would put a
 * plain file where they were. Any other output is written where the file
 * system allows to an anonymous file (O_TMPFILE), so a killed run leaves
 * nothing behind; else to a hidden temporary file beside the target.
 * Errors go to `sink`; pc_outfile_commit or _abort frees what it holds. */
pc_status pc_outfile_open(struct pc_outfile *f, const char *path, struct pc_errsink *sink);

/* Syncs and closes the file, and puts it in place of `path` atomically
 * (written in place: closes it). */
pc_status pc_outfile_commit(struct pc_outfile *f, struct pc_errsink *sink);

/* Closes and drops the file: `path` is left as it was (unless written
 * in place). */
void pc_outfile_abort(struct pc_outfile *f);

/* Removes from the folder `dir` the temporary files and staging folders
 * (with what they hold) of the process `pid`; with pid 0, the staging
 * folders of processes that no longer run (a run killed with SIGKILL or
 * by a crash leaves its staging folder; the next run in that folder
 * removes it). Only system calls, no allocation: safe in a signal
 * handler. */
void pc_temp_sweep(const char *dir, long pid);

#endif
