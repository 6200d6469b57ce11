/* Japanese forms: what the case files (tests/ja, text) cannot say: the
 * rule each result names, folding of bytes that are not UTF-8, and the
 * machine-dependent character tables. */
#include "util.h"

#include "validate/ja.h"

enum kind { DATE, TIME, FY, PERIOD, INT };

static int run(enum kind k, const char *s, struct pc_ja_result *r)
{
    size_t n = strlen(s);
    switch (k) {
    case DATE: return pc_ja_date(s, n, r);
    case TIME: return pc_ja_time(s, n, r);
    case FY: return pc_ja_fiscal_year(s, n, r);
    case PERIOD: return pc_ja_period(s, n, r);
    case INT: return pc_ja_number(s, n, true, r);
    }
    return -1;
}

/* Each rule names what changed. */
static void test_rules(void **state)
{
    (void)state;
    static const struct {
        enum kind k;
        const char *in, *rule;
    } rules[] = {
        {DATE, "令和5年6月6日", "era-date"}, {DATE, "2023/6/6", "date"},
        {DATE, "２０２３-０６-０６", "width"}, {DATE, " 2023-06-06", "trim"},
        {FY, "令和5年度", "fiscal-year"},    {FY, "２０２３", "width"},
        {TIME, "8:45", "time"},               {PERIOD, "2025年度末", "period"},
        {INT, "1,234", "number"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        struct pc_ja_result r;
        assert_int_equal(run(rules[i].k, rules[i].in, &r), PC_JA_OK);
        assert_string_equal(r.rule, rules[i].rule);
    }
}

/* Bytes that are not UTF-8 pass through folding as they were. */
static void test_fold(void **state)
{
    (void)state;
    char out[16];
    size_t n = pc_ja_fold("\xff\xfe bad", 6, out, PC_JA_FOLD_ASCII | PC_JA_FOLD_KANA);
    assert_int_equal(n, 6);
    assert_memory_equal(out, "\xff\xfe bad", 6);
    assert_true(pc_ja_has_halfwidth_kana("ｱ", strlen("ｱ")));
    assert_true(pc_ja_has_halfwidth_kana("xﾟ", strlen("xﾟ")));
    assert_false(pc_ja_has_halfwidth_kana("ア｠", strlen("ア｠")));
    assert_false(pc_ja_has_halfwidth_kana("ＡＢＣ", strlen("ＡＢＣ")));
}

static void test_nonstandard(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        const char *want; /* NULL: standard */
    } table[] = {
        {0x2460, "(1)"},   {0x2473, "(20)"},  {0x3231, "(株)"}, {0x3232, "(有)"},
        {0x337B, "平成"},  {0x32FF, "令和"},  {0x3314, "キロ"}, {0x3322, "センチ"},
        {0x2170, "i"},     {0x2173, "iv"},    {0x2160, "I"},    {0x2169, "X"},
        {0x339E, "km"},    {0x2116, "No."},   {0x9AD9, ""},     {0xFA11, ""},
        {0x3042, NULL},    {0x9AD8, NULL},    {0x5D0E, NULL},   {'A', NULL},
        {0x2474, NULL},    {0xFFE2, NULL},    {0x1F600, NULL},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *got = pc_ja_nonstandard(table[i].cp);
        if (!table[i].want)
            assert_null(got);
        else
            assert_string_equal(got, table[i].want);
    }
    const char *s = "株式会社①と㈱、髙橋";
    size_t pos = 0, len;
    uint32_t cp;
    assert_true(pc_ja_next_nonstandard(s, strlen(s), &pos, &len, &cp));
    assert_int_equal(cp, 0x2460);
    assert_int_equal(pos, strlen("株式会社"));
    assert_int_equal(len, 3);
    pos += len;
    assert_true(pc_ja_next_nonstandard(s, strlen(s), &pos, &len, &cp));
    assert_int_equal(cp, 0x3231);
    pos += len;
    assert_true(pc_ja_next_nonstandard(s, strlen(s), &pos, &len, &cp));
    assert_int_equal(cp, 0x9AD9);
    pos += len;
    assert_false(pc_ja_next_nonstandard(s, strlen(s), &pos, &len, &cp));
}

/* The generated bitmap holds exactly the list: every code point is
 * flagged if and only if it is listed (pc_ja_nonstandard), and the scan
 * finds each listed character in text and nothing else. */
static const uint16_t listed[] = {
#include "validate/ja_nonstandard.def"
};

static bool in_list(uint32_t cp)
{
    for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
        if (listed[i] == cp) return true;
    return false;
}

static void test_nonstandard_bitmap(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        bool want = cp <= 0xFFFF && in_list(cp);
        if ((pc_ja_nonstandard(cp) != NULL) != want) fail_msg("U+%04X", (unsigned)cp);
        if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
        char text[16] = "a";
        size_t n = 1 + pc_utf8_put(text + 1, cp), pos = 0, len;
        text[n++] = 'z';
        uint32_t got;
        bool found = pc_ja_next_nonstandard(text, n, &pos, &len, &got);
        if (found != want || (found && (pos != 1 || len != 3 || got != cp)))
            fail_msg("scan of U+%04X", (unsigned)cp);
        if (cp < 0x800) continue;
        /* in a run of 3-byte characters, at each place of a block of four */
        for (size_t at = 0; at < 5; at++) {
            char run[32];
            size_t k = 0;
            for (size_t j = 0; j < 5; j++)
                k += j == at ? pc_utf8_put(run + k, cp) : pc_utf8_put(run + k, 0x3042);
            pos = 0;
            found = pc_ja_next_nonstandard(run, k, &pos, &len, &got);
            if (found != want || (found && (pos != 3 * at || got != cp)))
                fail_msg("scan of U+%04X at character %zu of a run", (unsigned)cp, at);
        }
    }
}

/* The scan reads bytes as pc_utf8_decode does: a lead byte without its
 * continuation bytes, or cut by the end, is a stray byte, and the next
 * character is still found; an ASCII run of any length and alignment is
 * skipped. */
static void test_nonstandard_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        long pos; /* of ① (E2 91 A0), -1: none */
    } cases[] = {
        {"\xE2\x91", -1},            /* cut */
        {"\xE2\x91\xE2\x91\xA0", 2}, /* a stray lead, then ① */
        {"\xE2\xE2\x91\xA0", 1},
        {"\xE2\x41\xA0", -1},                /* no continuation */
        {"\xF0\x9F\x98\x80\xE2\x91\xA0", 4}, /* a 4-byte character first */
        {"\xC3\xA9\xE2\x91\xA0", 2},
        {"0123456789abcdef\xE2\x91\xA0", 16}, /* ASCII runs: 16, 7, 9 bytes */
        {"0123456\xE2\x91\xA0", 7},
        {"012345678\xE2\x91\xA0", 9},
        {"0123456789abcdefg", -1},
        {"\xE2\x91\xA0", 0},
        {"\xEF\xBF\xA4", 0},             /* U+FFE4, the last of the list */
        {"\xE2\x84\x95\xE2\x84\x96", 3}, /* U+2115 is not listed, U+2116 is */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t pos = 0, len;
        uint32_t cp;
        bool found = pc_ja_next_nonstandard(cases[i].s, strlen(cases[i].s), &pos, &len, &cp);
        if (cases[i].pos < 0) {
            assert_false(found);
        } else {
            assert_true(found);
            assert_int_equal(pos, cases[i].pos);
            assert_int_equal(len, 3);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_nonstandard),
        cmocka_unit_test(test_nonstandard_bitmap),
        cmocka_unit_test(test_nonstandard_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
