/* The progress bar on standard error: bytes read of the total, records a
 * second and the time left. Shared by the worker threads of a batch. */
#ifndef PC_PROGRESS_H
#define PC_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Inputs smaller than this together finish before a bar would help. */
#define PC_PROGRESS_MIN_BYTES (4u << 20)

struct pc_progress {
    bool on;
    uint64_t total;                 /* bytes of all inputs */
    _Atomic uint64_t done;          /* bytes read so far, all inputs */
    _Atomic unsigned long records;  /* records read so far, all inputs */
    pthread_mutex_t lock;           /* held while drawing */
    struct timespec start;
    double last;                    /* seconds since start at the last drawing */
    bool drawn;                     /* a bar is on screen */
};

/* mode: -1 a bar when standard error is a terminal and total is at least
 * PC_PROGRESS_MIN_BYTES; 0 never; 1 always. */
void pc_progress_init(struct pc_progress *p, int mode, uint64_t total);

/* Adds what one input read since its last call: `seen` is that input's
 * own count, kept by the caller (0 at its start). Redraws at most five
 * times a second. Thread-safe. */
void pc_progress_add(struct pc_progress *p, uint64_t *seen, uint64_t bytes_now,
                     unsigned long *records_seen, unsigned long records_now);

/* Erases the bar so a message can be printed; the next update redraws it.
 * Call with p->lock held or from the only thread. */
void pc_progress_clear(struct pc_progress *p);

/* Draws the bar again after a message, if it was drawn before (a run too
 * short for a first drawing stays without one). Same locking as
 * pc_progress_clear. */
void pc_progress_redraw(struct pc_progress *p);

/* Erases the bar for good. */
void pc_progress_end(struct pc_progress *p);

/* The size of an input if it is a regular file ("-": standard input), else 0. */
uint64_t pc_progress_input_size(const char *path);

#endif
