/* Japanese forms: each row is an input and what it must become.
 * Expected: the canonical text; "START/END" for periods and ranges;
 * "!" must be refused as impossible (BAD); "?" is not a known form (NONE). */
#include "util.h"

#include "validate/ja.h"

enum kind { DATE, TIME, RANGE, FY, PERIOD, INT, NUM };

struct ja_case {
    enum kind kind;
    const char *in, *want;
};

static const struct ja_case cases[] = {
    /* dates: Gregorian forms */
    {DATE, "2023-06-06", "2023-06-06"},
    {DATE, "2023/6/6", "2023-06-06"},
    {DATE, "2023/06/06", "2023-06-06"},
    {DATE, "2023.6.6", "2023-06-06"},
    {DATE, "2023-6-6", "2023-06-06"},
    {DATE, "2023年6月6日", "2023-06-06"},
    {DATE, "2023年06月06日", "2023-06-06"},
    {DATE, "2023 年 6 月 6 日", "2023-06-06"},
    {DATE, "２０２３年６月６日", "2023-06-06"},
    {DATE, "２０２３／６／６", "2023-06-06"},
    {DATE, "２０２３－０６－０６", "2023-06-06"},
    {DATE, "　2023-06-06　", "2023-06-06"},
    {DATE, " 2023-06-06 ", "2023-06-06"},
    {DATE, "2024/2/29", "2024-02-29"},
    {DATE, "2000年2月29日", "2000-02-29"},
    {DATE, "2023年6月6日(火)", "2023-06-06"},
    {DATE, "2023年6月6日（火）", "2023-06-06"},
    {DATE, "2023年6月6日 (火曜日)", "2023-06-06"},
    {DATE, "2023/6/6(火)", "2023-06-06"},
    {DATE, "2023年5月3日(水・祝)", "2023-05-03"},
    /* dates: eras */
    {DATE, "令和5年6月6日", "2023-06-06"},
    {DATE, "令和元年5月1日", "2019-05-01"},
    {DATE, "令和 元年 5月 1日", "2019-05-01"},
    {DATE, "令和1年5月1日", "2019-05-01"},
    {DATE, "R5.6.6", "2023-06-06"},
    {DATE, "r5.6.6", "2023-06-06"},
    {DATE, "R5/6/6", "2023-06-06"},
    {DATE, "R05.06.06", "2023-06-06"},
    {DATE, "Ｒ５．６．６", "2023-06-06"},
    {DATE, "H31.4.30", "2019-04-30"},
    {DATE, "平成31年4月30日", "2019-04-30"},
    {DATE, "平成元年1月8日", "1989-01-08"},
    {DATE, "H1.1.8", "1989-01-08"},
    {DATE, "昭和64年1月7日", "1989-01-07"},
    {DATE, "S64.1.7", "1989-01-07"},
    {DATE, "昭和元年12月25日", "1926-12-25"},
    {DATE, "昭和20年8月15日", "1945-08-15"},
    {DATE, "大正元年7月30日", "1912-07-30"},
    {DATE, "T15.12.24", "1926-12-24"},
    {DATE, "明治元年10月23日", "1868-10-23"},
    {DATE, "M45.7.29", "1912-07-29"},
    {DATE, "㍻31年4月30日", "2019-04-30"},
    {DATE, "㋿2年9月23日", "2020-09-23"},
    {DATE, "令和２年９月２３日", "2020-09-23"},
    {DATE, "令和2年9月23日(水)", "2020-09-23"},
    {DATE, "2023(令和5)年6月6日", "2023-06-06"},
    {DATE, "令和5(2023)年6月6日", "2023-06-06"},
    /* dates: refused */
    {DATE, "2023-02-30", "!"},
    {DATE, "2023/2/29", "!"},
    {DATE, "1900年2月29日", "!"},
    {DATE, "2023/13/1", "!"},
    {DATE, "2023/0/1", "!"},
    {DATE, "2023/4/31", "!"},
    {DATE, "2023/6/0", "!"},
    {DATE, "令和1年4月1日", "!"},
    {DATE, "令和元年4月30日", "!"},
    {DATE, "平成31年5月1日", "!"},
    {DATE, "平成32年1月1日", "!"},
    {DATE, "H32.1.1", "!"},
    {DATE, "昭和64年1月8日", "!"},
    {DATE, "明治元年1月1日", "!"},
    {DATE, "大正元年7月29日", "!"},
    {DATE, "令和0年6月6日", "!"},
    {DATE, "2023年6月6日(水)", "!"},
    {DATE, "2023/6/6(月)", "!"},
    {DATE, "2023(令和4)年6月6日", "!"},
    /* dates: not dates at all */
    {DATE, "", "?"},
    {DATE, "未定", "?"},
    {DATE, "23/6/6", "?"},
    {DATE, "2023/6", "?"},
    {DATE, "2023年6月", "?"},
    {DATE, "20230606", "?"},
    {DATE, "2023/6-6", "?"},
    {DATE, "2023年6月6", "?"},
    {DATE, "2023-06-06T10:00", "?"},
    {DATE, "X5.6.6", "?"},
    {DATE, "R123.1.1", "?"},
    {DATE, "2023/6/6(祝日)", "?"},
    /* times */
    {TIME, "08:45", "08:45"},
    {TIME, "8:45", "08:45"},
    {TIME, "８:４５", "08:45"},
    {TIME, "８：４５", "08:45"},
    {TIME, "8:45:30", "08:45:30"},
    {TIME, "8時45分", "08:45"},
    {TIME, "８時４５分", "08:45"},
    {TIME, "8時", "08:00"},
    {TIME, "8時半", "08:30"},
    {TIME, "8時45分30秒", "08:45:30"},
    {TIME, "午前8時45分", "08:45"},
    {TIME, "午前0時", "00:00"},
    {TIME, "午後1時30分", "13:30"},
    {TIME, "午後0時", "12:00"},
    {TIME, "午後11時59分", "23:59"},
    {TIME, "PM 1:30", "13:30"},
    {TIME, "AM9:00", "09:00"},
    {TIME, "23:59", "23:59"},
    {TIME, "24:00", "!"},
    {TIME, "8:60", "!"},
    {TIME, "25時", "!"},
    {TIME, "午後12時", "!"},
    {TIME, "午前13時", "!"},
    {TIME, "8:5", "?"},
    {TIME, "845", "?"},
    {TIME, "朝", "?"},
    {TIME, "8:45～8:55", "?"},
    /* time ranges */
    {RANGE, "8:45～8:55", "08:45/08:55"},
    {RANGE, "8:45-8:55", "08:45/08:55"},
    {RANGE, "8:45〜8:55", "08:45/08:55"},
    {RANGE, "8:45 ~ 8:55", "08:45/08:55"},
    {RANGE, "10時から11時半まで", "10:00/11:30"},
    {RANGE, "午前10時～午後1時", "10:00/13:00"},
    {RANGE, "１０：００－１２：００", "10:00/12:00"},
    {RANGE, "11:00～10:00", "!"},
    {RANGE, "8:45～", "?"},
    /* fiscal years */
    {FY, "2023", "2023"},
    {FY, "２０２３", "2023"},
    {FY, "2023年度", "2023"},
    {FY, "2023年", "2023"},
    {FY, "令和5年度", "2023"},
    {FY, "令和５年度", "2023"},
    {FY, "令和元年度", "2019"},
    {FY, "平成31年度", "2019"},
    {FY, "平成30年度", "2018"},
    {FY, "昭和63年度", "1988"},
    {FY, "R5年度", "2023"},
    {FY, "R5", "2023"},
    {FY, "Ｒ５", "2023"},
    {FY, "H30", "2018"},
    {FY, "FY2023", "2023"},
    {FY, "ＦＹ２０２３", "2023"},
    {FY, "FY 2023", "2023"},
    {FY, "2023年度（令和5年度）", "2023"},
    {FY, "令和5年度(2023年度)", "2023"},
    {FY, "2023(令和5)年度", "2023"},
    {FY, "平成32年度", "!"},
    {FY, "昭和64年度", "!"},
    {FY, "令和0年度", "!"},
    {FY, "2023年度（令和4年度）", "!"},
    {FY, "2023(令和6)年度", "!"},
    {FY, "23年度", "?"},
    {FY, "FY23", "?"},
    {FY, "来年度", "?"},
    {FY, "2023年度中", "?"},
    /* periods */
    {PERIOD, "2025年度", "2025-04-01/2026-03-31"},
    {PERIOD, "2025年度中", "2025-04-01/2026-03-31"},
    {PERIOD, "2025年度内", "2025-04-01/2026-03-31"},
    {PERIOD, "2025年度末", "2026-03-01/2026-03-31"},
    {PERIOD, "2025年度末までに", "2026-03-01/2026-03-31"},
    {PERIOD, "2025年度当初", "2025-04-01/2025-04-30"},
    {PERIOD, "2022年度上期", "2022-04-01/2022-09-30"},
    {PERIOD, "2022年度上半期", "2022-04-01/2022-09-30"},
    {PERIOD, "2022年度下期", "2022-10-01/2023-03-31"},
    {PERIOD, "2022年度後半", "2022-10-01/2023-03-31"},
    {PERIOD, "2023年度第1四半期", "2023-04-01/2023-06-30"},
    {PERIOD, "2023年度第3四半期", "2023-10-01/2023-12-31"},
    {PERIOD, "2023年度第4四半期", "2024-01-01/2024-03-31"},
    {PERIOD, "２０２３年度第３四半期", "2023-10-01/2023-12-31"},
    {PERIOD, "令和7年度中", "2025-04-01/2026-03-31"},
    {PERIOD, "令和3年度", "2021-04-01/2022-03-31"},
    {PERIOD, "R7年度末", "2026-03-01/2026-03-31"},
    {PERIOD, "令和元年度", "2019-04-01/2020-03-31"},
    {PERIOD, "平成31年度", "2019-04-01/2020-03-31"},
    {PERIOD, "2025年度（令和7年度）中", "2025-04-01/2026-03-31"},
    {PERIOD, "令和7年度（2025年度）末", "2026-03-01/2026-03-31"},
    {PERIOD, "2025(令和7)年度末", "2026-03-01/2026-03-31"},
    {PERIOD, "FY2025", "2025-04-01/2026-03-31"},
    {PERIOD, "2021年秋", "2021-09-01/2021-11-30"},
    {PERIOD, "令和3年秋", "2021-09-01/2021-11-30"},
    {PERIOD, "2021年春", "2021-03-01/2021-05-31"},
    {PERIOD, "2021年夏", "2021-06-01/2021-08-31"},
    {PERIOD, "2023年冬", "2023-12-01/2024-02-29"},
    {PERIOD, "2021年秋頃", "2021-09-01/2021-11-30"},
    {PERIOD, "2020年末", "2020-12-01/2020-12-31"},
    {PERIOD, "2020年", "2020-01-01/2020-12-31"},
    {PERIOD, "2020年中", "2020-01-01/2020-12-31"},
    {PERIOD, "2020年内", "2020-01-01/2020-12-31"},
    {PERIOD, "2020年初め", "2020-01-01/2020-01-31"},
    {PERIOD, "2021年上半期", "2021-01-01/2021-06-30"},
    {PERIOD, "2021年下半期", "2021-07-01/2021-12-31"},
    {PERIOD, "2021年第2四半期", "2021-04-01/2021-06-30"},
    {PERIOD, "2021年1月", "2021-01-01/2021-01-31"},
    {PERIOD, "2024年2月", "2024-02-01/2024-02-29"},
    {PERIOD, "2021年1月中", "2021-01-01/2021-01-31"},
    {PERIOD, "2021年1月上旬", "2021-01-01/2021-01-10"},
    {PERIOD, "2021年1月中旬", "2021-01-11/2021-01-20"},
    {PERIOD, "2021年1月下旬", "2021-01-21/2021-01-31"},
    {PERIOD, "2021年2月末", "2021-02-21/2021-02-28"},
    {PERIOD, "令和3年1月", "2021-01-01/2021-01-31"},
    {PERIOD, "2021/1", "2021-01-01/2021-01-31"},
    {PERIOD, "2021-01", "2021-01-01/2021-01-31"},
    {PERIOD, "令和2年9月23日", "2020-09-23/2020-09-23"},
    {PERIOD, "2020年11月17日", "2020-11-17/2020-11-17"},
    {PERIOD, "2020/11/17", "2020-11-17/2020-11-17"},
    {PERIOD, "令和2年12月11日(金)", "2020-12-11/2020-12-11"},
    {PERIOD, "2025年度（令和6年度）中", "!"},
    {PERIOD, "令和8年度（2025年度）", "!"},
    {PERIOD, "平成32年度末", "!"},
    {PERIOD, "令和元年1月", "!"},
    {PERIOD, "2021年13月", "!"},
    {PERIOD, "2023年度第5四半期", "!"},
    {PERIOD, "2023年第0四半期", "!"},
    {PERIOD, "令和2年2月30日", "!"},
    {PERIOD, "2021/13", "!"},
    {PERIOD, "早期", "?"},
    {PERIOD, "順次", "?"},
    {PERIOD, "令和3年通常国会", "2021-01-01/2021-06-30"},
    {PERIOD, "令和3年臨時国会", "?"},
    {PERIOD, "2023年年央", "2023-06-01/2023-07-31"},
    {PERIOD, "2023年年央を目途に", "2023-06-01/2023-07-31"},
    {PERIOD, "今年度中", "?"},
    {PERIOD, "2025年度以降", "?"},
    {PERIOD, "", "?"},
    {PERIOD, "R3/1", "?"},
    /* numbers */
    {INT, "42", "42"},
    {INT, "４２", "42"},
    {INT, "1,234", "1234"},
    {INT, "１，２３４，５６７", "1234567"},
    {INT, "▲100", "-100"},
    {INT, "△1,000", "-1000"},
    {INT, "−５", "-5"},
    {INT, "+7", "7"},
    {INT, " 12 ", "12"},
    {INT, "1.5", "?"},
    {INT, "12,34", "?"},
    {INT, "1234,567", "?"},
    {INT, "100件", "?"},
    {INT, "３億円", "?"},
    {INT, ",123", "?"},
    {NUM, "1.5", "1.5"},
    {NUM, "１．５", "1.5"},
    {NUM, "1,234.5", "1234.5"},
    {NUM, "▲0.25", "-0.25"},
    {NUM, "1.2.3", "?"},
};

static void format_result(enum kind k, const struct pc_ja_result *r, int st, char *out,
                          size_t size)
{
    if (st == PC_JA_BAD)
        snprintf(out, size, "!");
    else if (st == PC_JA_NONE)
        snprintf(out, size, "?");
    else if (k == PERIOD || k == RANGE)
        snprintf(out, size, "%s/%s", r->text, r->text_end);
    else
        snprintf(out, size, "%s", r->text);
}

static int run(enum kind k, const char *s, struct pc_ja_result *r)
{
    size_t n = strlen(s);
    switch (k) {
    case DATE: return pc_ja_date(s, n, r);
    case TIME: return pc_ja_time(s, n, r);
    case RANGE: return pc_ja_time_range(s, n, r);
    case FY: return pc_ja_fiscal_year(s, n, r);
    case PERIOD: return pc_ja_period(s, n, r);
    case INT: return pc_ja_number(s, n, true, r);
    case NUM: return pc_ja_number(s, n, false, r);
    }
    return -1;
}

static void test_table(void **state)
{
    (void)state;
    size_t failed = 0, pairs = 0, rejects = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct ja_case *c = &cases[i];
        struct pc_ja_result r;
        char got[300];
        int st = run(c->kind, c->in, &r);
        format_result(c->kind, &r, st, got, sizeof got);
        if (strcmp(got, c->want) != 0) {
            print_error("case %zu: \"%s\" gave \"%s\", expected \"%s\"%s%s\n", i, c->in, got,
                        c->want, st == PC_JA_BAD ? " because " : "", st == PC_JA_BAD ? r.why : "");
            failed++;
        }
        if (st == PC_JA_BAD && !r.why[0]) {
            print_error("case %zu: \"%s\" is refused without a reason\n", i, c->in);
            failed++;
        }
        if (strcmp(c->want, "!") == 0 || strcmp(c->want, "?") == 0)
            rejects++;
        else
            pairs++;
    }
    assert_true(pairs >= 150);
    assert_true(rejects >= 30);
    assert_int_equal(failed, 0);
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

static void check_fold(const char *in, unsigned flags, const char *want)
{
    char out[256];
    size_t n = pc_ja_fold(in, strlen(in), out, flags);
    assert_true(n <= strlen(in));
    out[n] = '\0';
    assert_string_equal(out, want);
}

static void test_fold(void **state)
{
    (void)state;
    const unsigned both = PC_JA_FOLD_ASCII | PC_JA_FOLD_KANA;
    check_fold("ＡＢＣ１２３", PC_JA_FOLD_ASCII, "ABC123");
    check_fold("ＡＢＣ　ｘｙｚ", PC_JA_FOLD_ASCII, "ABC xyz");
    check_fold("（株）", PC_JA_FOLD_ASCII, "(株)");
    check_fold("ﾃﾞｼﾞﾀﾙ", PC_JA_FOLD_KANA, "デジタル");
    check_fold("ｶﾞｷﾞｸﾞｹﾞｺﾞ", PC_JA_FOLD_KANA, "ガギグゲゴ");
    check_fold("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", PC_JA_FOLD_KANA, "パピプペポ");
    check_fold("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", PC_JA_FOLD_KANA, "バビブベボ");
    check_fold("ｳﾞｧｲｵﾘﾝ", PC_JA_FOLD_KANA, "ヴァイオリン");
    check_fold("ﾂﾞﾃﾞﾄﾞ", PC_JA_FOLD_KANA, "ヅデド");
    check_fold("ｱﾞ", PC_JA_FOLD_KANA, "ア゛");
    check_fold("ｺｰﾋｰ｡", PC_JA_FOLD_KANA, "コーヒー。");
    check_fold("｢ﾏｲﾅﾝﾊﾞｰ｣･ｶｰﾄﾞ", PC_JA_FOLD_KANA, "「マイナンバー」・カード");
    check_fold("ﾃﾞｼﾞﾀﾙ", PC_JA_FOLD_ASCII, "ﾃﾞｼﾞﾀﾙ");
    check_fold("ＡＢＣ", PC_JA_FOLD_KANA, "ＡＢＣ");
    check_fold("ﾃﾞｼﾞﾀﾙ庁　ＤＸ", both, "デジタル庁 DX");
    check_fold("漢字かなカナ", both, "漢字かなカナ");
    check_fold("\xff\xfe bad", both, "\xff\xfe bad");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_nonstandard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
