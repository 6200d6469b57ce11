/* Casting integers, numbers and booleans as Table Schema reads them:
 * bareNumber, groupChar, decimalChar, trueValues and falseValues. The
 * canonical text is what JSON writes: no group characters, "." for the
 * decimal point, no leading zeros, no "+". */
#include "types.h"

#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Python's int() and Decimal() allow blanks around the number. */
static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1])) (*n)--;
}

/* bareNumber false: what precedes the number (a currency sign) and what
 * follows it (a unit, %, ‰) is dropped. A sign, or a decimal mark before a
 * digit, starts the number. */
static void strip_around(const char **s, size_t *n, char decimal)
{
    size_t i = 0;
    while (i < *n) {
        char c = (*s)[i];
        if (is_digit(c)) break;
        bool next_digit = i + 1 < *n && is_digit((*s)[i + 1]);
        bool next_dec_digit = i + 2 < *n && (*s)[i + 1] == decimal && is_digit((*s)[i + 2]);
        if ((c == '-' || c == '+') && (next_digit || next_dec_digit)) break;
        if (decimal && c == decimal && next_digit) break;
        i++;
    }
    size_t e = *n;
    while (e > i && !is_digit((*s)[e - 1])) e--;
    *s += i;
    *n = e - i;
}

/* Digits without leading zeros (one 0 kept) appended to out at *k. */
static void put_digits(char *out, size_t *k, const char *d, size_t n)
{
    while (n > 1 && *d == '0') d++, n--;
    memcpy(out + *k, d, n);
    *k += n;
}

/* The value of canonical integer text of at most 15 digits: exact in a
 * double, so the same as strtod's, without its cost. */
static double small_integer(const char *t)
{
    bool neg = *t == '-';
    int64_t v = 0;
    for (t += neg; *t; t++) v = v * 10 + (*t - '0');
    return (double)(neg ? -v : v);
}

static bool too_long(size_t n, struct pc_cast_out *o)
{
    if (n <= PC_CAST_MAX_NUMBER) return false;
    o->why = N_("\"%s\" is longer than the 400 characters a number may have");
    return true;
}

bool pc_cast_integer(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                     struct pc_cast_out *o)
{
    if (src == PC_SRC_BOOLEAN) return false;
    const char *as_read = s;
    size_t read_len = n;
    if (src == PC_SRC_TEXT && !f->bare_number) strip_around(&s, &n, 0);
    trim(&s, &n);
    if (too_long(n, o)) return false;
    size_t i = 0, k = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    size_t start = i;
    while (i < n && is_digit(s[i])) i++;
    /* a JSON number such as 3.0 is an integer; its zero fraction is dropped */
    size_t digits_end = i;
    if (src == PC_SRC_NUMBER && i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] == '0') i++;
    }
    if (i == start || i != n) return false;
    size_t nd = digits_end - start;
    const char *d = s + start;
    while (nd > 1 && *d == '0') d++, nd--;
    bool zero = nd == 1 && *d == '0';
    if (neg && !zero) o->buf[k++] = '-';
    put_digits(o->buf, &k, d, nd);
    o->buf[k] = '\0';
    size_t mag = k - (o->buf[0] == '-');
    const char *lim = o->buf[0] == '-' ? "9223372036854775808" : "9223372036854775807";
    if (mag > 19 || (mag == 19 && memcmp(o->buf + (k - mag), lim, 19) > 0)) {
        o->why = f->type == PC_T_YEAR ? N_("\"%s\" is a year beyond the 64-bit range")
                                      : N_("\"%s\" is an integer beyond the 64-bit range");
        return false;
    }
    /* canonical as read (most are): the value keeps its text, uncopied */
    bool same = k == read_len && memcmp(o->buf, as_read, k) == 0;
    o->text = same ? as_read : o->buf;
    o->len = k;
    o->num = mag <= 15 ? small_integer(o->buf) : strtod(o->buf, NULL);
    return true;
}

/* Python's Decimal spellings of the special values, any case. */
static bool special(const char *s, size_t n, struct pc_cast_out *o)
{
    bool neg = n && s[0] == '-';
    size_t i = n && (s[0] == '-' || s[0] == '+');
    const char *w = s + i;
    size_t wn = n - i;
    const char *text;
    if ((wn == 3 && strncasecmp(w, "nan", 3) == 0) || (wn == 4 && strncasecmp(w, "snan", 4) == 0))
        text = "NaN";
    else if ((wn == 3 && strncasecmp(w, "inf", 3) == 0) ||
             (wn == 8 && strncasecmp(w, "infinity", 8) == 0))
        text = neg ? "-INF" : "INF";
    else
        return false;
    o->text = text;
    o->len = strlen(text);
    o->num = strtod(text[0] == 'N' ? "nan" : neg ? "-inf" : "inf", NULL);
    return true;
}

/* Digits with the group character removed and the decimal mark made "."
 * into out; false when a "." is there although the mark is another. */
static bool ungroup(const struct pc_field *f, const char *s, size_t n, char *out, size_t *k)
{
    const char *g = f->group_char;
    size_t gl = g ? strlen(g) : 0;
    const char *dm = f->decimal_char ? f->decimal_char : ".";
    size_t dl = strlen(dm);
    bool other_mark = strcmp(dm, ".") != 0;
    *k = 0;
    for (size_t i = 0; i < n;) {
        if (gl && n - i >= gl && memcmp(s + i, g, gl) == 0) {
            i += gl;
        } else if (n - i >= dl && memcmp(s + i, dm, dl) == 0) {
            out[(*k)++] = '.';
            i += dl;
        } else {
            if (other_mark && s[i] == '.') return false;
            out[(*k)++] = s[i++];
        }
    }
    return true;
}

bool pc_cast_number(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                    struct pc_cast_out *o)
{
    if (src == PC_SRC_BOOLEAN) return false;
    char tmp[PC_CAST_MAX_NUMBER + 1];
    if (src == PC_SRC_TEXT) {
        const char *dm = f->decimal_char ? f->decimal_char : ".";
        if (!f->bare_number) strip_around(&s, &n, strlen(dm) == 1 ? dm[0] : '.');
        trim(&s, &n);
        if (too_long(n, o)) return false;
        size_t k;
        if (!ungroup(f, s, n, tmp, &k)) return false;
        s = tmp;
        n = k;
    }
    trim(&s, &n);
    if (too_long(n, o)) return false;
    if (special(s, n, o)) return true;
    size_t i = 0, k = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    size_t ip = i;
    while (i < n && is_digit(s[i])) i++;
    size_t ipn = i - ip, fp = 0, fpn = 0;
    if (i < n && s[i] == '.') {
        fp = ++i;
        while (i < n && is_digit(s[i])) i++;
        fpn = i - fp;
    }
    if (ipn + fpn == 0) return false;
    size_t ep = 0, epn = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ep = ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t d = i;
        while (i < n && is_digit(s[i])) i++;
        if (i == d) return false;
        epn = i - ep;
    }
    if (i != n) return false;
    if (neg) o->buf[k++] = '-';
    if (ipn)
        put_digits(o->buf, &k, s + ip, ipn);
    else
        o->buf[k++] = '0'; /* .5 is 0.5 */
    if (fpn) {
        o->buf[k++] = '.';
        memcpy(o->buf + k, s + fp, fpn);
        k += fpn;
    }
    if (epn) {
        o->buf[k++] = 'e';
        memcpy(o->buf + k, s + ep, epn);
        k += epn;
    }
    o->buf[k] = '\0';
    o->text = o->buf;
    o->len = k;
    o->num = strtod(o->buf, NULL);
    return true;
}

static const char *const default_true[] = {"true", "True", "TRUE", "1"};
static const char *const default_false[] = {"false", "False", "FALSE", "0"};

static bool in_values(json_t *list, const char *const *dflt, size_t ndflt, const char *s,
                      size_t n)
{
    if (list) {
        for (size_t i = 0; i < json_array_size(list); i++) {
            json_t *v = json_array_get(list, i);
            if (json_is_string(v) && json_string_length(v) == n &&
                memcmp(json_string_value(v), s, n) == 0)
                return true;
        }
        return false;
    }
    for (size_t i = 0; i < ndflt; i++)
        if (strlen(dflt[i]) == n && memcmp(dflt[i], s, n) == 0) return true;
    return false;
}

bool pc_cast_boolean(const struct pc_field *f, const char *s, size_t n, enum pc_cast_src src,
                     struct pc_cast_out *o)
{
    if (src == PC_SRC_NUMBER) return false;
    bool yes;
    if (src == PC_SRC_BOOLEAN)
        yes = n == 4;
    else if (in_values(f->true_values, default_true, PC_ARRAY_LEN(default_true), s, n))
        yes = true;
    else if (in_values(f->false_values, default_false, PC_ARRAY_LEN(default_false), s, n))
        yes = false;
    else
        return false;
    o->text = yes ? "true" : "false";
    o->len = yes ? 4 : 5;
    o->num = yes;
    return true;
}
