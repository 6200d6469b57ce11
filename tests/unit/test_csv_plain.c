/* The CSV fast path (formats/csv_plain.c) calls back exactly as libcsv
 * does: on rows it splits itself, on rows it leaves to libcsv, across
 * chunk ends, on errors and at the end. */
#include "util.h"

#include "csv_plain_diff.h"

static const size_t whole[] = {0};

static void same(const char *s, const size_t *chunks)
{
    if (!csv_plain_same(',', '"', s, strlen(s), chunks)) fail_msg("differs: %s", s);
}

static void test_rows_as_libcsv_reads_them(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "a,b,c\n1,2,3\n",
        "a,b\r\n1,2\r\n",                    /* CR LF: two row ends, as libcsv reports them */
        "a\rb\r\n\n\r\r\n",                  /* CR alone and blank lines */
        "\"x,1\",\"he said \"\"hi\"\"\",\n", /* quoted, doubled quotes, empty last cell */
        "\"multi\nline\",2\n3,\"\"\n",
        ",,\n,\n\n",  /* empty cells only */
        "a,b\"c,d\n", /* a quote inside an unquoted cell: libcsv's error */
        "\"a\"b,c\n", /* text after a closing quote: its error */
        "\"a\" ,c\n",
        "\"open\n", /* never closed: csv_fini's error */
        "no end",   /* no line end at the end */
        "a,\"b\"",
        "\"\"\"\"\n\"\"\n",
        "施策,\"名称, 説明\",デジタル庁\n",
        "",
    };
    static const size_t ones[] = {1, 0}, threes[] = {3, 0}, mixed[] = {5, 1, 2, 7, 0};
    for (size_t i = 0; i < PC_ARRAY_LEN(cases); i++) {
        same(cases[i], whole);
        same(cases[i], ones);
        same(cases[i], threes);
        same(cases[i], mixed);
    }
}

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Random short inputs of the bytes that matter, in random chunks, with
 * three dialects. */
static void test_random_inputs(void **state)
{
    (void)state;
    static const struct {
        unsigned char delim, quote;
        const char *bytes;
    } dialects[] = {
        {',', '"', "ab,\"\r\n \xe3\x81\x82"}, {';', '\'', "a;'\"\r\n,"}, {'\t', '"', "x\t\"\n\r|"}};
    static const size_t sizes[] = {1, 2, 3, 5, 8, 13, 64, 4096};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char s[64];
    for (int round = 0; round < 200000; round++) {
        size_t d = round % PC_ARRAY_LEN(dialects);
        const char *bytes = dialects[d].bytes;
        size_t nbytes = strlen(bytes), n = next_random(&x) % sizeof s;
        for (size_t i = 0; i < n; i++)
            s[i] = bytes[next_random(&x) % nbytes];
        size_t chunks[4] = {0};
        for (size_t i = 0; i < 3; i++)
            chunks[i] = sizes[next_random(&x) % PC_ARRAY_LEN(sizes)];
        if (!csv_plain_same(dialects[d].delim, dialects[d].quote, s, n, chunks))
            fail_msg("differs at round %d: %.*s", round, (int)n, s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_as_libcsv_reads_them),
        cmocka_unit_test(test_random_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
