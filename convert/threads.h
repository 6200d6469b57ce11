/* A second thread for reading: the input's reader, and under it its
 * pc_istream (reading, gunzip, iconv, the UTF-8 check), runs in a thread
 * of its own, while the calling thread maps labels, casts, checks and
 * writes. Whoever calls the reader this makes sees what the reader itself
 * would show in one thread: the same records, the labels as of each
 * record, the reader's errors at their place among them (reported by the
 * calling thread), and the bytes read as of each record. */
#ifndef PC_THREADS_H
#define PC_THREADS_H

#include "../formats/format.h"

struct pc_thread_reader;

/* What the reading side (the pc_istream and the reader) reports to. Until
 * a thread reads, each error is passed on to `to` at once; after, it is
 * held with the record it came before and passed on when the caller
 * reaches that record, so `to` sees the one-thread sequence, counts it
 * and applies its limit as it would. */
struct pc_reader_sink {
    struct pc_errsink sink; /* give &sink to pc_istream_open and the reader */
    struct pc_errsink *to;
    struct pc_thread_reader *held; /* the thread holding errors; NULL: none */
};

/* `to` must outlive the reader sink. */
void pc_reader_sink_init(struct pc_reader_sink *rs, struct pc_errsink *to);

/* Puts a thread under *reader, which reports to rs->sink and reads `in`
 * (NULL for a format that opens its file itself): from the first call of
 * next(), the reader runs in that thread. *reader becomes the result, which
 * owns the reader it wraps and frees it with its ops->free (which stops and
 * joins the thread at once, however much is left to read), even on
 * failure (PC_ENOMEM), but when no memory could be had for it at all: then
 * *reader is left as it was. `watch_labels`: the reader may
 * change a label it handed out before (a JSON or XML key found to hold
 * child records), so each record's labels are compared, not only counted.
 * `prepare`, if not NULL, is run in the thread on each record's copy: work
 * on its values that needs no schema, taken off the caller's thread. */
typedef void (*pc_prepare_fn)(struct pc_batch *b, const struct pc_row *row);
pc_status pc_thread_reader_new(struct pc_reader **reader, struct pc_istream *in,
                               struct pc_reader_sink *rs, bool watch_labels, pc_prepare_fn prepare);

/* The input's bytes read (pc_istream_bytes_in) as of the record last handed
 * out, counted in the thread; r is a reader pc_thread_reader_new made. */
uint64_t pc_thread_reader_bytes_in(const struct pc_reader *r);

/* The threads one conversion reads with for pc_options.threads `asked`:
 * 1 or 2, 0 for the default: 2 when the machine has more than one core. */
int pc_reader_threads(int asked);

#endif
