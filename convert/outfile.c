/* Atomic output files: write elsewhere, then rename over the target. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static pc_status io_error(struct pc_errsink *sink, const char *path, const char *what)
{
    struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = path};
    return pc_report(sink, &e, "cannot %s: %s", what, strerror(errno));
}

/* "DIR/.planconv-XXXXXX" for the target's folder; caller frees. */
static char *temp_name(const char *path)
{
    char *copy = strdup(path);
    if (!copy) return NULL;
    const char *dir = dirname(copy);
    size_t n = strlen(dir) + 32;
    char *name = malloc(n);
    if (name) snprintf(name, n, "%s/.planconv-XXXXXX", dir);
    free(copy);
    return name;
}

/* The process umask, read without changing it (umask() would race with
 * other threads creating files). */
static mode_t current_umask(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    unsigned mask = 022;
    char line[128];
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Umask: %o", &mask) == 1) break;
    if (f) fclose(f);
    return (mode_t)mask;
}

pc_status pc_outfile_open(struct pc_outfile *f, const char *path, struct pc_errsink *sink)
{
    *f = (struct pc_outfile){.fd = -1, .path = path};
    char *dir_copy = strdup(path);
    if (!dir_copy) return PC_ENOMEM;
    f->fd = open(dirname(dir_copy), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(dir_copy);
    if (f->fd >= 0) {
        f->anonymous = true;
        return PC_OK;
    }
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        return io_error(sink, path, "create the output");
    if (!(f->tmp = temp_name(path))) return PC_ENOMEM;
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        pc_status st = io_error(sink, path, "create the output");
        free(f->tmp);
        f->tmp = NULL;
        return st;
    }
    fchmod(f->fd, 0666 & ~current_umask());
    return PC_OK;
}

/* Gives the anonymous file a hidden name beside the target. */
static int name_anonymous(struct pc_outfile *f)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", f->fd);
    if (!(f->tmp = temp_name(f->path))) return -1;
    for (int tries = 0; tries < 100; tries++) {
        char *x = strrchr(f->tmp, '-') + 1;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        unsigned r = (unsigned)ts.tv_nsec ^ (unsigned)getpid() * 2654435761u ^ (unsigned)tries;
        snprintf(x, 7, "%06x", r & 0xFFFFFF);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) == 0) return 0;
        if (errno != EEXIST) break;
    }
    free(f->tmp);
    f->tmp = NULL;
    return -1;
}

pc_status pc_outfile_commit(struct pc_outfile *f, struct pc_errsink *sink)
{
    /* on disk before the rename, so a crash never shows a renamed empty file */
    pc_status st = PC_OK;
    if (fsync(f->fd) != 0) st = io_error(sink, f->path, "write the output");
    if (!st && f->anonymous && name_anonymous(f) != 0)
        st = io_error(sink, f->path, "name the output");
    if (close(f->fd) != 0 && !st) st = io_error(sink, f->path, "write the output");
    f->fd = -1;
    if (!st && rename(f->tmp, f->path) != 0)
        st = io_error(sink, f->path, "move the output into place");
    if (st && f->tmp) unlink(f->tmp);
    free(f->tmp);
    f->tmp = NULL;
    return st;
}

void pc_outfile_abort(struct pc_outfile *f)
{
    if (f->fd >= 0) close(f->fd);
    f->fd = -1;
    if (f->tmp) unlink(f->tmp);
    free(f->tmp);
    f->tmp = NULL;
}
