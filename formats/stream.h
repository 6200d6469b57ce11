/* Byte streams under every format: files or stdin, gzip, and decoding of
 * the input to UTF-8; buffered output with optional gzip. Formats never
 * touch a file descriptor themselves. */
#ifndef PC_STREAM_H
#define PC_STREAM_H

#include "../core/core.h"

#include <string.h>
#include <zlib.h>

#define PC_CHUNK (256 * 1024)

struct pc_istream;

/* Opens `path` ("-" for stdin). `encoding` NULL detects it from the first
 * chunk: BOM, else valid UTF-8, else CP932, else EUC-JP. Errors go to
 * `sink`. Caller frees with pc_istream_free. */
pc_status pc_istream_open(const char *path, const char *encoding, struct pc_errsink *sink,
                          struct pc_istream **out);

/* The first decoded chunk, not consumed: for probing formats. */
pc_status pc_istream_peek(struct pc_istream *s, const char **p, size_t *n);

/* The next chunk of UTF-8 text, valid until the next call; *n == 0 at
 * the end. A decoding error is reported and returned as PC_INVALID. */
pc_status pc_istream_next(struct pc_istream *s, const char **p, size_t *n);

const char *pc_istream_encoding(const struct pc_istream *s);
/* Why that encoding, when it was guessed (translated); "" when given,
 * marked by a BOM or valid UTF-8. Valid while the stream is. */
const char *pc_istream_encoding_basis(const struct pc_istream *s);
uint64_t pc_istream_bytes_in(const struct pc_istream *s);
/* From now on reading waits for the input or for `fd` to be readable, and
 * once it is, gives up (PC_EIO, reported nowhere): a thread that reads for
 * another one is stopped so, even waiting on a pipe (convert/threads.c).
 * -1: never (the default). */
void pc_istream_stop_on(struct pc_istream *s, int fd);
void pc_istream_free(struct pc_istream *s);

/* Output: writers append into `buf` directly and call pc_ostream_flush
 * when it passes PC_CHUNK; errors are sticky and returned by close. */
struct pc_ostream {
    struct pc_buf buf;
    int fd;
    int gzip;
    z_stream z;
    pc_status status;
    int err_no;
};

/* Writes to `fd` (not closed by the stream); gzip compresses at `level`. */
pc_status pc_ostream_init(struct pc_ostream *o, int fd, int gzip, int level);
pc_status pc_ostream_flush(struct pc_ostream *o);
/* Flushes everything and ends the gzip member. Frees the buffers. */
pc_status pc_ostream_close(struct pc_ostream *o);
/* Frees the buffers without writing (a failed run). */
void pc_ostream_discard(struct pc_ostream *o);

/* The hot path of every writer: room is almost always there (the buffer
 * is flushed at PC_CHUNK and holds more), so the common case is a copy;
 * only growing goes out of line. The byte after the data stays NUL, as
 * pc_buf_append keeps it. */
static inline void pc_out_write(struct pc_ostream *o, const void *p, size_t n)
{
    struct pc_buf *b = &o->buf;
    if (__builtin_expect(b->cap - b->len > n, 1)) {
        memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    if (pc_buf_append(b, p, n)) o->status = PC_ENOMEM;
}

static inline void pc_out_byte(struct pc_ostream *o, char c)
{
    struct pc_buf *b = &o->buf;
    if (__builtin_expect(b->cap - b->len > 1, 1)) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    if (pc_buf_append(b, &c, 1)) o->status = PC_ENOMEM;
}

/* Room for n more bytes (and the NUL) at buf.data + buf.len, or NULL
 * (status set) when it cannot grow: write, then pc_out_commit. */
static inline char *pc_out_reserve(struct pc_ostream *o, size_t n)
{
    struct pc_buf *b = &o->buf;
    if (__builtin_expect(b->cap - b->len <= n, 0) && pc_buf_reserve(b, n + 1)) {
        o->status = PC_ENOMEM;
        return NULL;
    }
    return b->data + b->len;
}

static inline void pc_out_commit(struct pc_ostream *o, size_t n)
{
    o->buf.len += n;
    o->buf.data[o->buf.len] = '\0';
}

static inline void pc_out_str(struct pc_ostream *o, const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    pc_out_write(o, s, n);
}

static inline void pc_out_maybe_flush(struct pc_ostream *o)
{
    if (o->buf.len >= PC_CHUNK) pc_ostream_flush(o);
}

#endif
