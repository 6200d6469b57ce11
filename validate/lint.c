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
    pc_report(sink, &e, "%s [%s]; %s", msg, rule, PC_(fix));
}

static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* 開　会, 議 事: spaces between two Japanese characters, for alignment. */
static bool spaced_word(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t prev = 0;
    while (i < n) {
        uint32_t cp = pc_utf8_next(s, n, &i);
        if ((cp == 0x3000 || cp == ' ') && is_cjk(prev) && i < n) {
            size_t j = i;
            uint32_t next = pc_utf8_next(s, n, &j);
            while ((next == 0x3000 || next == ' ') && j < n) next = pc_utf8_next(s, n, &j);
            if (is_cjk(next) && n <= 24) return true; /* short labels, not sentences */
        }
        prev = cp;
    }
    return false;
}

/* 100件, 3億円, 45%: a number with a unit in the cell. */
static bool number_with_unit(const char *s, size_t n)
{
    static const char *const units[] = {"件", "円", "億円", "万円", "千円", "人", "%", "％",
                                        "個", "回", "箇所", "団体", "倍"};
    size_t digits = 0;
    while (digits < n && (strchr("0123456789,.", s[digits]) != NULL)) digits++;
    if (digits == 0 || digits == n) return false;
    for (size_t k = 0; k < PC_ARRAY_LEN(units); k++)
        if (strlen(units[k]) == n - digits && memcmp(s + digits, units[k], n - digits) == 0)
            return true;
    return false;
}

/* 令和5年度 without 2023: a date, period or year value (not a sentence)
 * given only in the Japanese era. */
static bool era_only_year(const char *s, size_t n)
{
    struct pc_ja_result r;
    if (pc_ja_period(s, n, &r) != PC_JA_OK && pc_ja_fiscal_year(s, n, &r) != PC_JA_OK)
        return false;
    static const char *const eras[] = {"令和", "平成", "昭和", "大正", "明治"};
    bool era = false;
    for (size_t k = 0; k < PC_ARRAY_LEN(eras) && !era; k++)
        era = memmem(s, n, eras[k], strlen(eras[k])) != NULL;
    if (!era) return false;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = (s[i] >= '0' && s[i] <= '9') ? run + 1 : 0;
        if (run == 4) return false; /* a Gregorian year is written too */
    }
    return true;
}

/* Two dates in one cell: 2023/4/1、2023/5/1 or 令和5年4月1日～令和5年5月1日. */
static bool two_dates(const char *s, size_t n)
{
    static const char *const seps[] = {"、", ",", "，", "・", "及び", "及ぴ", " "};
    for (size_t k = 0; k < PC_ARRAY_LEN(seps); k++) {
        const char *hit = memmem(s, n, seps[k], strlen(seps[k]));
        if (!hit) continue;
        size_t a = (size_t)(hit - s), b = a + strlen(seps[k]);
        struct pc_ja_result r1, r2;
        if (pc_ja_date(s, a, &r1) == PC_JA_OK && pc_ja_date(s + b, n - b, &r2) == PC_JA_OK)
            return true;
    }
    return false;
}

static void lint_value(const char *s, size_t n, unsigned long line, const char *field,
                       struct pc_errsink *sink)
{
    char cell[256];
    snprintf(cell, sizeof cell, "%.*s", (int)(n < 200 ? n : 200), s);
    if (number_with_unit(s, n))
        finding(sink, PC_HINT_NONE, line, field, cell, "unit-in-cell",
                "\"%s\" holds a unit beside its number", cell,
                "write the number alone and the unit in the header (e.g. 件数（件）)");
    if (era_only_year(s, n))
        finding(sink, PC_HINT_NONE, line, field, cell, "era-only-year",
                "\"%s\" gives the year only in the Japanese era", cell,
                "write the Gregorian year (2023年度) or both (2023年度（令和5年度）)");
    if (two_dates(s, n))
        finding(sink, PC_HINT_NONE, line, field, cell, "two-values-in-cell",
                "\"%s\" holds two dates", cell, "give each date its own column or row");
    if (spaced_word(s, n))
        finding(sink, PC_HINT_NONE, line, field, cell, "spaced-word",
                "\"%s\" has spaces inside a word, for alignment", cell,
                "remove the spaces (開　会 -> 開会)");
    size_t pos = 0, len;
    uint32_t cp;
    if (pc_ja_next_nonstandard(s, n, &pos, &len, &cp))
        finding(sink, PC_HINT_FIX, line, field, cell, "machine-dependent-character",
                "\"%s\" holds a machine-dependent character (機種依存文字)", cell,
                "write its standard spelling ((1) for ①, (株) for ㈱)");
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
                "remove blank rows; tables need no spacing");
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
                    labels[i].name, "repeat the value on every row");
    }
}
