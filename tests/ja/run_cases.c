/* Runs a file of Japanese normalization cases (format: the comment at the
 * top of tests/ja/cases.txt): each case's input through its rule, the
 * result compared with the expected line. A failure names FILE:LINE of
 * the case. Exit status 0 if every case passes, 1 otherwise. */
#include "validate/ja.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct input {
    FILE *f;
    const char *path;
    unsigned long line;
    char *buf;
    size_t cap;
};

/* The next line without its LF, or NULL at the end. Valid until the next call. */
static const char *next_line(struct input *in, size_t *n)
{
    ssize_t k = getline(&in->buf, &in->cap, in->f);
    if (k < 0) return NULL;
    in->line++;
    if (k > 0 && in->buf[k - 1] == '\n') in->buf[--k] = '\0';
    *n = (size_t)k;
    return in->buf;
}

/* Runs one case; writes what it gave into `got` (the format of the
 * expected line) and, if refused, why into `why`. False for an unknown rule. */
static bool run(const char *rule, const char *s, size_t n, char *got, size_t size, char *why,
                size_t why_size)
{
    static const struct {
        const char *name;
        unsigned flags;
    } folds[] = {{"fold-ascii", PC_JA_FOLD_ASCII},
                 {"fold-kana", PC_JA_FOLD_KANA},
                 {"fold", PC_JA_FOLD_ASCII | PC_JA_FOLD_KANA}};
    for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++) {
        if (strcmp(rule, folds[i].name) != 0) continue;
        if (n >= size) return false;
        size_t k = pc_ja_fold(s, n, got, folds[i].flags);
        got[k] = '\0';
        /* the contract callers size their buffers by: folding never grows */
        if (k > n) snprintf(got, size, "(grew from %zu to %zu bytes)", n, k);
        why[0] = '\0';
        return true;
    }
    struct pc_ja_result r;
    int st;
    bool span = false;
    if (strcmp(rule, "date") == 0) st = pc_ja_date(s, n, &r);
    else if (strcmp(rule, "time") == 0) st = pc_ja_time(s, n, &r);
    else if (strcmp(rule, "time-range") == 0) st = pc_ja_time_range(s, n, &r), span = true;
    else if (strcmp(rule, "fiscal-year") == 0) st = pc_ja_fiscal_year(s, n, &r);
    else if (strcmp(rule, "period") == 0) st = pc_ja_period(s, n, &r), span = true;
    else if (strcmp(rule, "integer") == 0) st = pc_ja_number(s, n, true, &r);
    else if (strcmp(rule, "number") == 0) st = pc_ja_number(s, n, false, &r);
    else return false;
    snprintf(why, why_size, "%s", st == PC_JA_BAD ? r.why : "");
    if (st == PC_JA_BAD)
        snprintf(got, size, "!");
    else if (st == PC_JA_NONE)
        snprintf(got, size, "?");
    else if (span)
        snprintf(got, size, "%s/%s", r.text, r.text_end);
    else
        snprintf(got, size, "%s", r.text);
    return true;
}

/* Reads and runs every case; returns the number of failures. */
static unsigned long run_file(struct input *in, unsigned long *count)
{
    unsigned long failed = 0;
    const char *s;
    size_t n;
    while ((s = next_line(in, &n))) {
        if (n == 0 || s[0] == '#') continue;
        unsigned long at = in->line;
        char rule[32], input[512], got[512], why[256];
        snprintf(rule, sizeof rule, "%s", s);
        if (!(s = next_line(in, &n)) || n >= sizeof input) goto malformed;
        memcpy(input, s, n + 1);
        size_t input_n = n;
        if (!(s = next_line(in, &n))) goto malformed;
        (*count)++;
        if (!run(rule, input, input_n, got, sizeof got, why, sizeof why)) {
            fprintf(stderr, "%s:%lu: unknown rule \"%s\"\n", in->path, at, rule);
            failed++;
        } else if (strcmp(got, s) != 0) {
            fprintf(stderr, "%s:%lu: %s \"%s\" gave \"%s\", expected \"%s\"%s%s\n", in->path, at,
                    rule, input, got, s, why[0] ? " because " : "", why);
            failed++;
        } else if (strcmp(got, "!") == 0 && !why[0]) {
            fprintf(stderr, "%s:%lu: %s \"%s\" is refused without a reason\n", in->path, at, rule,
                    input);
            failed++;
        }
        if ((s = next_line(in, &n)) && n != 0) goto malformed;
    }
    return failed;
malformed:
    fprintf(stderr, "%s:%lu: a case is three lines (rule, input, expected) and a blank line\n",
            in->path, in->line);
    return failed + 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CASES.txt\n", argv[0]);
        return 2;
    }
    struct input in = {.path = argv[1]};
    if (!(in.f = fopen(in.path, "r"))) {
        perror(in.path);
        return 2;
    }
    unsigned long count = 0, failed = run_file(&in, &count);
    fclose(in.f);
    free(in.buf);
    printf("%s: %lu cases, %lu failed\n", in.path, count, failed);
    return failed ? 1 : 0;
}
