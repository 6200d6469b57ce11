/* Atomic output files: write elsewhere, then rename over the target. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pc_status io_error(struct pc_errsink *sink, const char *path, const char *what)
{
    struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = path};
    return pc_report(sink, &e, "cannot %s: %s", what, strerror(errno));
}

/* "DIR/.planconv-PID-XXXXXX" for the target's folder; caller frees. The
 * process id lets a signal handler (or a later run) tell its own
 * temporary files from another process's. */
static char *temp_name(const char *path)
{
    char *copy = strdup(path);
    if (!copy) return NULL;
    const char *dir = dirname(copy);
    size_t n = strlen(dir) + 48;
    char *name = malloc(n);
    if (name) snprintf(name, n, "%s/" PC_TEMP_PREFIX "%ld-XXXXXX", dir, (long)getpid());
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

/* The descriptor a name stands for: /dev/stdout, /dev/stderr, /dev/fd/N,
 * /proc/self/fd/N or /proc/PID/fd/N of this process; -1 for any other. */
static int descriptor_name(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0) return 1;
    if (strcmp(path, "/dev/stderr") == 0) return 2;
    char own[32];
    snprintf(own, sizeof own, "/proc/%ld/fd/", (long)getpid());
    const char *rest = strncmp(path, "/dev/fd/", 8) == 0          ? path + 8
                       : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                       : strncmp(path, own, strlen(own)) == 0     ? path + strlen(own)
                                                                  : NULL;
    if (!rest || !*rest) return -1;
    char *end;
    long fd = strtol(rest, &end, 10);
    return *end || fd < 0 || fd > INT_MAX ? -1 : (int)fd;
}

/* Follows the symlinks of `path` (as the kernel would, at most 40) to the
 * name to write; *fd gets the descriptor when a link names one of ours
 * (-1 if none). Caller frees the name; NULL on ENOMEM or ELOOP. */
static char *follow_links(const char *path, int *fd)
{
    char *cur = strdup(path);
    for (int hops = 0; cur && hops < 40; hops++) {
        if ((*fd = descriptor_name(cur)) >= 0) return cur;
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) return cur; /* not a link (or not there yet): the target */
        link[n] = '\0';
        char *next;
        if (link[0] == '/') {
            next = strdup(link);
        } else { /* relative to the link's folder */
            char *copy = strdup(cur);
            const char *dir = copy ? dirname(copy) : NULL;
            size_t len = dir ? strlen(dir) + (size_t)n + 2 : 0;
            next = dir ? malloc(len) : NULL;
            if (next) snprintf(next, len, "%s/%s", dir, link);
            free(copy);
        }
        free(cur);
        cur = next;
    }
    if (cur) errno = ELOOP;
    free(cur);
    return NULL;
}

/* Writes in place: the descriptor, or the device or pipe itself. */
static pc_status open_direct(struct pc_outfile *f, int fd, struct pc_errsink *sink)
{
    f->direct = true;
    f->fd = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : open(f->target, O_WRONLY | O_CLOEXEC);
    return f->fd < 0 ? io_error(sink, f->path, "open the output") : PC_OK;
}

static void release(struct pc_outfile *f)
{
    free(f->tmp);
    f->tmp = NULL;
    free(f->target);
    f->target = NULL;
}

static pc_status open_target(struct pc_outfile *f, const char *path, struct pc_errsink *sink)
{
    int fd;
    if (!(f->target = follow_links(path, &fd)))
        return errno == ELOOP ? io_error(sink, path, "follow the output's links") : PC_ENOMEM;
    struct stat sb;
    if (fd >= 0 || (stat(f->target, &sb) == 0 && !S_ISREG(sb.st_mode)))
        return open_direct(f, fd, sink);
    char *dir_copy = strdup(f->target);
    if (!dir_copy) return PC_ENOMEM;
    f->fd = open(dirname(dir_copy), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(dir_copy);
    if (f->fd >= 0) {
        f->anonymous = true;
        return PC_OK;
    }
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        return io_error(sink, path, "create the output");
    if (!(f->tmp = temp_name(f->target))) return PC_ENOMEM;
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) return io_error(sink, path, "create the output");
    fchmod(f->fd, 0666 & ~current_umask());
    return PC_OK;
}

pc_status pc_outfile_open(struct pc_outfile *f, const char *path, struct pc_errsink *sink)
{
    *f = (struct pc_outfile){.fd = -1, .path = path};
    pc_status st = open_target(f, path, sink);
    if (st) release(f); /* nothing is open: the caller neither commits nor aborts */
    return st;
}

/* Gives the anonymous file a hidden name beside the target. */
static int name_anonymous(struct pc_outfile *f)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", f->fd);
    if (!(f->tmp = temp_name(f->target))) return -1;
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
    pc_status st = PC_OK;
    if (f->direct) {
        if (close(f->fd) != 0) st = io_error(sink, f->path, "write the output");
        f->fd = -1;
        release(f);
        return st;
    }
    /* on disk before the rename, so a crash never shows a renamed empty file */
    if (fsync(f->fd) != 0) st = io_error(sink, f->path, "write the output");
    if (!st && f->anonymous && name_anonymous(f) != 0)
        st = io_error(sink, f->path, "name the output");
    if (close(f->fd) != 0 && !st) st = io_error(sink, f->path, "write the output");
    f->fd = -1;
    if (!st && rename(f->tmp, f->target) != 0)
        st = io_error(sink, f->path, "move the output into place");
    if (st && f->tmp) unlink(f->tmp);
    release(f);
    return st;
}

void pc_outfile_abort(struct pc_outfile *f)
{
    if (f->fd >= 0) close(f->fd);
    f->fd = -1;
    if (f->tmp) unlink(f->tmp);
    release(f);
}

/* ---- sweeping temporaries (async-signal-safe: system calls only) ---- */

struct dirent64_raw { /* what getdents64(2) fills */
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

/* The process id at the start of s (digits, then a dash); -1 if none. */
static long leading_pid(const char *s)
{
    long pid = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9' && p - s < 10; p++)
        pid = pid * 10 + (*p - '0');
    return p > s && *p == '-' ? pid : -1;
}

static bool has_prefix(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++) return false;
    return true;
}

/* Calls fn(dirfd, name, arg) for each entry of the open folder dirfd. */
static void each_entry(int dirfd, void (*fn)(int, const char *, long), long arg)
{
    char buf[4096] __attribute__((aligned(8)));
    for (;;) {
        long n = syscall(SYS_getdents64, dirfd, buf, sizeof buf);
        if (n <= 0) return;
        for (long at = 0; at < n;) {
            struct dirent64_raw *d = (struct dirent64_raw *)(buf + at);
            at += d->reclen;
            if (d->name[0] == '.' && (!d->name[1] || (d->name[1] == '.' && !d->name[2]))) continue;
            fn(dirfd, d->name, arg);
        }
    }
}

static void unlink_entry(int dirfd, const char *name, long unused)
{
    (void)unused;
    unlinkat(dirfd, name, 0);
}

/* Removes a staging folder: the files in it, then itself. */
static void remove_staging(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    each_entry(fd, unlink_entry, 0);
    close(fd);
    unlinkat(dirfd, name, AT_REMOVEDIR);
}

static void sweep_entry(int dirfd, const char *name, long pid)
{
    if (has_prefix(name, PC_STAGING_PREFIX)) {
        long owner = leading_pid(name + sizeof PC_STAGING_PREFIX - 1);
        bool gone = owner > 0 && kill((pid_t)owner, 0) != 0 && errno == ESRCH;
        if (owner > 0 && (pid ? owner == pid : gone)) remove_staging(dirfd, name);
    } else if (pid && has_prefix(name, PC_TEMP_PREFIX) &&
               leading_pid(name + sizeof PC_TEMP_PREFIX - 1) == pid) {
        unlinkat(dirfd, name, 0);
    }
}

void pc_temp_sweep(const char *dir, long pid)
{
    int saved = errno;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        each_entry(fd, sweep_entry, pid);
        close(fd);
    }
    errno = saved;
}
