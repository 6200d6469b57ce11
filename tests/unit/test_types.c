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

/* Whether text casts to a field of `type` in its default format. */
static bool casts(const char *type, const char *s, size_t n)
{
    struct pc_field f = {.name = "f", .type_name = type, .bare_number = true,
                         .min_length = -1, .max_length = -1};
    json_t *jf = json_pack("{s:s, s:s}", "name", "f", "type", type);
    struct pc_errsink quiet = {0};
    if (!jf || pc_field_parse(jf, NULL, &f, &quiet, "test")) fail_msg("no field of type %s", type);
    struct pc_cast_out o;
    bool ok = pc_cast_text(&f, s, n, PC_SRC_TEXT, &o);
    pc_field_free(&f);
    json_decref(jf);
    return ok;
}
static bool is_integer(const char *s, size_t n) { return casts("integer", s, n); }
static bool is_number(const char *s, size_t n) { return casts("number", s, n); }
static bool is_date(const char *s, size_t n) { return casts("date", s, n); }
static bool is_time(const char *s, size_t n) { return casts("time", s, n); }
static bool is_datetime(const char *s, size_t n) { return casts("datetime", s, n); }

static void test_integer(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"0", true},         {"42", true},  {"-7", true}, {"9223372036854775807", true},
        {"-9223372036854775808", true},     {"9223372036854775808", false},
        {"007", true},       {"1.0", false}, {"", false}, {"-", false},
        {"１", false},       {"1e3", false}, {" 1", true}, {"+1", true},
    };
    CHECK_ALL(is_integer, cases);
}

static void test_number(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"0", true},     {"-0.5", true}, {"1e10", true}, {"2.5E-3", true}, {".5", true},
        {"1.", true},    {"01", true},   {"+1", true},   {"NaN", true},    {"1e", false},
        {".", false},    {"1.2.3", false}, {"- 1", false},
    };
    CHECK_ALL(is_number, cases);
}

static void test_date_time(void **state)
{
    (void)state;
    static const struct text_case dates[] = {
        {"2023-06-06", true}, {"2024-02-29", true}, {"2023-02-29", false},
        {"2023-02-30", false}, {"2023-13-01", false}, {"2023-6-6", false},
        {"2023/06/06", false}, {"1900-02-29", false}, {"2000-02-29", true},
    };
    CHECK_ALL(is_date, dates);
    static const struct text_case times[] = {
        {"08:45", false}, {"23:59:59", true}, {"24:00:00", false}, {"8:45:00", false},
        {"08:60:00", false}, {"08:45:60", false}, {"08:45:00.5", true}, {"08:45:00+09:00", true},
    };
    CHECK_ALL(is_time, times);
    static const struct text_case datetimes[] = {
        {"2023-06-06T08:45:00", true}, {"2023-06-06T08:45:00Z", true},
        {"2023-06-06T08:45:00+09:00", true}, {"2023-06-06 08:45:00", false},
        {"2023-06-06T08:45", false}, {"2023-06-06T08:45:00.300-05:00", true},
        {"2023-06-06T08:45:00+9:00", false},
    };
    CHECK_ALL(is_datetime, datetimes);
}

/* pc_cast_text: the canonical text of each value, or a refusal (NULL). */
struct cast_case {
    const char *field; /* a field descriptor */
    const char *text;
    const char *want;
};

static void test_cast_text(void **state)
{
    (void)state;
    static const struct cast_case cases[] = {
        {"{\"type\":\"integer\"}", "000835", "835"},
        {"{\"type\":\"integer\"}", " +01 ", "1"},
        {"{\"type\":\"integer\"}", "-0", "0"},
        {"{\"type\":\"integer\"}", "9223372036854775808", NULL},
        {"{\"type\":\"integer\"}", "-9223372036854775808", "-9223372036854775808"},
        {"{\"type\":\"integer\",\"bareNumber\":false}", "€ -12", "-12"},
        {"{\"type\":\"number\"}", ".5", "0.5"},
        {"{\"type\":\"number\"}", "1E+3", "1e+3"},
        {"{\"type\":\"number\"}", "-inf", "-INF"},
        {"{\"type\":\"number\"}", "nan", "NaN"},
        {"{\"type\":\"number\"}", "10+000.00", NULL},
        {"{\"type\":\"number\",\"groupChar\":\" \",\"decimalChar\":\",\"}", "10 000,50", "10000.50"},
        {"{\"type\":\"number\",\"decimalChar\":\",\"}", "1.234", NULL},
        {"{\"type\":\"boolean\"}", "TRUE", "true"},
        {"{\"type\":\"boolean\",\"falseValues\":[\"no\"]}", "false", NULL},
        {"{\"type\":\"date\",\"format\":\"%d/%m/%y\"}", "21/11/06", "21/11/06"},
        {"{\"type\":\"date\",\"format\":\"any\"}", "10th Jan 1969", "1969-01-10"},
        {"{\"type\":\"time\",\"format\":\"%H:%M\"}", "8:45", "08:45"},
        {"{\"type\":\"time\"}", "15:00", NULL},
        {"{\"type\":\"time\"}", "06:00:00+01:00", "06:00:00+01:00"},
        {"{\"type\":\"datetime\"}", "2024-01-26T15:00:00.300-05:00", "2024-01-26T15:00:00.300-05:00"},
        {"{\"type\":\"yearmonth\"}", "2000-13", NULL},
        {"{\"type\":\"duration\"}", "P1Y10M3DT5H11M7S", "P1Y10M3DT5H11M7S"},
        {"{\"type\":\"duration\"}", "P-1Y", NULL},
        {"{\"type\":\"geopoint\"}", "180, -90", "180, -90"},
        {"{\"type\":\"geopoint\",\"format\":\"object\"}", "[180, -90]", NULL},
        {"{\"type\":\"geojson\"}", "{}", NULL},
        {"{\"type\":\"string\",\"format\":\"uuid\"}", "123e4567-e89b-12d3-a456-426614174000",
         "123e4567-e89b-12d3-a456-426614174000"},
        {"{\"type\":\"string\",\"format\":\"binary\"}", "string", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *jf = json_loads(cases[i].field, 0, NULL);
        assert_non_null(jf);
        json_object_set_new(jf, "name", json_string("f"));
        struct pc_field f = {0};
        struct pc_errsink quiet = {0};
        assert_int_equal(pc_field_parse(jf, NULL, &f, &quiet, "test"), PC_OK);
        struct pc_cast_out o;
        bool ok = pc_cast_text(&f, cases[i].text, strlen(cases[i].text), PC_SRC_TEXT, &o);
        if (ok != (cases[i].want != NULL) ||
            (ok && (o.len != strlen(cases[i].want) || memcmp(o.text, cases[i].want, o.len))))
            fail_msg("%s: \"%s\" gave %s%.*s, not %s", cases[i].field, cases[i].text,
                     ok ? "" : "a refusal", ok ? (int)o.len : 0, ok ? o.text : "",
                     cases[i].want ? cases[i].want : "a refusal");
        pc_field_free(&f);
        json_decref(jf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integer),
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_date_time),
        cmocka_unit_test(test_cast_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
