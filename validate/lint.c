/* The machine-readability rules. Each is a small function over one value
 * or one column; findings are errors of type "lint" (severity PC_SEV_LINT) naming the rule. */
#include "lint.h"

#include "ja.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per column: how the cells run, for merged-cell remnants (a value, then
 * empty cells, then a value ... as Excel exports merged cells). */
struct column {
    unsigned long filled, empty, empty_after_filled, first_gap_line;
};

struct pc_linter {
    struct column *cols;
    size_t ncols;
    unsigned long records, blank_rows;
};

struct pc_linter *pc_lint_new(void)
{
    return calloc(1, sizeof(struct pc_linter));
}

void pc_lint_free(struct pc_linter *l)
{
    if (!l) return;
    free(l->cols);
    free(l);
}

/* One finding: `fmt` (untranslated, one %s for `arg`) says what is wrong,
 * `fix` (translated already, often quoting the value) what to write. */
static void finding(struct pc_errsink *sink, enum pc_hint hint, unsigned long line,
                    const char *field, const char *cell, const char *rule, const char *fmt,
                    const char *arg, const char *fix)
{
    char msg[512];
    snprintf(msg, sizeof msg, PC_(fmt), arg);
    struct pc_error e = {.code = PC_INVALID,
                         .severity = PC_SEV_LINT,
                         .hint = hint,
                         .type = "lint",
                         .line = line,
                         .field = field,
                         .cell = cell,
                         .rule = rule};
    pc_report(sink, &e, "%s [%s]; %s", msg, rule, fix);
}

static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

static bool is_space(uint32_t cp)
{
    return cp == 0x3000 || cp == ' ';
}

/* 開　会, 議 事, 氏　　名: a short label spread out with spaces, one
 * character between each, for alignment; the text without the spaces goes
 * to `joined`. Words parted by a space (札幌市 中央区, 総務省 デジタル庁) are
 * words, not layout: a part longer than one character is a word. */
static bool spaced_word(const char *s, size_t n, char *joined, size_t size)
{
    if (n > 24) return false; /* short labels, not sentences */
    size_t i = 0, parts = 0, run = 0, o = 0;
    while (i < n) {
        size_t at = i;
        uint32_t cp = pc_utf8_next(s, n, &i);
        if (is_space(cp)) {
            if (run) parts++;
            if (run == 0 && at == 0) return false; /* a leading space */
            run = 0;
            continue;
        }
        if (!is_cjk(cp) || ++run > 1) return false;
        if (o + (i - at) < size) {
            memcpy(joined + o, s + at, i - at);
            o += i - at;
        }
    }
    joined[o < size ? o : size - 1] = '\0';
    return run == 1 && parts >= 1;
}

/* 100件, 3億円, 45%: a number with a unit in the cell; *digits gets the
 * number's length. */
static bool number_with_unit(const char *s, size_t n, size_t *number)
{
    static const char *const units[] = {"件", "円", "億円", "万円", "千円", "人", "%", "％",
                                        "個", "回", "箇所", "団体", "倍"};
    size_t digits = 0;
    while (digits < n && (strchr("0123456789,.", s[digits]) != NULL)) digits++;
    if (digits == 0 || digits == n) return false;
    *number = digits;
    for (size_t k = 0; k < PC_ARRAY_LEN(units); k++)
        if (strlen(units[k]) == n - digits && memcmp(s + digits, units[k], n - digits) == 0)
            return true;
    return false;
}

/* The value with its era year written as the Gregorian one (令和5年度末 ->
 * 2023年度末), into out; empty when the year is not plain digits or 元. */
static void gregorian(const char *s, size_t n, const char *era, int first, char *out, size_t size)
{
    out[0] = '\0';
    const char *at = memmem(s, n, era, strlen(era));
    size_t p = (size_t)(at - s) + strlen(era), q = p;
    int year = 0;
    if (n - p >= 3 && memcmp(s + p, "元", 3) == 0) {
        year = 1;
        q = p + 3;
    }
    while (!year && q < n && s[q] >= '0' && s[q] <= '9' && q - p < 3) q++;
    if (q == p) return;
    if (!year) year = atoi(s + p); /* digits end the number: atoi stops there */
    snprintf(out, size, "%.*s%d%.*s", (int)(at - s), s, first + year - 1, (int)(n - q), s + q);
}

/* 令和5年度 without 2023: a date, period or year value (not a sentence)
 * given only in the Japanese era; its Gregorian spelling goes to `fixed`. */
static bool era_only_year(const char *s, size_t n, char *fixed, size_t size)
{
    struct pc_ja_result r;
    if (pc_ja_period(s, n, &r) != PC_JA_OK && pc_ja_fiscal_year(s, n, &r) != PC_JA_OK)
        return false;
    static const struct { const char *name; int first; } eras[] = {
        {"令和", 2019}, {"平成", 1989}, {"昭和", 1926}, {"大正", 1912}, {"明治", 1868}};
    bool era = false;
    for (size_t k = 0; k < PC_ARRAY_LEN(eras) && !era; k++)
        if ((era = memmem(s, n, eras[k].name, strlen(eras[k].name)) != NULL))
            gregorian(s, n, eras[k].name, eras[k].first, fixed, size);
    if (!era) return false;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = (s[i] >= '0' && s[i] <= '9') ? run + 1 : 0;
        if (run == 4) return false; /* a Gregorian year is written too */
    }
    return true;
}

/* Two dates in one cell: 2023/4/1、2023/5/1 or 令和5年4月1日～令和5年5月1日;
 * *first and *second get where the first ends and the second starts. */
static bool two_dates(const char *s, size_t n, size_t *first, size_t *second)
{
    static const char *const seps[] = {"、", ",", "，", "・", "及び", "及ぴ", " "};
    for (size_t k = 0; k < PC_ARRAY_LEN(seps); k++) {
        const char *hit = memmem(s, n, seps[k], strlen(seps[k]));
        if (!hit) continue;
        size_t a = (size_t)(hit - s), b = a + strlen(seps[k]);
        struct pc_ja_result r1, r2;
        if (pc_ja_date(s, a, &r1) == PC_JA_OK && pc_ja_date(s + b, n - b, &r2) == PC_JA_OK) {
            *first = a;
            *second = b;
            return true;
        }
    }
    return false;
}

static void lint_value(const char *s, size_t n, unsigned long line, const char *field,
                       struct pc_errsink *sink)
{
    char cell[256], fixed[256], fix[600];
    snprintf(cell, sizeof cell, "%.*s", (int)(n < 200 ? n : 200), s);
    size_t a, b;
    if (number_with_unit(s, n, &a)) { /* the hints quote the value at hand */
        snprintf(fix, sizeof fix, PC_("write %.*s alone and the unit in the header (%s（%.*s）)"),
                 (int)a, s, field ? field : "", (int)(n - a), s + a);
        finding(sink, PC_HINT_NONE, line, field, cell, "unit-in-cell",
                "\"%s\" holds a unit beside its number", cell, fix);
    }
    if (era_only_year(s, n, fixed, sizeof fixed)) {
        if (*fixed)
            snprintf(fix, sizeof fix, PC_("write the Gregorian year (%s) or both (%s（%s）)"),
                     fixed, fixed, cell);
        else
            snprintf(fix, sizeof fix, "%s", PC_("write the Gregorian year, or both"));
        finding(sink, PC_HINT_NONE, line, field, cell, "era-only-year",
                "\"%s\" gives the year only in the Japanese era", cell, fix);
    }
    if (two_dates(s, n, &a, &b)) {
        snprintf(fix, sizeof fix, PC_("give \"%.*s\" and \"%.*s\" each their own column or row"),
                 (int)a, s, (int)(n - b), s + b);
        finding(sink, PC_HINT_NONE, line, field, cell, "two-values-in-cell",
                "\"%s\" holds two dates", cell, fix);
    }
    if (spaced_word(s, n, fixed, sizeof fixed)) {
        snprintf(fix, sizeof fix, PC_("remove the spaces (%s -> %s)"), cell, fixed);
        finding(sink, PC_HINT_NONE, line, field, cell, "spaced-word",
                "\"%s\" has spaces inside a word, for alignment", cell, fix);
    }
    size_t pos = 0, len;
    uint32_t cp;
    if (pc_ja_next_nonstandard(s, n, &pos, &len, &cp)) {
        const char *std = pc_ja_nonstandard(cp);
        if (*std)
            snprintf(fix, sizeof fix, PC_("write %s for %.*s"), std, (int)len, s + pos);
        else
            snprintf(fix, sizeof fix, PC_("write %.*s in characters every system has"), (int)len,
                     s + pos);
        finding(sink, PC_HINT_FIX, line, field, cell, "machine-dependent-character",
                "\"%s\" holds a machine-dependent character (機種依存文字)", cell, fix);
    }
}

pc_status pc_lint_record(struct pc_linter *l, const struct pc_record *rec,
                         const struct pc_label *labels, size_t nlabels, struct pc_errsink *sink)
{
    if (nlabels > l->ncols) {
        struct column *c = realloc(l->cols, nlabels * sizeof *c);
        if (!c) return PC_ENOMEM;
        memset(c + l->ncols, 0, (nlabels - l->ncols) * sizeof *c);
        l->cols = c;
        l->ncols = nlabels;
    }
    l->records++;
    bool any = false;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *cell = pc_record_cell(rec, i);
        const struct pc_value *v = &cell->v;
        if (v->type != PC_T_STRING || cell->label >= nlabels) continue;
        struct column *col = &l->cols[cell->label];
        if (v->len == 0) {
            col->empty++;
            if (col->filled) {
                col->empty_after_filled++;
                if (!col->first_gap_line) col->first_gap_line = rec->line;
            }
            continue;
        }
        any = true;
        col->filled++;
        lint_value(pc_value_text(rec->batch, v), v->len, rec->line, labels[cell->label].name,
                   sink);
    }
    if (!any && rec->ncells > 0)
        finding(sink, PC_HINT_NONE, rec->line, NULL, NULL, "blank-row", "the row is empty%s", "",
                PC_("remove blank rows; tables need no spacing"));
    return PC_OK;
}

void pc_lint_finish(struct pc_linter *l, const struct pc_label *labels, size_t nlabels,
                    struct pc_errsink *sink)
{
    for (size_t i = 0; i < l->ncols && i < nlabels; i++) {
        const struct column *c = &l->cols[i];
        /* mostly empty, the empties always under a value: merged cells */
        if (l->records >= 4 && c->filled >= 1 && c->empty_after_filled == c->empty &&
            c->empty * 2 >= l->records)
            finding(sink, PC_HINT_NONE, c->first_gap_line, labels[i].name, NULL, "merged-cells",
                    "column \"%s\" is empty below its values, as merged cells export",
                    labels[i].name, PC_("repeat the value on every row"));
    }
}
