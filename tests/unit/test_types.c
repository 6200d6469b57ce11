/* Type checks used when casting. */
#include "util.h"

#include "validate/types.h"

struct text_case {
    const char *text;
    bool ok;
};

#define CHECK_ALL(fn, cases)                                                                       \
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases)[0]; i++) {                              \
        if (fn((cases)[i].text, strlen((cases)[i].text)) != (cases)[i].ok)                         \
            fail_msg("%s(\"%s\") should be %s", #fn, (cases)[i].text,                              \
                     (cases)[i].ok ? "true" : "false");                                           \
    }

static void test_integer(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"0", true},         {"42", true},  {"-7", true}, {"9223372036854775807", true},
        {"-9223372036854775808", true},     {"9223372036854775808", false},
        {"007", false},      {"1.0", false}, {"", false}, {"-", false},
        {"１", false},       {"1e3", false}, {" 1", false},
    };
    CHECK_ALL(pc_text_is_integer, cases);
}

static void test_number(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"0", true},     {"-0.5", true}, {"1e10", true}, {"2.5E-3", true}, {".5", false},
        {"1.", false},   {"01", false},  {"+1", false},  {"NaN", false},   {"1e", false},
    };
    CHECK_ALL(pc_text_is_number, cases);
}

static void test_date_time(void **state)
{
    (void)state;
    static const struct text_case dates[] = {
        {"2023-06-06", true}, {"2024-02-29", true}, {"2023-02-29", false},
        {"2023-02-30", false}, {"2023-13-01", false}, {"2023-6-6", false},
        {"2023/06/06", false}, {"1900-02-29", false}, {"2000-02-29", true},
    };
    CHECK_ALL(pc_text_is_date, dates);
    static const struct text_case times[] = {
        {"08:45", true}, {"23:59:59", true}, {"24:00", false}, {"8:45", false},
        {"08:60", false}, {"08:45:60", false},
    };
    CHECK_ALL(pc_text_is_time, times);
    static const struct text_case datetimes[] = {
        {"2023-06-06T08:45:00", true}, {"2023-06-06T08:45:00Z", true},
        {"2023-06-06T08:45:00+09:00", true}, {"2023-06-06 08:45:00", false},
        {"2023-06-06T08:45", false},
    };
    CHECK_ALL(pc_text_is_datetime, datetimes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integer),
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_date_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
