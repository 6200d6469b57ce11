/* Output files that appear whole or not at all. */
#ifndef PC_OUTFILE_H
#define PC_OUTFILE_H

#include "../core/core.h"

struct pc_outfile {
    int fd;
    const char *path;  /* the target, borrowed */
    char *tmp;         /* named temporary file (fallback), or NULL */
    bool anonymous;    /* an O_TMPFILE file: nothing on disk has a name yet */
};

/* Opens a file to become `path`. Where the file system allows, it is
 * anonymous (O_TMPFILE), so a killed run leaves nothing behind; else a
 * hidden temporary file beside the target. Errors go to `sink`. */
pc_status pc_outfile_open(struct pc_outfile *f, const char *path, struct pc_errsink *sink);

/* Syncs and closes the file, and puts it in place of `path` atomically. */
pc_status pc_outfile_commit(struct pc_outfile *f, struct pc_errsink *sink);

/* Closes and drops the file: `path` is left as it was. */
void pc_outfile_abort(struct pc_outfile *f);

#endif
