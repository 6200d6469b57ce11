/* Honest numbers: pc_stats.written counts the records that were kept, so
 * it is 0 when an invalid input's output was discarded, and the records
 * written with keep_invalid. */
#include "util.h"

#include <stdio.h>
#include <unistd.h>

static const char bad[] = "項目ID,項目名,階層\nA-1,見直し,1\nA-2,推進,二\nA-3,整備,3\n";

static char *input_file(char *path, size_t size)
{
    snprintf(path, size, "/tmp/planconv-stats-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(bad, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void test_discarded_output_wrote_nothing(void **state)
{
    (void)state;
    char in[64], out[80];
    input_file(in, sizeof in);
    snprintf(out, sizeof out, "%s.json", in);
    struct pc_options opt = {.kind = "plan-items"};
    struct pc_stats st;
    assert_int_equal(pc_convert_file(&opt, in, out, &st), PC_INVALID);
    assert_int_equal(st.records, 3);
    assert_int_equal(st.errors, 1);
    assert_int_equal(st.written, 0);
    assert_int_equal(access(out, F_OK), -1); /* and indeed nothing is there */
    opt.keep_invalid = 1;
    assert_int_equal(pc_convert_file(&opt, in, out, &st), PC_INVALID);
    assert_int_equal(st.written, 2); /* the two valid records */
    assert_int_equal(access(out, F_OK), 0);
    unlink(out);
    unlink(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discarded_output_wrote_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
