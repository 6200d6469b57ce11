/* The many-file engine is library code: it reports through its callbacks
 * (files in input order whatever the jobs, the run's own errors) and
 * writes the files and datapackage.json itself. */
#include "util.h"

#include "convert/many.h"

#include <sys/stat.h>

#ifndef SAMPLES_DIR
#error "SAMPLES_DIR must name the samples folder"
#endif

struct seen {
    size_t order[8], nfiles;
    size_t done_n, written;
    int run_errors;
    pc_status run_error_code;
};

static void on_error(void *ud, const struct pc_error *e)
{
    struct seen *s = ud;
    s->run_errors++;
    s->run_error_code = e->code;
}

static void on_file(void *ud, size_t file, const struct pc_many_file *f)
{
    struct seen *s = ud;
    assert_non_null(f->input);
    if (s->nfiles < 8) s->order[s->nfiles++] = file;
}

static void on_done(void *ud, const struct pc_many_file *files, size_t n)
{
    struct seen *s = ud;
    s->done_n = n;
    for (size_t i = 0; i < n; i++)
        s->written += files[i].written;
}

static struct pc_many_config config(struct seen *s, const char *dir)
{
    return (struct pc_many_config){
        .outdir = dir,
        .ext = "jsonl",
        .jobs = 2,
        .datapackage = true,
        .cb = {.ud = s, .on_error = on_error, .on_file = on_file, .on_done = on_done}};
}

static void test_files_in_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/pc-many-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct seen s = {0};
    struct pc_many_config cfg = config(&s, dir);
    cfg.opt.to = "jsonl";
    char *inputs[] = {SAMPLES_DIR "/plan-items.csv", SAMPLES_DIR "/roadmap.csv",
                      SAMPLES_DIR "/minutes.csv"};
    assert_int_equal(pc_many_run(&cfg, inputs, 3), PC_OK);
    assert_int_equal(s.nfiles, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(s.order[i], i);
    assert_int_equal(s.done_n, 3);
    assert_int_equal(s.written, 3);
    assert_int_equal(s.run_errors, 0);
    const char *names[] = {"plan-items.jsonl", "roadmap.jsonl", "minutes.jsonl",
                           "datapackage.json"};
    for (size_t i = 0; i < 4; i++) {
        char *p = pc_path_join(dir, names[i]);
        struct stat sb;
        assert_int_equal(stat(p, &sb), 0);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

/* The same output name twice is the caller's mistake: refused before
 * anything is read, through on_error. */
static void test_same_name_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/pc-many-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct seen s = {0};
    struct pc_many_config cfg = config(&s, dir);
    char *inputs[] = {SAMPLES_DIR "/roadmap.csv", SAMPLES_DIR "/roadmap.csv"};
    assert_int_equal(pc_many_run(&cfg, inputs, 2), PC_EUSAGE);
    assert_int_equal(s.run_errors, 1);
    assert_int_equal(s.run_error_code, PC_EUSAGE);
    assert_int_equal(s.nfiles, 0);
    assert_int_equal(rmdir(dir), 0); /* nothing was written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_in_order),
        cmocka_unit_test(test_same_name_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
