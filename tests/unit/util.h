/* Helpers for the unit tests: temporary files and readers over them. */
#ifndef PC_TEST_UTIL_H
#define PC_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/format.h"

/* Collects reported errors as "line:type:message\n" lines. */
struct collected {
    char text[8192];
    size_t len;
};

static inline void collect_error(void *ud, const struct pc_error *e)
{
    struct collected *c = ud;
    if (e->severity == PC_SEV_INFO) return; /* facts for reports, not findings */
    int n = snprintf(c->text + c->len, sizeof c->text - c->len, "%lu:%s:%s\n", e->line, e->type,
                     e->message);
    if (n > 0 && (size_t)n < sizeof c->text - c->len) c->len += (size_t)n;
}

/* Writes bytes to a new temporary file; caller unlinks and frees the path. */
static inline char *temp_file(const void *data, size_t n)
{
    char *path = strdup("/tmp/pc-unit-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
    return path;
}

/* Everything a reader test needs, opened over bytes. */
struct fixture {
    char *path;
    struct collected errs;
    struct pc_errsink sink;
    struct pc_istream *in;
    struct pc_reader *reader;
    struct pc_dialect dialect; /* the defaults unless a test changes them before opening */
};

/* Opens with f->dialect as the test has set it (pc_dialect_init first). */
static inline pc_status open_reader_as(struct fixture *f, const char *format, const void *data,
                                       size_t n, const char *encoding)
{
    f->path = temp_file(data, n);
    f->sink = (struct pc_errsink){.fn = collect_error, .ud = &f->errs};
    pc_status st = pc_istream_open(f->path, encoding, &f->sink, &f->in);
    if (st) return st;
    struct pc_read_ctx ctx = {.in = f->in, .sink = &f->sink, .max_field_size = 1 << 20,
                              .dialect = &f->dialect};
    return pc_format_by_name(format)->reader_new(&ctx, &f->reader);
}

static inline pc_status open_reader(struct fixture *f, const char *format, const void *data,
                                    size_t n, const char *encoding)
{
    memset(f, 0, sizeof *f);
    pc_dialect_init(&f->dialect);
    return open_reader_as(f, format, data, n, encoding);
}

static inline void close_reader(struct fixture *f)
{
    if (f->reader) f->reader->ops->free(f->reader);
    pc_istream_free(f->in);
    unlink(f->path);
    free(f->path);
}

/* The text of cell i of a record (must be a scalar). */
static inline const char *cell_text(const struct pc_record *r, size_t i)
{
    static char buf[4096];
    const struct pc_value *v = &pc_record_cell(r, i)->v;
    snprintf(buf, sizeof buf, "%.*s", (int)v->len, pc_value_text(r->batch, v));
    return buf;
}

#endif
