/* Japanese forms of dates, times, fiscal years, periods and numbers.
 * Every parser first folds the value (full-width ASCII and spaces to
 * ASCII, wave dashes to ~), then reads it with a small cursor, and checks
 * what it read only once the whole form is recognised: a known form with
 * an impossible value is BAD, anything else NONE. */
#include "ja.h"

#include "../core/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the cursor ------------------------------------------------------ */

struct cur {
    const char *p, *e;
};

static void skip_spaces(struct cur *c)
{
    while (c->p < c->e && *c->p == ' ') c->p++;
}

static bool lit(struct cur *c, const char *s)
{
    size_t k = strlen(s);
    if ((size_t)(c->e - c->p) < k || memcmp(c->p, s, k) != 0) return false;
    c->p += k;
    return true;
}

/* Reads up to 8 digits; returns how many (0: none, -1: more than 8). */
static int digits(struct cur *c, int *v)
{
    int k = 0, x = 0;
    while (c->p < c->e && *c->p >= '0' && *c->p <= '9') {
        if (++k > 8) return -1;
        x = x * 10 + (*c->p++ - '0');
    }
    *v = x;
    return k;
}

/* v in decimal, zero-padded to `width` digits, at out (printf's %0*ld);
 * returns the end, unterminated: dates, times and years are written by
 * every parse, where printf would cost more than the parse. out holds 21
 * bytes. */
static char *put_num(char *out, long v, int width)
{
    char digits[20];
    int k = 0;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    if (v < 0) {
        *out++ = '-';
        width--;
    }
    do
        digits[k++] = (char)('0' + u % 10);
    while (u /= 10);
    while (k < width && k < (int)sizeof digits) digits[k++] = '0';
    while (k) *out++ = digits[--k];
    return out;
}

/* Tries each string of a NULL-terminated list; returns its index or -1. */
static int lit_any(struct cur *c, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (lit(c, list[i])) return i;
    return -1;
}

/* The value folded for parsing: ASCII and half-width kana folded, dashes
 * and tildes unified, spaces trimmed. */
struct folded {
    char text[PC_JA_MAX + 1];
    size_t len;
    bool width; /* folding changed something */
};

static bool fold_for_parsing(const char *s, size_t n, struct folded *f)
{
    if (n > PC_JA_MAX) return false;
    char tmp[PC_JA_MAX];
    size_t k = pc_ja_fold(s, n, tmp, PC_JA_FOLD_ASCII | PC_JA_FOLD_KANA);
    f->width = k != n || memcmp(tmp, s, n) != 0;
    size_t i = 0, o = 0;
    while (i < k) {
        size_t at = i;
        uint32_t c = pc_utf8_next(tmp, k, &i);
        if (c == 0x301C || c == 0x223C) { /* 〜 wave dash, ∼ */
            f->text[o++] = '~';
            f->width = true;
        } else if (c == 0x2212 || c == 0x2010 || c == 0x2013 || c == 0x2014 || c == 0x2015) {
            f->text[o++] = '-';
            f->width = true;
        } else {
            memcpy(f->text + o, tmp + at, i - at);
            o += i - at;
        }
    }
    size_t a = 0;
    while (a < o && (f->text[a] == ' ' || f->text[a] == '\t')) a++;
    while (o > a && (f->text[o - 1] == ' ' || f->text[o - 1] == '\t')) o--;
    memmove(f->text, f->text + a, o - a);
    f->len = o - a;
    f->text[f->len] = '\0';
    return true;
}

/* The value of a kanji numeral character, or -1: 〇 零 一 … 九; 十 百 千
 * are the multipliers 10, 100, 1000. */
static int kanji_digit(uint32_t c)
{
    static const uint32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int i = 0; i < 10; i++)
        if (c == d[i]) return i;
    if (c == 0x96F6) return 0; /* 零 */
    return c == 0x5341 ? 10 : c == 0x767E ? 100 : c == 0x5343 ? 1000 : -1;
}

/* Minutes write dates and times in kanji numerals (令和六年七月三十日,
 * 午後三時四十七分, 二〇二三年): each run becomes ASCII digits, read
 * positionally when it has no 十 百 千. False if the text would not fit. */
static bool kanji_numerals(struct folded *f)
{
    char out[PC_JA_MAX + 1];
    size_t o = 0, i = 0;
    while (i < f->len) {
        size_t at = i;
        uint32_t c = pc_utf8_next(f->text, f->len, &i);
        if (kanji_digit(c) < 0) {
            if (o + (i - at) > PC_JA_MAX) return false;
            memcpy(out + o, f->text + at, i - at);
            o += i - at;
            continue;
        }
        long total = 0, digit = -1, positional = 0;
        bool multiplied = false;
        size_t j = at;
        for (;;) {
            size_t next = j;
            int v = j < f->len ? kanji_digit(pc_utf8_next(f->text, f->len, &next)) : -1;
            if (v < 0) break;
            j = next;
            if (v >= 10) {
                total += (digit < 0 ? 1 : digit) * v;
                digit = -1;
                multiplied = true;
            } else {
                positional = positional * 10 + v;
                digit = v;
            }
            if (positional > 99999999) return false;
        }
        long value = multiplied ? total + (digit < 0 ? 0 : digit) : positional;
        char num[24];
        size_t k = (size_t)(put_num(num, value, 1) - num);
        if (o + k > PC_JA_MAX) return false;
        memcpy(out + o, num, k);
        o += k;
        i = j;
        f->width = true;
    }
    memcpy(f->text, out, o);
    f->len = o;
    f->text[o] = '\0';
    return true;
}

static struct cur cursor(const struct folded *f)
{
    return (struct cur){f->text, f->text + f->len};
}

static int bad(struct pc_ja_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct pc_ja_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->why, sizeof r->why, PC_(fmt), ap); /* the reason, in the user's language */
    va_end(ap);
    return r->status = PC_JA_BAD;
}

/* The rule for an understood value: the form's own rule, unless folding
 * alone already gives the canonical text. */
static int ok(struct pc_ja_result *r, const struct folded *f, const char *form_rule)
{
    r->status = PC_JA_OK;
    if (strcmp(r->text, f->text) == 0)
        r->rule = f->width ? "width" : "trim";
    else
        r->rule = form_rule;
    return PC_JA_OK;
}

/* ---- calendar ------------------------------------------------------ */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

static long key(struct pc_ja_date d)
{
    return (long)d.y * 10000 + d.m * 100 + d.d;
}

/* 0 Sunday .. 6 Saturday (Sakamoto). */
static int weekday(struct pc_ja_date d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = d.y - (d.m < 3);
    return (y + y / 4 - y / 100 + y / 400 + t[d.m - 1] + d.d) % 7;
}

/* YYYY-MM-DD into out (16 bytes: a year of five digits fits too). */
static void iso(char *out, struct pc_ja_date d)
{
    char *p = put_num(out, d.y, 4);
    *p++ = '-';
    p = put_num(p, d.m, 2);
    *p++ = '-';
    *put_num(p, d.d, 2) = '\0';
}

/* ---- eras ------------------------------------------------------------ */

/* An era's last day: the day before the next began, except where the
 * emperor died during a day and the next era began that same day, which
 * then belongs to both (明治45年7月30日 is 大正元年7月30日; 大正15年12月25日
 * is 昭和元年12月25日). 昭和 ended on 1989-01-07, 平成 began the next day. */
static const struct era {
    const char *name;
    const char *spellings[5];
    struct pc_ja_date start, last;
} eras[] = {
    {"明治", {"明治", "M", "m", "㍾", NULL}, {1868, 10, 23}, {1912, 7, 30}},
    {"大正", {"大正", "T", "t", "㍽", NULL}, {1912, 7, 30}, {1926, 12, 25}},
    {"昭和", {"昭和", "S", "s", "㍼", NULL}, {1926, 12, 25}, {1989, 1, 7}},
    {"平成", {"平成", "H", "h", "㍻", NULL}, {1989, 1, 8}, {2019, 4, 30}},
    {"令和", {"令和", "R", "r", "㋿", NULL}, {2019, 5, 1}, {9999, 12, 31}},
};
#define NERAS (int)(sizeof eras / sizeof eras[0])

/* A year as written: Gregorian (4 digits), or an era and its year, with
 * possibly the other spelling in parentheses; both must name one year. */
struct year {
    int y;
    int era[2], nera; /* eras used, to check the dates against */
};

static int read_era(struct cur *c)
{
    for (int e = 0; e < NERAS; e++)
        if (lit_any(c, eras[e].spellings) >= 0) return e;
    return -1;
}

static int read_year_only(struct cur *c, struct year *y, struct pc_ja_result *r)
{
    struct cur start = *c;
    int e = read_era(c), v, k;
    if (e >= 0) {
        skip_spaces(c);
        if (lit(c, "元")) {
            v = 1;
        } else {
            k = digits(c, &v);
            if (k < 1 || k > 2) return (*c = start), PC_JA_NONE;
            if (v == 0) return bad(r, "there is no year 0 of %s", eras[e].name);
        }
        y->y = eras[e].start.y + v - 1;
        y->era[y->nera++] = e;
        return PC_JA_OK;
    }
    k = digits(c, &v);
    if (k != 4) return (*c = start), PC_JA_NONE;
    y->y = v;
    return PC_JA_OK;
}

static int check_same_year(const struct year *a, const struct year *b, struct pc_ja_result *r)
{
    if (a->y == b->y) return PC_JA_OK;
    return bad(r, "its two spellings of the year (%d and %d) disagree", a->y, b->y);
}

/* year ["(" year ")"]: 2025(令和7)年度 */
static int read_year(struct cur *c, struct year *y, struct pc_ja_result *r)
{
    y->nera = 0;
    int st = read_year_only(c, y, r);
    if (st != PC_JA_OK) return st;
    struct cur save = *c;
    skip_spaces(c);
    struct year alt = {0};
    if (lit(c, "(")) {
        skip_spaces(c);
        st = read_year_only(c, &alt, r);
        skip_spaces(c);
        if (st == PC_JA_OK && lit(c, ")")) {
            if (check_same_year(y, &alt, r) != PC_JA_OK) return PC_JA_BAD;
            if (alt.nera) y->era[y->nera++] = alt.era[0];
            return PC_JA_OK;
        }
        if (st == PC_JA_BAD) return st;
    }
    *c = save;
    return PC_JA_OK;
}

/* "(" year unit ")" after a unit: 2025年度（令和7年度）. */
static int read_alt_after_unit(struct cur *c, struct year *y, const char *const *units,
                               struct pc_ja_result *r)
{
    struct cur save = *c;
    skip_spaces(c);
    if (!lit(c, "(")) return (*c = save), PC_JA_OK;
    skip_spaces(c);
    struct year alt = {0};
    int st = read_year_only(c, &alt, r);
    if (st == PC_JA_BAD) return st;
    skip_spaces(c);
    if (st == PC_JA_NONE || lit_any(c, units) < 0 || (skip_spaces(c), !lit(c, ")")))
        return (*c = save), PC_JA_OK;
    if (check_same_year(y, &alt, r) != PC_JA_OK) return PC_JA_BAD;
    if (alt.nera && y->nera < 2) y->era[y->nera++] = alt.era[0];
    return PC_JA_OK;
}

/* The span from..to must meet each era the year was written in (a date:
 * lie inside it). */
static int check_eras(const struct year *y, struct pc_ja_date from, struct pc_ja_date to,
                      struct pc_ja_result *r)
{
    for (int i = 0; i < y->nera; i++) {
        int e = y->era[i];
        struct pc_ja_date first = eras[e].start, last = eras[e].last;
        if (key(to) >= key(first) && key(from) <= key(last)) continue;
        char a[16], b[16];
        iso(a, first);
        iso(b, last);
        if (e + 1 >= NERAS)
            return bad(r, "%s began on %s", eras[e].name, a);
        return bad(r, "%s ran from %s to %s", eras[e].name, a, b);
    }
    return PC_JA_OK;
}

/* ---- dates ----------------------------------------------------------- */

static const char *const weekdays[] = {"日", "月", "火", "水", "木", "金", "土", NULL};

/* "(火)", "(火曜日)", "(火・祝)"; -1 if there is none (cursor unmoved). */
static int read_weekday(struct cur *c)
{
    struct cur save = *c;
    skip_spaces(c);
    if (!lit(c, "(")) return (*c = save), -1;
    skip_spaces(c);
    int w = lit_any(c, weekdays);
    if (w >= 0) {
        if (!lit(c, "曜日")) lit(c, "曜");
        if (!lit(c, "・祝")) lit(c, "祝");
        skip_spaces(c);
    }
    if (w < 0 || !lit(c, ")")) return (*c = save), -1;
    return w;
}

/* Reads a date from the cursor without requiring the end of the text. */
static int read_date(struct cur *c, struct pc_ja_date *d, struct year *y, struct pc_ja_result *r)
{
    int st = read_year(c, y, r);
    if (st != PC_JA_OK) return st;
    skip_spaces(c);
    char sep = 0;
    if (lit(c, "年"))
        sep = 'J';
    else if (c->p < c->e && (*c->p == '/' || *c->p == '.' || *c->p == '-'))
        sep = *c->p++;
    else
        return PC_JA_NONE;
    skip_spaces(c);
    int km = digits(c, &d->m);
    skip_spaces(c);
    if (km < 1 || km > 2 || !(sep == 'J' ? lit(c, "月") : c->p < c->e && *c->p++ == sep))
        return PC_JA_NONE;
    skip_spaces(c);
    int kd = digits(c, &d->d);
    if (kd < 1 || kd > 2 || (sep == 'J' && (skip_spaces(c), !lit(c, "日")))) return PC_JA_NONE;
    d->y = y->y;
    int w = read_weekday(c);
    if (d->m < 1 || d->m > 12) return bad(r, "there is no month %d", d->m);
    if (d->d < 1 || d->d > month_days(d->y, d->m))
        return bad(r, "%04d-%02d has no day %d", d->y, d->m, d->d);
    if (check_eras(y, *d, *d, r) != PC_JA_OK) return PC_JA_BAD;
    if (w >= 0 && w != weekday(*d))
        return bad(r, "%04d-%02d-%02d is a %s曜日, not a %s曜日", d->y, d->m, d->d,
                   weekdays[weekday(*d)], weekdays[w]);
    return PC_JA_OK;
}

int pc_ja_date(const char *s, size_t n, struct pc_ja_result *r)
{
    memset(r, 0, sizeof *r);
    struct folded f;
    if (!fold_for_parsing(s, n, &f) || !kanji_numerals(&f)) return PC_JA_NONE;
    struct cur c = cursor(&f);
    struct year y;
    int st = read_date(&c, &r->start, &y, r);
    if (st != PC_JA_OK) return r->status = st;
    skip_spaces(&c);
    if (c.p != c.e) return r->status = PC_JA_NONE;
    r->end = r->start;
    iso(r->text, r->start);
    return ok(r, &f, y.nera ? "era-date" : "date");
}

/* ---- times ----------------------------------------------------------- */

static const char *const am_words[] = {"午前", "AM", "am", "A.M.", "a.m.", NULL};
static const char *const pm_words[] = {"午後", "PM", "pm", "P.M.", "p.m.", NULL};

static int read_time(struct cur *c, int *h, int *m, int *s, bool *secs, struct pc_ja_result *r)
{
    *m = *s = 0;
    *secs = false;
    if (lit(c, "正午")) { /* noon, as the Diet's minutes write 12:00 */
        *h = 12;
        return PC_JA_OK;
    }
    int half = lit_any(c, am_words) >= 0 ? 1 : lit_any(c, pm_words) >= 0 ? 2 : 0;
    skip_spaces(c);
    int k = digits(c, h);
    if (k < 1 || k > 2) return PC_JA_NONE;
    if (lit(c, ":")) {
        if (digits(c, m) != 2) return PC_JA_NONE;
        if (lit(c, ":")) {
            if (digits(c, s) != 2) return PC_JA_NONE;
            *secs = true;
        }
    } else if (lit(c, "時")) {
        struct cur save = *c;
        skip_spaces(c);
        if (lit(c, "半")) {
            *m = 30;
        } else if ((k = digits(c, m)) >= 1 && k <= 2 && lit(c, "分")) {
            save = *c;
            skip_spaces(c);
            if ((k = digits(c, s)) >= 1 && k <= 2 && lit(c, "秒"))
                *secs = true;
            else
                *c = save, *s = 0;
        } else {
            *c = save;
            *m = 0;
        }
    } else {
        return PC_JA_NONE;
    }
    if (half && *h > 11)
        return bad(r, "%s%d時 is ambiguous; write the time from 0:00 to 23:59",
                   half == 1 ? "午前" : "午後", *h);
    if (half == 2) *h += 12;
    if (*h > 23 || *m > 59 || *s > 59) return bad(r, "there is no such time of day");
    return PC_JA_OK;
}

/* HH:MM or HH:MM:SS into out (9 bytes). */
static void hhmm(char *out, int h, int m, int s, bool secs)
{
    char *p = put_num(out, h, 2);
    *p++ = ':';
    p = put_num(p, m, 2);
    if (secs) {
        *p++ = ':';
        p = put_num(p, s, 2);
    }
    *p = '\0';
}

int pc_ja_time(const char *s, size_t n, struct pc_ja_result *r)
{
    memset(r, 0, sizeof *r);
    struct folded f;
    if (!fold_for_parsing(s, n, &f) || !kanji_numerals(&f)) return PC_JA_NONE;
    struct cur c = cursor(&f);
    int h, m, sec;
    bool secs;
    int st = read_time(&c, &h, &m, &sec, &secs, r);
    if (st != PC_JA_OK) return r->status = st;
    skip_spaces(&c);
    if (c.p != c.e) return r->status = PC_JA_NONE;
    hhmm(r->text, h, m, sec, secs);
    return ok(r, &f, "time");
}

static const char *const range_marks[] = {"~", "-", "から", NULL};

int pc_ja_time_range(const char *s, size_t n, struct pc_ja_result *r)
{
    memset(r, 0, sizeof *r);
    struct folded f;
    if (!fold_for_parsing(s, n, &f) || !kanji_numerals(&f)) return PC_JA_NONE;
    struct cur c = cursor(&f);
    int h1, m1, s1, h2, m2, s2;
    bool x1, x2;
    int st = read_time(&c, &h1, &m1, &s1, &x1, r);
    if (st != PC_JA_OK) return r->status = st;
    skip_spaces(&c);
    if (lit_any(&c, range_marks) < 0) return r->status = PC_JA_NONE;
    skip_spaces(&c);
    st = read_time(&c, &h2, &m2, &s2, &x2, r);
    if (st != PC_JA_OK) return r->status = st;
    skip_spaces(&c);
    lit(&c, "まで");
    if (c.p != c.e) return r->status = PC_JA_NONE;
    if (h2 * 3600 + m2 * 60 + s2 < h1 * 3600 + m1 * 60 + s1)
        return bad(r, "the range ends before it starts");
    hhmm(r->text, h1, m1, s1, x1);
    hhmm(r->text_end, h2, m2, s2, x2);
    r->status = PC_JA_OK;
    r->rule = "time-range";
    return PC_JA_OK;
}

/* ---- fiscal years ---------------------------------------------------- */

static const char *const year_units[] = {"年度", "年", NULL};
static const char *const fy_words[] = {"FY", "Fy", "fy", NULL};

/* A fiscal year Y runs from Y-04-01 to (Y+1)-03-31. */
static void fiscal_span(int y, struct pc_ja_date *from, struct pc_ja_date *to)
{
    *from = (struct pc_ja_date){y, 4, 1};
    *to = (struct pc_ja_date){y + 1, 3, 31};
}

int pc_ja_fiscal_year(const char *s, size_t n, struct pc_ja_result *r)
{
    memset(r, 0, sizeof *r);
    struct folded f;
    if (!fold_for_parsing(s, n, &f)) return PC_JA_NONE;
    struct cur c = cursor(&f);
    struct year y = {0};
    if (lit_any(&c, fy_words) >= 0) {
        skip_spaces(&c);
        if (digits(&c, &y.y) != 4) return r->status = PC_JA_NONE;
        lit(&c, "年度");
    } else {
        int st = read_year(&c, &y, r);
        if (st != PC_JA_OK) return r->status = st;
        skip_spaces(&c);
        if (lit_any(&c, year_units) >= 0 &&
            read_alt_after_unit(&c, &y, year_units, r) == PC_JA_BAD)
            return PC_JA_BAD;
    }
    skip_spaces(&c);
    if (c.p != c.e) return r->status = PC_JA_NONE;
    fiscal_span(y.y, &r->start, &r->end);
    if (check_eras(&y, r->start, r->end, r) != PC_JA_OK) return PC_JA_BAD;
    *put_num(r->text, y.y, 1) = '\0';
    return ok(r, &f, "fiscal-year");
}

/* ---- periods --------------------------------------------------------- */

/* Parts of a year, in months from its first month (April for a fiscal
 * year, January for a calendar year): first and last month. */
static const struct part {
    const char *words[5];
    int from, to;
} year_parts[] = {
    {{"中", "内", "", NULL}, 0, 11},
    {{"末", NULL}, 11, 11},
    {{"当初", "初め", "初頭", "初", NULL}, 0, 0},
    {{"上期", "上半期", "前半", "前期", NULL}, 0, 5},
    {{"下期", "下半期", "後半", "後期", NULL}, 6, 11},
}, seasons[] = {
    /* months from January: winter runs into the next year */
    {{"春", NULL}, 2, 4},
    {{"夏", NULL}, 5, 7},
    {{"秋", NULL}, 8, 10},
    {{"冬", NULL}, 11, 13},
};

/* Calendar-year words with a conventional span: the ordinary Diet session
 * (通常国会) opens in January for 150 days; 年央 (mid-year) is read as June
 * and July, the year's two middle months. */
static const struct part calendar_words[] = {
    {{"通常国会", NULL}, 0, 5},
    {{"年央", NULL}, 5, 6},
};

/* Days of a month: first and last day (99: the month's last). */
static const struct part month_parts[] = {
    {{"上旬", "初旬", "初め", "初", NULL}, 1, 10},
    {{"中旬", NULL}, 11, 20},
    {{"下旬", "末", NULL}, 21, 99},
    {{"中", "内", "", NULL}, 1, 99},
};

/* Words after a period that do not change it: 2025年度末までに, 秋頃. */
static const char *const trailers[] = {"を目途に", "を目処に", "を目途", "を目処", "目途",
                                       "目処", "めど", "までに", "まで", "頃", "ごろ", NULL};

static int find_part(struct cur *c, const struct part *parts, size_t n)
{
    /* the longest word first: 上半期 before 上期 is handled by listing */
    for (size_t i = 0; i < n; i++)
        for (int k = 0; parts[i].words[k]; k++) {
            struct cur t = *c;
            if (*parts[i].words[k] && !lit(&t, parts[i].words[k])) continue;
            skip_spaces(&t);
            if (t.p != t.e) continue; /* a part must end the text */
            *c = t;
            return (int)i;
        }
    return -1;
}

/* Months from..to counted from month `first` of year y. */
static void month_span(int y, int first, int from, int to, struct pc_ja_result *r)
{
    int a = first - 1 + from, b = first - 1 + to;
    r->start = (struct pc_ja_date){y + a / 12, a % 12 + 1, 1};
    r->end = (struct pc_ja_date){y + b / 12, b % 12 + 1, 1};
    r->end.d = month_days(r->end.y, r->end.m);
}

/* 第N四半期 (and 中 after it where `naka` allows) ending the text: the
 * quarter of the year starting in month `first`. PC_JA_NONE if it is not
 * there, leaving *c as it was. */
static int quarter(struct cur *c, int y, int first, bool naka, struct pc_ja_result *r)
{
    int q;
    struct cur t = *c;
    if (!lit(&t, "第") || digits(&t, &q) != 1 || !lit(&t, "四半期")) return PC_JA_NONE;
    if (naka) lit(&t, "中");
    skip_spaces(&t);
    if (t.p != t.e) return PC_JA_NONE;
    *c = t;
    if (q < 1 || q > 4) return bad(r, "a year has no quarter %d", q);
    month_span(y, first, (q - 1) * 3, (q - 1) * 3 + 2, r);
    return PC_JA_OK;
}

/* What follows "年度": a part of the fiscal year or a quarter. */
static int fiscal_part(struct cur *c, int y, struct pc_ja_result *r)
{
    int st = quarter(c, y, 4, true, r);
    if (st != PC_JA_NONE) return st;
    int p = find_part(c, year_parts, sizeof year_parts / sizeof year_parts[0]);
    if (p < 0) return PC_JA_NONE;
    month_span(y, 4, year_parts[p].from, year_parts[p].to, r);
    return PC_JA_OK;
}

/* What follows a calendar "年": a month (and part), a season, a part, a quarter. */
static int calendar_part(struct cur *c, int y, struct pc_ja_result *r)
{
    int m;
    struct cur t = *c;
    int k = digits(&t, &m);
    if (k >= 1 && k <= 2 && (skip_spaces(&t), lit(&t, "月"))) {
        int p = find_part(&t, month_parts, sizeof month_parts / sizeof month_parts[0]);
        if (p < 0) return PC_JA_NONE;
        *c = t;
        if (m < 1 || m > 12) return bad(r, "there is no month %d", m);
        r->start = (struct pc_ja_date){y, m, month_parts[p].from};
        int last = month_parts[p].to;
        r->end = (struct pc_ja_date){y, m, last > 28 ? month_days(y, m) : last};
        return PC_JA_OK;
    }
    int st = quarter(c, y, 1, false, r);
    if (st != PC_JA_NONE) return st;
    int s = find_part(c, seasons, sizeof seasons / sizeof seasons[0]);
    if (s < 0 && (s = find_part(c, calendar_words, 2)) >= 0) {
        month_span(y, 1, calendar_words[s].from, calendar_words[s].to, r);
        return PC_JA_OK;
    }
    if (s >= 0) {
        month_span(y, 1, seasons[s].from, seasons[s].to, r);
        return PC_JA_OK;
    }
    int p = find_part(c, year_parts, sizeof year_parts / sizeof year_parts[0]);
    if (p < 0) return PC_JA_NONE;
    month_span(y, 1, year_parts[p].from, year_parts[p].to, r);
    return PC_JA_OK;
}

/* Drops words that follow a period without changing it. */
static void drop_trailers(struct folded *f)
{
    for (bool again = true; again;) {
        again = false;
        for (int i = 0; trailers[i]; i++) {
            size_t k = strlen(trailers[i]);
            if (f->len > k && memcmp(f->text + f->len - k, trailers[i], k) == 0) {
                f->len -= k;
                while (f->len && f->text[f->len - 1] == ' ') f->len--;
                f->text[f->len] = '\0';
                again = true;
            }
        }
    }
}

static int finish_period(struct pc_ja_result *r, const struct year *y)
{
    if (check_eras(y, r->start, r->end, r) != PC_JA_OK) return PC_JA_BAD;
    iso(r->text, r->start);
    iso(r->text_end, r->end);
    r->rule = "period";
    return r->status = PC_JA_OK;
}

static int period_of_year(struct cur *c, struct pc_ja_result *r)
{
    struct year y = {0};
    int st;
    if (lit_any(c, fy_words) >= 0) {
        skip_spaces(c);
        if (digits(c, &y.y) != 4) return PC_JA_NONE;
        lit(c, "年度");
        skip_spaces(c);
        st = fiscal_part(c, y.y, r);
    } else {
        if ((st = read_year(c, &y, r)) != PC_JA_OK) return st;
        skip_spaces(c);
        bool fiscal = lit(c, "年度");
        if (!fiscal && !lit(c, "年")) {
            /* 2021/1, 2021-01: a month */
            int m, k;
            if (y.nera || c->p == c->e || (*c->p != '/' && *c->p != '-')) return PC_JA_NONE;
            c->p++;
            if ((k = digits(c, &m)) < 1 || k > 2 || c->p != c->e) return PC_JA_NONE;
            if (m < 1 || m > 12) return bad(r, "there is no month %d", m);
            month_span(y.y, m, 0, 0, r);
            return finish_period(r, &y);
        }
        if (read_alt_after_unit(c, &y, year_units, r) == PC_JA_BAD) return PC_JA_BAD;
        skip_spaces(c);
        st = fiscal ? fiscal_part(c, y.y, r) : calendar_part(c, y.y, r);
    }
    if (st != PC_JA_OK) return st;
    return finish_period(r, &y);
}

int pc_ja_period(const char *s, size_t n, struct pc_ja_result *r)
{
    memset(r, 0, sizeof *r);
    struct folded f;
    if (!fold_for_parsing(s, n, &f)) return PC_JA_NONE;
    drop_trailers(&f);
    struct cur c = cursor(&f);
    struct year y = {0};
    int st = read_date(&c, &r->start, &y, r);
    if (st == PC_JA_BAD) return PC_JA_BAD;
    skip_spaces(&c);
    if (st == PC_JA_OK && c.p == c.e) {
        r->end = r->start;
        return finish_period(r, &y);
    }
    memset(r, 0, sizeof *r);
    c = cursor(&f);
    st = period_of_year(&c, r);
    return r->status = st;
}

/* ---- numbers ----------------------------------------------------------- */

int pc_ja_number(const char *s, size_t n, bool integer, struct pc_ja_result *r)
{
    memset(r, 0, sizeof *r);
    struct folded f;
    if (!fold_for_parsing(s, n, &f)) return PC_JA_NONE;
    struct cur c = cursor(&f);
    size_t o = 0;
    if (lit(&c, "▲") || lit(&c, "△") || lit(&c, "-"))
        r->text[o++] = '-';
    else
        lit(&c, "+");
    const char *run = c.p;
    while (c.p < c.e && *c.p >= '0' && *c.p <= '9') c.p++;
    size_t first = (size_t)(c.p - run);
    if (first == 0) return r->status = PC_JA_NONE;
    memcpy(r->text + o, run, first);
    o += first;
    /* thousands separators: 1,234,567 (groups of three after one to three digits) */
    while (c.p < c.e && *c.p == ',') {
        if (first > 3) return r->status = PC_JA_NONE;
        run = ++c.p;
        while (c.p < c.e && *c.p >= '0' && *c.p <= '9') c.p++;
        if (c.p - run != 3) return r->status = PC_JA_NONE;
        memcpy(r->text + o, run, 3);
        o += 3;
    }
    if (c.p < c.e && *c.p == '.' && !integer) {
        run = c.p++;
        while (c.p < c.e && *c.p >= '0' && *c.p <= '9') c.p++;
        memcpy(r->text + o, run, (size_t)(c.p - run));
        o += (size_t)(c.p - run);
    }
    if (c.p != c.e) return r->status = PC_JA_NONE;
    r->text[o] = '\0';
    return ok(r, &f, "number");
}
