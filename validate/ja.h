/* Japanese data as officers write it: era (和暦) dates, times, fiscal
 * years, periods, width folding and machine-dependent characters
 * (機種依存文字). Pure functions over one value's text: no state, no
 * allocation, safe from any thread. Casting (types.c) decides what to do
 * with the results. The parsers are in ja_date.c, folding and 機種依存文字
 * in ja_text.c. */
#ifndef PC_JA_H
#define PC_JA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/utf8.h"

/* Values longer than this (bytes) are never dates, times or years. */
#define PC_JA_MAX 128

enum pc_ja_status {
    PC_JA_NONE = 0, /* not a form this parser knows: the caller decides */
    PC_JA_OK = 1,   /* understood; see text, rule */
    PC_JA_BAD = 2   /* a known form holding an impossible value; see why */
};

struct pc_ja_date {
    int y, m, d;
};

/* What a parse found. `text` is the canonical form (2023-06-06, 08:45,
 * 2023, 1234.5; a period's or range's start) and `text_end` a period's or
 * range's end. `rule` names the kind of change from the input ("era-date",
 * "width" ...); the caller compares `text` with the input to know whether
 * anything changed at all. `why` completes "VALUE is not a date: ...". */
struct pc_ja_result {
    int status;
    const char *rule;
    char text[PC_JA_MAX + 1];
    char text_end[16];
    struct pc_ja_date start, end;
    char why[192];
};

/* 2023-06-06, 2023/6/6, 2023.6.6, 2023年6月6日, 令和5年6月6日, 令和元年5月1日,
 * R5.6.6, H31.4.30, full-width forms, an optional (火) checked against the
 * date. A date outside its era is BAD. */
int pc_ja_date(const char *s, size_t n, struct pc_ja_result *r);

/* 08:45, 8:45, 8:45:30, 8時45分, 8時半, 午前8時45分, 午後1時, PM 1:30. */
int pc_ja_time(const char *s, size_t n, struct pc_ja_result *r);

/* Two times joined by ～ 〜 ~ - or から: text = start, text_end = end. */
int pc_ja_time_range(const char *s, size_t n, struct pc_ja_result *r);

/* Fiscal years (April to March) as the Gregorian year they start in:
 * 2023, 2023年度, 令和5年度, R5年度, R5, FY2023, 2023年度（令和5年度）. */
int pc_ja_fiscal_year(const char *s, size_t n, struct pc_ja_result *r);

/* A period as written -> first and last day: a date, 2025年度(中|末|上期|
 * 下期|第3四半期), 2021年(秋|末|上半期), 2021年1月(上旬|末), FY2025, with the
 * Gregorian and era spellings side by side (which must agree). */
int pc_ja_period(const char *s, size_t n, struct pc_ja_result *r);

/* Numbers with full-width digits, thousands separators (1,234) and the
 * Japanese negative signs ▲ and △; `integer` refuses a fraction. */
int pc_ja_number(const char *s, size_t n, bool integer, struct pc_ja_result *r);

/* Width folding. ASCII: full-width ASCII (U+FF01-FF5E) and the ideographic
 * space to ASCII. KANA: half-width katakana to full-width, ｶﾞ -> ガ.
 * `out` needs n bytes (folding never grows the text); returns its length. */
enum { PC_JA_FOLD_ASCII = 1, PC_JA_FOLD_KANA = 2 };
size_t pc_ja_fold(const char *s, size_t n, char *out, unsigned flags);

/* True if the text holds half-width katakana. */
bool pc_ja_has_halfwidth_kana(const char *s, size_t n);

/* Machine-dependent characters: CP932's NEC and IBM extensions that have
 * no JIS X 0208 form, and the era squares. Returns the standard spelling
 * of `cp` ("(1)" for ①, "平成" for ㍻), "" when it has none planconv can
 * write (extension kanji such as 髙), or NULL when cp is standard. */
const char *pc_ja_nonstandard(uint32_t cp);

/* Finds the first machine-dependent character at or after *pos: sets *pos
 * to its offset, *len to its UTF-8 length and *cp. False if none. */
bool pc_ja_next_nonstandard(const char *s, size_t n, size_t *pos, size_t *len, uint32_t *cp);

#endif
