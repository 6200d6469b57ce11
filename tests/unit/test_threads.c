/* The library keeps no global mutable state: conversions running at once in
 * several threads give the same bytes as one after another. */
#include "util.h"

#include <pthread.h>

#ifndef SAMPLES_DIR
#error "SAMPLES_DIR must name the samples folder"
#endif

struct job {
    const char *input, *to;
    char output[64];
    pc_status status;
};

static void *run(void *arg)
{
    struct job *j = arg;
    struct pc_options opt = {.to = j->to};
    j->status = pc_convert_file(&opt, j->input, j->output, NULL);
    return NULL;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct pc_buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) pc_buf_append(&b, chunk, k);
    fclose(f);
    *n = b.len;
    return b.data;
}

static void test_parallel_conversions(void **state)
{
    (void)state;
    static const char *inputs[] = {SAMPLES_DIR "/plan-items.csv", SAMPLES_DIR "/roadmap.csv",
                                   SAMPLES_DIR "/minutes.csv", SAMPLES_DIR "/plan-items.cp932.csv"};
    static const char *formats[] = {"json", "xml", "jsonl", "tsv"};
    enum { N = 8 };
    struct job par[N], seq[N];
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        par[i] = (struct job){.input = inputs[i % 4], .to = formats[(i / 2) % 4]};
        seq[i] = par[i];
        snprintf(par[i].output, sizeof par[i].output, "/tmp/pc-thread-par-%d-%d", (int)getpid(), i);
        snprintf(seq[i].output, sizeof seq[i].output, "/tmp/pc-thread-seq-%d-%d", (int)getpid(), i);
    }
    for (int i = 0; i < N; i++) assert_int_equal(pthread_create(&th[i], NULL, run, &par[i]), 0);
    for (int i = 0; i < N; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < N; i++) run(&seq[i]);
    for (int i = 0; i < N; i++) {
        assert_int_equal(par[i].status, PC_OK);
        assert_int_equal(seq[i].status, PC_OK);
        size_t a, b;
        char *x = slurp(par[i].output, &a), *y = slurp(seq[i].output, &b);
        assert_true(a > 0);
        assert_int_equal(a, b);
        assert_memory_equal(x, y, a);
        free(x);
        free(y);
        unlink(par[i].output);
        unlink(seq[i].output);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_parallel_conversions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
