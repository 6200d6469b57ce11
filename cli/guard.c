/* What keeps a run from losing data: the report's path checked against
 * the files the run reads and writes, the reasons of failed writes, and
 * the temporary files removed when a signal ends the run. */
#include "convert/outfile.h"
#include "cli.h"

#include <errno.h>
#include <libgen.h>
#include <libintl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* A name for a file that may not be there yet: its folder resolved, then
 * its last part. Caller frees; NULL if the folder is not there. */
static char *canonical(const char *path)
{
    char *copy = strdup(path), *dir = copy ? realpath(dirname(copy), NULL) : NULL;
    free(copy);
    if (!dir) return NULL;
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    size_t n = strlen(dir) + strlen(base) + 2;
    char *out = malloc(n);
    if (out) snprintf(out, n, "%s/%s", dir, base);
    free(dir);
    return out;
}

/* True if a and b name one regular file: the same inode, or (for a file
 * not there yet) the same name once its folder is resolved. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
    if (ha && hb) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
    if (ha != hb) return false;
    char *ca = canonical(a), *cb = canonical(b);
    bool same = ca && cb ? strcmp(ca, cb) == 0 : strcmp(a, b) == 0;
    free(ca);
    free(cb);
    return same;
}

bool pc_cli_report_clashes(const char *report, char *const *paths, size_t n)
{
    if (!report || strcmp(report, "-") == 0) return false;
    for (size_t i = 0; i < n; i++) {
        if (!paths[i] || strcmp(paths[i], "-") == 0 || !same_file(report, paths[i])) continue;
        fprintf(stderr,
                gettext("planconv: the report %s would overwrite %s, which this run reads or "
                        "writes; give the report another name.\n"),
                report, paths[i]);
        return true;
    }
    return false;
}

void pc_cli_report_failed(const char *path, const char *why)
{
    if (strcmp(path, "-") == 0)
        fprintf(stderr, gettext("planconv: cannot write the report to standard output: %s.\n"),
                why);
    else
        fprintf(stderr, gettext("planconv: cannot write the report %s: %s.\n"), path, why);
}

bool pc_cli_stdout_failed(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout)) return false;
    fprintf(stderr, gettext("planconv: cannot write to standard output: %s.\n"),
            strerror(errno ? errno : EIO));
    return true;
}

void pc_cli_status_failed(const char *input, pc_status s)
{
    /* the library reports what it can name; running out of memory it cannot */
    if (s == PC_ENOMEM)
        fprintf(stderr, gettext("planconv: %s: out of memory; the run stopped.\n"), input);
    else if (s == PC_EINTERNAL)
        fprintf(stderr, gettext("planconv: %s: internal error; the run stopped.\n"), input);
}

/* The folders where this run may leave temporary files, for the signal
 * handler: process-wide, as signals are, and set before any is written. */
enum { MAX_GUARDED = 8 };
static struct {
    char *dirs[MAX_GUARDED];
    volatile sig_atomic_t n;
    long pid;
} guarded;

static void on_signal(int sig)
{
    for (sig_atomic_t i = 0; i < guarded.n; i++)
        pc_temp_sweep(guarded.dirs[i], guarded.pid);
    signal(sig, SIG_DFL);
    raise(sig); /* the exit status says which signal ended the run */
}

/* Adds a folder to sweep; NULL (no memory) is left out. */
static void guard_dir(char *dir)
{
    if (dir && guarded.n < MAX_GUARDED)
        guarded.dirs[guarded.n++] = dir;
    else
        free(dir);
}

/* The folder of path, and of the file it links to if it is a link. */
static void guard_file(const char *path)
{
    char *copy = strdup(path);
    if (copy) guard_dir(strdup(dirname(copy)));
    free(copy);
    char *real = realpath(path, NULL);
    if (real) guard_dir(strdup(dirname(real)));
    free(real);
}

void pc_cli_guard_outputs(const char *file, const char *report, const char *outdir)
{
    guarded.pid = (long)getpid();
    if (file && strcmp(file, "-") != 0) guard_file(file);
    if (report && strcmp(report, "-") != 0) guard_file(report);
    if (outdir) guard_dir(strdup(outdir));
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* a signal ignored by whoever started the run (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sigs[i], &sa, NULL);
    }
}
