/* The reader thread (convert/threads.c) shows what the reader itself shows
 * in one thread: the same records, the labels as of each record and the
 * reader's errors at their place among them, counted and limited by the
 * sink as they would be; and it stops at once when the caller does. */
#include "util.h"

#include "convert/threads.h"

#include <pthread.h>
#include <time.h>

/* What a run shows, in order, one line each. */
static void log_error(void *ud, const struct pc_error *e)
{
    struct pc_buf *log = ud;
    pc_buf_printf(log, "error %s:%lu:%lu:%lu %s %s (%zu cells)\n", e->source, e->line, e->record,
                  e->row, e->type, e->message, e->ncells);
}

static void log_labels(struct pc_buf *log, struct pc_reader *r)
{
    const struct pc_label *l;
    size_t n = r->ops->labels(r, &l);
    pc_buf_printf(log, "labels");
    for (size_t i = 0; i < n; i++)
        pc_buf_printf(log, " %s@%lu:%lu%s", l[i].name, l[i].line, l[i].column,
                      l[i].container ? "+" : "");
    pc_buf_printf(log, "\n");
}

static void log_record(struct pc_buf *log, const struct pc_record *rec)
{
    pc_buf_printf(log, "record %lu:%lu%s", rec->line, rec->recno, rec->invalid ? " invalid" : "");
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *c = pc_record_cell(rec, i);
        pc_buf_printf(log, " %u=%u:", c->label, c->v.type);
        uint32_t n = c->v.type == PC_T_ARRAY ? c->v.len : 1;
        for (uint32_t k = 0; k < n; k++) {
            const struct pc_value *v =
                c->v.type == PC_T_ARRAY ? pc_value_item(rec->batch, &c->v, k) : &c->v;
            pc_buf_printf(log, "%s%.*s", k ? ";" : "", (int)v->len, pc_value_text(rec->batch, v));
        }
    }
    pc_buf_printf(log, "\n");
}

struct run {
    const char *format;
    const char *path;
    bool thread;
    unsigned long limit;   /* the sink's error limit; 0: none */
    unsigned long records; /* stop after this many; 0: read to the end */
    bool no_header;
};

/* The log of reading run->path; caller frees. */
static char *read_log(const struct run *run)
{
    struct pc_buf log = {0};
    struct pc_errsink sink = {.fn = log_error, .ud = &log, .source = "in", .limit = run->limit};
    struct pc_reader_sink rs;
    pc_reader_sink_init(&rs, &sink);
    struct pc_errsink *rsink = run->thread ? &rs.sink : &sink;
    struct pc_dialect d;
    pc_dialect_init(&d);
    d.header = !run->no_header;
    struct pc_istream *in;
    assert_int_equal(pc_istream_open(run->path, NULL, rsink, &in), PC_OK);
    struct pc_read_ctx ctx = {.in = in, .sink = rsink, .max_field_size = 1 << 20, .dialect = &d};
    const struct pc_format *f = pc_format_by_name(run->format);
    struct pc_reader *r;
    assert_int_equal(f->reader_new(&ctx, &r), PC_OK);
    if (run->thread)
        assert_int_equal(pc_thread_reader_new(&r, in, &rs, f->flags & PC_FORMAT_TREE, NULL), PC_OK);
    struct pc_record rec;
    pc_status st;
    unsigned long k = 0;
    while ((st = r->ops->next(r, &rec)) == PC_OK) {
        log_labels(&log, r);
        log_record(&log, &rec);
        uint64_t bytes = run->thread ? pc_thread_reader_bytes_in(r) : pc_istream_bytes_in(in);
        pc_buf_printf(&log, "bytes %llu\n", (unsigned long long)bytes);
        if (++k == run->records) break;
    }
    log_labels(&log, r);
    pc_buf_printf(&log, "end %d, %lu errors, %lu warnings\n", st, sink.errors, sink.warnings);
    r->ops->free(r);
    pc_istream_free(in);
    return log.data;
}

/* One thread and two give the same log; returns it (caller frees). */
static char *same_log(struct run *run)
{
    run->thread = false;
    char *one = read_log(run);
    run->thread = true;
    char *two = read_log(run);
    assert_string_equal(one, two);
    free(two);
    return one;
}

/* A plan-items-like CSV of `rows` rows: a total row (a reader warning)
 * every 997 rows, and a misplaced quote at row `bad` (0: none). */
static char *write_csv(unsigned long rows, unsigned long bad)
{
    struct pc_buf b = {0};
    pc_buf_printf(&b, "id,title,note\n");
    for (unsigned long i = 1; i <= rows; i++) {
        if (i == bad)
            pc_buf_printf(&b, "%lu,a\"b,x\n", i);
        else if (i % 997 == 0)
            pc_buf_printf(&b, "合計,%lu,\n", i);
        else
            pc_buf_printf(&b, "%lu,\"項目 %lu\nの二行目\",備考 %lu\n", i, i, i);
    }
    char *path = temp_file(b.data, b.len);
    pc_buf_free(&b);
    return path;
}

static void test_csv_records_warnings_and_a_fatal_error(void **state)
{
    (void)state;
    char *path = write_csv(30000, 25000);
    struct run run = {.format = "csv", .path = path};
    char *log = same_log(&run);
    /* the misplaced quote ends the stream at its line, after its records */
    assert_non_null(strstr(log, "error in:49975:25000:25001 format-error"));
    assert_non_null(strstr(log, "end 1, 1 errors, 25 warnings"));
    free(log);
    unlink(path);
    free(path);
}

static void test_error_limit_applies_as_in_one_thread(void **state)
{
    (void)state;
    char *path = write_csv(30000, 0);
    struct run run = {.format = "csv", .path = path, .limit = 3};
    char *log = same_log(&run);
    assert_non_null(strstr(log, "end -1, 0 errors, 30 warnings"));
    free(log);
    unlink(path);
    free(path);
}

/* Without a header the labels grow with the widest row so far (read
 * chunk by chunk: a row's labels may include those of rows after it). */
static void test_labels_as_of_each_record(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    for (unsigned long i = 1; i <= 200000; i++) {
        for (unsigned long k = 0; k <= i / 60000; k++)
            pc_buf_printf(&b, "%s%lu", k ? "," : "", i);
        pc_buf_printf(&b, "\n");
    }
    char *path = temp_file(b.data, b.len);
    pc_buf_free(&b);
    struct run run = {.format = "csv", .path = path, .no_header = true};
    char *log = same_log(&run);
    assert_non_null(strstr(log, "labels field1@1:1\nrecord 1:1"));
    assert_non_null(strstr(log, "field4@180000:4\n"));
    free(log);
    unlink(path);
    free(path);
}

/* JSON keys come as records name them, and a key found to hold child
 * records later changes the label handed out before. */
static void test_json_keys_and_a_label_that_changes(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    for (unsigned long i = 1; i <= 40000; i++) {
        if (i == 30000)
            pc_buf_printf(&b, "{\"id\":%lu,\"kids\":[{\"k\":1},{\"k\":2}]}\n", i);
        else if (i % 1000 == 0)
            pc_buf_printf(&b, "{\"id\":%lu,\"new%lu\":\"x\",\"kids\":[\"a\",\"b\"]}\n", i, i);
        else
            pc_buf_printf(&b, "{\"id\":%lu,\"title\":\"t%lu\"}\n", i, i);
    }
    char *path = temp_file(b.data, b.len);
    pc_buf_free(&b);
    struct run run = {.format = "jsonl", .path = path};
    char *log = same_log(&run);
    assert_non_null(strstr(log, "kids@1000:0 "));
    assert_non_null(strstr(log, "kids@1000:0+"));
    free(log);
    unlink(path);
    free(path);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A caller that stops after a few records of a big input: the thread is
 * stopped and joined, and nothing is left (ASan's leak check). */
static void test_stop_early(void **state)
{
    (void)state;
    char *path = write_csv(200000, 0);
    struct run run = {.format = "csv", .path = path, .records = 10, .thread = true};
    double t0 = now();
    free(read_log(&run));
    assert_true(now() - t0 < 5);
    unlink(path);
    free(path);
}

struct writer {
    int fd;
    pthread_mutex_t lock;
    pthread_cond_t done;
    bool finished;
};

/* Writes 300 kB of rows into the pipe, then holds it open until told. */
static void *write_and_hold(void *arg)
{
    struct writer *w = arg;
    static const char head[] = "id,title,note\n";
    assert_int_equal(write(w->fd, head, sizeof head - 1), (ssize_t)(sizeof head - 1));
    char row[64];
    for (size_t sent = 0, i = 1; sent < 300000; i++) {
        int n = snprintf(row, sizeof row, "%zu,title %zu,note\n", i, i);
        assert_int_equal(write(w->fd, row, (size_t)n), n);
        sent += (size_t)n;
    }
    pthread_mutex_lock(&w->lock);
    while (!w->finished)
        pthread_cond_wait(&w->done, &w->lock);
    pthread_mutex_unlock(&w->lock);
    close(w->fd);
    return NULL;
}

/* The input is a pipe that says nothing more for now: the records one
 * thread would have are there, and stopping does not wait for the pipe. */
static void test_stop_while_the_pipe_waits(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct writer w = {.fd = fds[1]};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.done, NULL);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, write_and_hold, &w), 0);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fds[0]);
    struct run run = {.format = "csv", .path = path, .records = 5000, .thread = true};
    double t0 = now();
    char *log = read_log(&run);
    assert_true(now() - t0 < 5);
    assert_non_null(strstr(log, "record 5001:5000"));
    free(log);
    pthread_mutex_lock(&w.lock);
    w.finished = true;
    pthread_cond_signal(&w.done);
    pthread_mutex_unlock(&w.lock);
    pthread_join(th, NULL);
    close(fds[0]);
    pthread_mutex_destroy(&w.lock);
    pthread_cond_destroy(&w.done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_records_warnings_and_a_fatal_error),
        cmocka_unit_test(test_error_limit_applies_as_in_one_thread),
        cmocka_unit_test(test_labels_as_of_each_record),
        cmocka_unit_test(test_json_keys_and_a_label_that_changes),
        cmocka_unit_test(test_stop_early),
        cmocka_unit_test(test_stop_while_the_pipe_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
