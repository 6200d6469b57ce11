/* The cache of derived fields' sources (validate/normalize.c): every value
 * derived through it is the one its own parse gives, whatever the texts
 * before it hashed to, however long it is, and whichever parser read the
 * same text before. */
#include "util.h"

#include "validate/ja.h"
#include "validate/normalize.h"

#include <stdio.h>
#include <unistd.h>

struct derived {
    unsigned long checked, bad_rows, errors;
};

/* Each value derived for deadline_start or deadline_end must be what
 * pc_ja_period (no cache) makes of the cell it was derived from. */
static void check_derived(void *ud, const struct pc_error *e)
{
    struct derived *d = ud;
    if (e->severity == PC_SEV_ERROR) d->errors++;
    if (e->severity != PC_SEV_NORMALIZATION || !e->field) return;
    bool start = strcmp(e->field, "deadline_start") == 0;
    if (!start && strcmp(e->field, "deadline_end") != 0) return;
    struct pc_ja_result r;
    if (pc_ja_period(e->cell, strlen(e->cell), &r) != PC_JA_OK)
        fail_msg("\"%s\" derived %s but is no period", e->cell, e->fixed);
    if (strcmp(e->fixed, start ? r.text : r.text_end) != 0)
        fail_msg("\"%s\" derived %s for %s, not %s", e->cell, e->fixed, e->field,
                 start ? r.text : r.text_end);
    d->checked++;
}

/* The periods of the test: many more than the cache has slots (so that
 * texts share slots), texts on either side of its key bound, and texts
 * that agree in their first PC_NORM_CACHE_KEY bytes (leading spaces, which
 * the parse trims) but name other years. */
static size_t periods(char (*out)[160], size_t max)
{
    size_t n = 0;
    for (int y = 1990; y < 2100; y++) {
        for (int m = 1; m <= 12 && n < max; m++)
            snprintf(out[n++], 160, "%d年%d月", y, m);
        for (int q = 1; q <= 4 && n < max; q++)
            snprintf(out[n++], 160, "%d年度第%d四半期", y, q);
        static const char *const parts[] = {"末", "上期", "下期"};
        for (size_t p = 0; p < 3 && n < max; p++)
            snprintf(out[n++], 160, "%d年度%s", y, parts[p]);
    }
    for (int y = 2020; y < 2030 && n + 4 <= max; y++) {
        char tail[32];
        int k = snprintf(tail, sizeof tail, "%d年度中", y);
        int pad[] = {PC_NORM_CACHE_KEY - k, PC_NORM_CACHE_KEY + 1 - k, PC_NORM_CACHE_KEY,
                     PC_NORM_CACHE_KEY + 40};
        for (size_t i = 0; i < 4; i++)
            snprintf(out[n++], 160, "%*s%s", pad[i], "", tail);
    }
    return n;
}

static void test_derived_through_cache(void **state)
{
    (void)state;
    enum { MAX = 3 * PC_NORM_CACHE_SLOTS };
    static char texts[MAX][160];
    size_t n = periods(texts, MAX);
    assert_true(n > 2 * PC_NORM_CACHE_SLOTS);
    char path[64];
    snprintf(path, sizeof path, "/tmp/planconv-norm-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("id,title,deadline\n", f);
    unsigned long rows = 0, bad = 0;
    /* each text twice, the second time in reverse order, with a value
     * that is no period (never kept: its error is reported each time) and
     * one that is none (kept) between them */
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++) {
            size_t i = pass ? n - 1 - k : k;
            fprintf(f, "r%lu,t,%s\n", rows++, texts[i]);
            if (i % 97 == 0) fprintf(f, "r%lu,t,令和0年度\nr%lu,t,速やかに\n", rows, rows + 1);
            if (i % 97 == 0) rows += 2, bad++;
        }
    assert_int_equal(fclose(f), 0);
    struct derived d = {0};
    struct pc_options opt = {.kind = "plan-items", .on_error = check_derived, .ud = &d};
    struct pc_stats st;
    assert_int_equal(pc_validate_file(&opt, path, &st), PC_INVALID);
    unlink(path);
    assert_int_equal(st.records, rows);
    assert_int_equal(d.checked, 2 * 2 * n); /* start and end of every period, both times */
    assert_int_equal(d.errors, bad);
    assert_int_equal(st.warnings, bad);
}

/* One text read as a period by one field and as a time range by another:
 * the cache keeps the two apart. */
static void test_period_and_time_range(void **state)
{
    (void)state;
    static const char schema[] =
        "{\"fields\": [{\"name\": \"p\", \"type\": \"string\"},"
        " {\"name\": \"p_start\", \"type\": \"date\", \"x-derive\": {\"from\": \"p\", \"part\": "
        "\"start\"}},"
        " {\"name\": \"t\", \"type\": \"time\"},"
        " {\"name\": \"t_end\", \"type\": \"time\", \"x-derive\": {\"from\": \"t\", \"part\": "
        "\"end\"}}]}";
    static const char csv[] = "p,p_start,t,t_end\n"
                              "10:00~12:00,,10:00~12:00,\n"
                              "2025年度中,,2025年度中,\n"
                              "10:00~12:00,,10:00~12:00,\n";
    char *schema_path = temp_file(schema, strlen(schema));
    char *csv_path = temp_file(csv, strlen(csv));
    struct collected errs = {0};
    struct pc_options opt = {.schema_file = schema_path,
                             .normalize = 1,
                             .from = "csv",
                             .on_error = collect_error,
                             .ud = &errs};
    struct pc_stats st;
    pc_validate_file(&opt, csv_path, &st);
    unlink(schema_path);
    unlink(csv_path);
    free(schema_path);
    free(csv_path);
    /* t_end is filled on both lines with a range, never from the period */
    const char *first = strstr(errs.text, "2:normalized:filled with \"12:00\" from t");
    assert_non_null(first);
    assert_non_null(strstr(first + 1, "4:normalized:filled with \"12:00\" from t"));
    assert_non_null(strstr(errs.text, "3:normalized:filled with \"2025-04-01\" from p"));
    assert_null(strstr(errs.text, "from t \"2025"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derived_through_cache),
        cmocka_unit_test(test_period_and_time_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
