/* Format options ("FORMAT:KEY=VALUE"): each format takes its own keys, an
 * option nobody takes is a usage error, one for a format not in use is
 * ignored; and the media types the registry gives. */
#include "util.h"

#ifndef SAMPLES_DIR
#error "SAMPLES_DIR must name the samples folder"
#endif

/* Validates `input` with `options` (and kind "table" if `table`); the
 * errors go to *c. */
static pc_status validate(const char *input, const char *const *options, bool table,
                          struct collected *c, struct pc_stats *st)
{
    memset(c, 0, sizeof *c);
    struct pc_options opt = {.format_options = options, .on_error = collect_error, .ud = c,
                             .kind = table ? "table" : NULL};
    return pc_validate_file(&opt, input, st);
}

static void test_unknown_options_are_usage_errors(void **state)
{
    (void)state;
    struct collected c;
    struct pc_stats st;
    const char *const no_format[] = {"nosuch:x=1", NULL};
    assert_int_equal(validate(SAMPLES_DIR "/roadmap.csv", no_format, false, &c, &st), PC_EUSAGE);
    assert_non_null(strstr(c.text, "\"nosuch:x=1\""));
    const char *const no_key[] = {"csv:sheet=2", NULL};
    assert_int_equal(validate(SAMPLES_DIR "/roadmap.csv", no_key, false, &c, &st), PC_EUSAGE);
    assert_non_null(strstr(c.text, "\"csv:sheet=2\""));
    const char *const no_value[] = {"csv:wide", NULL};
    assert_int_equal(validate(SAMPLES_DIR "/roadmap.csv", no_value, false, &c, &st), PC_EUSAGE);
    const char *const bad_value[] = {"reshape:fill-down=sometimes", NULL};
    assert_int_equal(validate(SAMPLES_DIR "/roadmap.csv", bad_value, false, &c, &st), PC_EUSAGE);
    assert_non_null(strstr(c.text, "sometimes"));
}

static void test_options_of_unused_formats_are_ignored(void **state)
{
    (void)state;
    struct collected c;
    struct pc_stats st;
    const char *const options[] = {"xlsx:sheet=2", "minutes-text:meeting-id=x",
                                   "outline-text:split-slash=no", NULL};
    assert_int_equal(validate(SAMPLES_DIR "/roadmap.csv", options, false, &c, &st), PC_OK);
    assert_string_equal(c.text, "");
}

static void test_reshape_pivot_option(void **state)
{
    (void)state;
    struct collected c;
    struct pc_stats pivoted, kept;
    assert_int_equal(validate(SAMPLES_DIR "/roadmap-wide.csv", NULL, false, &c, &pivoted), PC_OK);
    const char *const options[] = {"reshape:pivot=yes", "reshape:pivot=no", NULL}; /* last wins */
    assert_int_equal(validate(SAMPLES_DIR "/roadmap-wide.csv", options, true, &c, &kept), PC_OK);
    assert_int_equal(kept.records, 4); /* the sheet's rows as read */
    assert_true(pivoted.records > kept.records);
}

static void test_media_types(void **state)
{
    (void)state;
    assert_string_equal(pc_format_media_type("csv"), "text/csv");
    assert_string_equal(pc_format_media_type("jsonl"), "application/jsonl");
    assert_string_equal(pc_format_media_type("xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_null(pc_format_media_type("nosuch"));
    const char *name;
    const char *const *ext;
    int r, w;
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++)
        assert_non_null(pc_format_media_type(name));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_options_are_usage_errors),
        cmocka_unit_test(test_options_of_unused_formats_are_ignored),
        cmocka_unit_test(test_reshape_pivot_option),
        cmocka_unit_test(test_media_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
