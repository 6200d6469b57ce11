/* The progress bar. One line, redrawn in place with \r; erased before any
 * other message is printed and drawn again right after it, so it stays on
 * screen however many messages come; erased for good when the run ends. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

void pc_progress_init(struct pc_progress *p, int mode, uint64_t total)
{
    memset(p, 0, sizeof *p);
    p->total = total;
    p->on = mode == 1 || (mode < 0 && total >= PC_PROGRESS_MIN_BYTES && isatty(2));
    p->last = -1; /* the first update draws at once */
    pthread_mutex_init(&p->lock, NULL);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
}

uint64_t pc_progress_input_size(const char *path)
{
    struct stat sb;
    int rc = strcmp(path, "-") == 0 ? fstat(0, &sb) : stat(path, &sb);
    return rc == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
}

static void human_bytes(char *out, size_t size, double b)
{
    static const char *unit[] = {"B", "KB", "MB", "GB", "TB"};
    int i = 0;
    for (; b >= 1000 && i < 4; i++) b /= 1000;
    snprintf(out, size, i ? "%.1f %s" : "%.0f %s", b, unit[i]);
}

static void draw(struct pc_progress *p, double elapsed)
{
    uint64_t done = atomic_load(&p->done);
    unsigned long records = atomic_load(&p->records);
    double frac = p->total ? (double)done / (double)p->total : 0;
    if (frac > 1) frac = 1;
    enum { WIDTH = 24 };
    char bar[WIDTH + 1];
    int filled = (int)(frac * WIDTH);
    for (int i = 0; i < WIDTH; i++) bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    char got[32], all[32];
    human_bytes(got, sizeof got, (double)done);
    human_bytes(all, sizeof all, (double)p->total);
    double rate = elapsed > 0 ? (double)records / elapsed : 0;
    char speed[32];
    if (rate >= 1e6)
        snprintf(speed, sizeof speed, "%.1fM", rate / 1e6);
    else if (rate >= 1e4)
        snprintf(speed, sizeof speed, "%.0fk", rate / 1e3);
    else
        snprintf(speed, sizeof speed, "%.0f", rate);
    char eta[32] = "--:--";
    if (frac > 0.001 && elapsed > 0.2) {
        long left = (long)(elapsed * (1 - frac) / frac + 0.5);
        snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
    }
    fprintf(stderr, "\r[%s] %3d%% %s / %s  %s records/s  ETA %s\033[K", bar,
            (int)(frac * 100), got, all, speed, eta);
    fflush(stderr);
    p->drawn = true;
}

void pc_progress_add(struct pc_progress *p, uint64_t *seen, uint64_t bytes_now,
                     unsigned long *records_seen, unsigned long records_now)
{
    if (bytes_now > *seen) atomic_fetch_add(&p->done, bytes_now - *seen);
    if (records_now > *records_seen) atomic_fetch_add(&p->records, records_now - *records_seen);
    *seen = bytes_now > *seen ? bytes_now : *seen;
    *records_seen = records_now > *records_seen ? records_now : *records_seen;
    if (!p->on || pthread_mutex_trylock(&p->lock) != 0) return;
    double elapsed = since(&p->start);
    if (elapsed - p->last >= 0.2) {
        p->last = elapsed;
        draw(p, elapsed);
    }
    pthread_mutex_unlock(&p->lock);
}

void pc_progress_clear(struct pc_progress *p)
{
    if (!p->on || !p->drawn) return;
    fputs("\r\033[K", stderr);
    p->drawn = false;
}

void pc_progress_redraw(struct pc_progress *p)
{
    if (p->on && p->last >= 0) draw(p, since(&p->start));
}

void pc_progress_end(struct pc_progress *p)
{
    pthread_mutex_lock(&p->lock);
    pc_progress_clear(p);
    p->on = false;
    pthread_mutex_unlock(&p->lock);
    pthread_mutex_destroy(&p->lock);
}
