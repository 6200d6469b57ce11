/* Casting dates, times, datetimes, yearmonths and durations: the ISO 8601
 * default formats, strptime patterns and "any". A value read by a pattern
 * keeps its text (the format writes it back as it was); its ISO form is
 * the key that minimum, maximum and enum compare. */
#include "types.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

struct tm_parts {
    int y, mo, d, h, mi, s;
    char frac[10]; /* fraction of a second, digits */
    char zone[8];  /* "Z", "+09:00" or "" */
    int pm;        /* %p: -1 none, 0 am, 1 pm */
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads between min and max digits at *i; -1 if fewer than min. */
static int read_num(const char *s, size_t n, size_t *i, int min, int max)
{
    int v = 0, k = 0;
    while (*i < n && k < max && is_digit(s[*i])) v = v * 10 + (s[(*i)++] - '0'), k++;
    return k < min ? -1 : v;
}

/* "Z" or +HH:MM / -HH:MM (with `colon`, else +HHMM accepted too). */
static bool read_zone(const char *s, size_t n, size_t *i, char *zone, bool colon_only)
{
    if (*i < n && s[*i] == 'Z') {
        (*i)++;
        strcpy(zone, "Z");
        return true;
    }
    if (*i >= n || (s[*i] != '+' && s[*i] != '-')) return false;
    char sign = s[(*i)++];
    size_t at = *i;
    int h = read_num(s, n, i, 2, 2);
    if (h < 0 || *i - at != 2 || h > 23) return false;
    bool colon = *i < n && s[*i] == ':';
    if (colon) (*i)++;
    else if (colon_only) return false;
    int m = read_num(s, n, i, 2, 2);
    if (m < 0 || m > 59) return false;
    snprintf(zone, 8, "%c%02d:%02d", sign, h, m);
    return true;
}

static bool valid_date(const struct tm_parts *t)
{
    return t->y >= 0 && t->mo >= 1 && t->mo <= 12 && t->d >= 1 && t->d <= days_in(t->y, t->mo);
}

static bool valid_time(const struct tm_parts *t)
{
    return t->h >= 0 && t->h <= 23 && t->mi >= 0 && t->mi <= 59 && t->s >= 0 && t->s <= 59;
}

/* HH:MM:SS[.ffffff] at *i. */
static bool read_iso_time(const char *s, size_t n, size_t *i, struct tm_parts *t)
{
    size_t a = *i;
    t->h = read_num(s, n, i, 2, 2);
    if (t->h < 0 || *i - a != 2 || *i >= n || s[(*i)++] != ':') return false;
    t->mi = read_num(s, n, i, 2, 2);
    if (t->mi < 0 || *i >= n || s[(*i)++] != ':') return false;
    t->s = read_num(s, n, i, 2, 2);
    if (t->s < 0) return false;
    if (*i < n && s[*i] == '.') {
        (*i)++;
        size_t f = *i;
        while (*i < n && is_digit(s[*i])) (*i)++;
        if (*i == f || *i - f > 9) return false;
        memcpy(t->frac, s + f, *i - f);
        t->frac[*i - f] = '\0';
    }
    return valid_time(t);
}

static bool read_iso_date(const char *s, size_t n, size_t *i, struct tm_parts *t)
{
    size_t a = *i;
    t->y = read_num(s, n, i, 4, 4);
    if (t->y < 0 || *i >= n || s[(*i)++] != '-') return false;
    a = *i;
    t->mo = read_num(s, n, i, 2, 2);
    if (t->mo < 0 || *i - a != 2 || *i >= n || s[(*i)++] != '-') return false;
    a = *i;
    t->d = read_num(s, n, i, 2, 2);
    return t->d >= 0 && *i - a == 2 && valid_date(t);
}

static const char *const months[] = {"january", "february", "march",     "april",
                                     "may",     "june",     "july",      "august",
                                     "september", "october", "november", "december"};
static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

/* A month or weekday name, full or its first three letters, any case:
 * its index, or -1. */
static int read_name(const char *s, size_t n, size_t *i, const char *const *names, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        size_t full = strlen(names[k]);
        if (n - *i >= full && strncasecmp(s + *i, names[k], full) == 0) {
            *i += full;
            return (int)k;
        }
    }
    for (size_t k = 0; k < count; k++)
        if (n - *i >= 3 && strncasecmp(s + *i, names[k], 3) == 0) {
            *i += 3;
            return (int)k;
        }
    return -1;
}

/* One strptime directive at pattern position p; false if the text does not
 * match. */
static bool directive(char d, const char *s, size_t n, size_t *i, struct tm_parts *t)
{
    int v;
    switch (d) {
    case 'Y': return (t->y = read_num(s, n, i, 4, 4)) >= 0;
    case 'y':
        if ((v = read_num(s, n, i, 2, 2)) < 0) return false;
        t->y = v < 69 ? 2000 + v : 1900 + v; /* Python's pivot */
        return true;
    case 'm': return (t->mo = read_num(s, n, i, 1, 2)) >= 0;
    case 'd': return (t->d = read_num(s, n, i, 1, 2)) >= 0;
    case 'H':
    case 'I': return (t->h = read_num(s, n, i, 1, 2)) >= 0;
    case 'M': return (t->mi = read_num(s, n, i, 1, 2)) >= 0;
    case 'S': return (t->s = read_num(s, n, i, 1, 2)) >= 0;
    case 'f': {
        size_t f = *i;
        while (*i < n && *i - f < 6 && is_digit(s[*i])) (*i)++;
        memcpy(t->frac, s + f, *i - f);
        t->frac[*i - f] = '\0';
        return *i > f;
    }
    case 'b':
    case 'B':
    case 'h': return (t->mo = read_name(s, n, i, months, 12) + 1) > 0;
    case 'a':
    case 'A': return read_name(s, n, i, weekdays, 7) >= 0;
    case 'p':
        if (n - *i >= 2 && (strncasecmp(s + *i, "am", 2) == 0 || strncasecmp(s + *i, "pm", 2) == 0)) {
            t->pm = (s[*i] | 0x20) == 'p';
            *i += 2;
            return true;
        }
        return false;
    case 'z': return read_zone(s, n, i, t->zone, false);
    case '%': return *i < n && s[(*i)++] == '%';
    default: return false;
    }
}

/* The directives planconv reads; a pattern with another is refused at load. */
bool pc_strptime_pattern_ok(const char *pattern)
{
    for (const char *p = pattern; *p; p++)
        if (*p == '%' && (!p[1] || !strchr("YymdHIMSfbBhaApz%", *++p))) return false;
    return true;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Python strptime: literals match exactly (any case), a blank matches
 * blanks, and the whole text must be used. */
static bool match_pattern(const char *pat, const char *s, size_t n, struct tm_parts *t)
{
    size_t i = 0;
    for (const char *p = pat; *p; p++) {
        if (*p == '%') {
            if (!directive(*++p, s, n, &i, t)) return false;
        } else if (is_blank(*p)) {
            while (i < n && is_blank(s[i])) i++;
        } else {
            if (i >= n || (s[i] | 0x20) != (*p | 0x20)) return false;
            i++;
        }
    }
    if (t->pm >= 0) {
        if (t->h < 1 || t->h > 12) return false;
        t->h = t->h % 12 + (t->pm ? 12 : 0);
    }
    return i == n;
}

/* "any": the ISO forms, or day, month name and year in any order with
 * ordinals (10th Jan 1969), optionally followed by a time (9 am, 16:30). */
static bool match_any(const char *s, size_t n, struct tm_parts *t, bool want_date, bool want_time)
{
    size_t i = 0;
    int nums[3], nn = 0;
    bool have_time = false;
    while (i < n) {
        char c = s[i];
        if (is_blank(c) || c == ',' || c == '/' || c == '-' || c == '.') {
            i++;
        } else if (is_digit(c)) {
            size_t a = i;
            int v = read_num(s, n, &i, 1, 4);
            if (i < n && s[i] == ':') { /* a time */
                i++;
                t->h = v;
                if ((t->mi = read_num(s, n, &i, 2, 2)) < 0) return false;
                if (i < n && s[i] == ':' && (i++, (t->s = read_num(s, n, &i, 2, 2)) < 0))
                    return false;
                have_time = true;
            } else if (n - i >= 2 && (strncasecmp(s + i, "st", 2) == 0 || strncasecmp(s + i, "nd", 2) == 0 ||
                                      strncasecmp(s + i, "rd", 2) == 0 || strncasecmp(s + i, "th", 2) == 0)) {
                i += 2;
                if (nn == 3) return false;
                nums[nn++] = -v - 1; /* an ordinal: a day */
            } else {
                size_t save = i;
                while (i < n && is_blank(s[i])) i++;
                if (n - i >= 2 && (strncasecmp(s + i, "am", 2) == 0 || strncasecmp(s + i, "pm", 2) == 0)) {
                    if (v < 1 || v > 12) return false;
                    t->h = v % 12 + ((s[i] | 0x20) == 'p' ? 12 : 0);
                    t->mi = t->s = 0;
                    i += 2;
                    have_time = true;
                    continue;
                }
                i = save;
                if (nn == 3) return false;
                nums[nn++] = (i - a == 4) ? 10000 + v : v; /* 10000+: a 4-digit year */
            }
        } else if (have_time && n - i >= 2 &&
                   (strncasecmp(s + i, "am", 2) == 0 || strncasecmp(s + i, "pm", 2) == 0)) {
            if (t->h < 1 || t->h > 12) return false;
            t->h = t->h % 12 + ((s[i] | 0x20) == 'p' ? 12 : 0);
            i += 2;
        } else {
            size_t a = i;
            int m = read_name(s, n, &i, months, 12);
            if (m >= 0) {
                if (t->mo > 0) return false;
                t->mo = m + 1;
            } else if (read_name(s, n, &i, weekdays, 7) < 0) {
                return false;
            }
            while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) i++; /* Sept, Mon. */
            if (i == a) return false;
        }
    }
    /* the date's numbers: a 4-digit one is the year; with a month name the
     * other is the day; without one, month then day (as dateutil reads 1/2) */
    int year = -1, rest[3], nr = 0;
    for (int k = 0; k < nn; k++) {
        if (nums[k] >= 10000 && year < 0) year = nums[k] - 10000;
        else rest[nr++] = nums[k] < 0 ? -nums[k] - 1 : nums[k];
    }
    if (want_date) {
        if (year < 0) return false;
        t->y = year;
        if (t->mo > 0 && nr == 1) t->d = rest[0];
        else if (t->mo <= 0 && nr == 2) t->mo = rest[0], t->d = rest[1];
        else return false;
        if (!valid_date(t)) return false;
    } else if (nn) {
        return false;
    }
    if (want_time && !have_time) return !want_date ? false : (t->h = t->mi = t->s = 0, true);
    if (!want_time && have_time) return false;
    return !have_time || valid_time(t);
}

/* 0 = Monday (Sakamoto's method). */
static int weekday(int y, int m, int d)
{
    static const int k[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3) y--;
    int w = (y + y / 4 - y / 100 + y / 400 + k[m - 1] + d) % 7; /* 0 = Sunday */
    return (w + 6) % 7;
}

static void put_name(char *out, size_t size, size_t *k, const char *name, bool full)
{
    int w = snprintf(out + *k, size - *k, "%c%.*s", name[0] - 32, full ? (int)strlen(name) - 1 : 2,
                     name + 1);
    if (w > 0) *k += (size_t)w;
}

/* The value written with the pattern again, the way strftime would: what
 * the format says the value looks like (8:45 read by %H:%M is 08:45). */
static void format_pattern(const char *pat, const struct tm_parts *t, char *out, size_t size)
{
    size_t k = 0;
    for (const char *p = pat; *p && k + 16 < size; p++) {
        int w = 0;
        if (*p != '%') {
            out[k++] = *p;
            continue;
        }
        switch (*++p) {
        case 'Y': w = snprintf(out + k, size - k, "%04d", t->y); break;
        case 'y': w = snprintf(out + k, size - k, "%02d", t->y % 100); break;
        case 'm': w = snprintf(out + k, size - k, "%02d", t->mo); break;
        case 'd': w = snprintf(out + k, size - k, "%02d", t->d); break;
        case 'H': w = snprintf(out + k, size - k, "%02d", t->h); break;
        case 'I': w = snprintf(out + k, size - k, "%02d", t->h % 12 ? t->h % 12 : 12); break;
        case 'M': w = snprintf(out + k, size - k, "%02d", t->mi); break;
        case 'S': w = snprintf(out + k, size - k, "%02d", t->s); break;
        case 'f': w = snprintf(out + k, size - k, "%-.6s%.*s", t->frac,
                               6 - (int)strlen(t->frac), "000000"); break;
        case 'p': w = snprintf(out + k, size - k, "%s", t->h < 12 ? "AM" : "PM"); break;
        case 'z':
            w = snprintf(out + k, size - k, "%c%c%c%c%c", t->zone[0] == 'Z' ? '+' : t->zone[0],
                         t->zone[0] == 'Z' ? '0' : t->zone[1], t->zone[0] == 'Z' ? '0' : t->zone[2],
                         t->zone[0] == 'Z' ? '0' : t->zone[4], t->zone[0] == 'Z' ? '0' : t->zone[5]);
            break;
        case 'b':
        case 'h': put_name(out, size, &k, months[t->mo - 1], false); break;
        case 'B': put_name(out, size, &k, months[t->mo - 1], true); break;
        case 'a': put_name(out, size, &k, weekdays[weekday(t->y, t->mo, t->d)], false); break;
        case 'A': put_name(out, size, &k, weekdays[weekday(t->y, t->mo, t->d)], true); break;
        default: out[k++] = '%'; break;
        }
        if (w > 0) k += (size_t)w;
    }
    out[k] = '\0';
}

static void write_time(char *out, size_t size, const struct tm_parts *t)
{
    snprintf(out, size, "%02d:%02d:%02d%s%s%s", t->h, t->mi, t->s, t->frac[0] ? "." : "", t->frac,
             t->zone);
}

static bool yearmonth(const char *s, size_t n, struct pc_cast_out *o)
{
    size_t i = 0;
    int y = read_num(s, n, &i, 4, 4);
    if (y < 0 || i >= n || s[i++] != '-') return false;
    size_t a = i;
    int m = read_num(s, n, &i, 2, 2);
    return m >= 1 && m <= 12 && i - a == 2 && i == n && (o->text = s, o->len = n, true);
}

/* ISO 8601: P[nY][nM][nW][nD][T[nH][nM][n[.n]S]], in that order, each
 * at most once, at least one part, none negative. */
static bool duration(const char *s, size_t n)
{
    static const char date_units[] = "YMWD", time_units[] = "HMS";
    size_t i = 0;
    if (n < 2 || s[i++] != 'P') return false;
    const char *units = date_units;
    size_t next = 0, parts = 0;
    bool in_time = false;
    while (i < n) {
        if (s[i] == 'T') {
            if (in_time) return false;
            in_time = true;
            units = time_units;
            next = 0;
            i++;
            if (i == n) return false;
            continue;
        }
        size_t a = i;
        while (i < n && is_digit(s[i])) i++;
        if (i < n && s[i] == '.' && in_time) {
            i++;
            while (i < n && is_digit(s[i])) i++;
        }
        if (i == a || i >= n) return false;
        const char *u = strchr(units + next, s[i]);
        if (!u || !s[i]) return false;
        if (s[i] == 'S' ? false : memchr(s + a, '.', i - a) != NULL) return false;
        next = (size_t)(u - units) + 1;
        i++;
        parts++;
    }
    return parts > 0;
}

bool pc_cast_temporal(const struct pc_field *f, const char *s, size_t n, struct pc_cast_out *o)
{
    if (f->type == PC_T_YEARMONTH) return yearmonth(s, n, o);
    if (f->type == PC_T_DURATION) return duration(s, n) && (o->text = s, o->len = n, true);
    struct tm_parts t = {.y = 1900, .mo = 1, .d = 1, .pm = -1};
    bool want_date = f->type != PC_T_TIME, want_time = f->type != PC_T_DATE, ok;
    size_t i = 0;
    bool iso = false; /* read as ISO 8601 */
    if (f->format == PC_F_PATTERN) {
        t.mo = t.d = 0;
        t.y = -1;
        t.h = t.mi = t.s = 0;
        ok = match_pattern(f->format_pattern, s, n, &t);
        if (ok && want_date) {
            if (t.y < 0) t.y = 1900; /* strptime's defaults */
            if (t.mo == 0) t.mo = 1;
            if (t.d == 0) t.d = 1;
            ok = valid_date(&t);
        }
        ok = ok && valid_time(&t);
    } else {
        ok = (!want_date || read_iso_date(s, n, &i, &t)) &&
             (!want_date || !want_time || (i < n && s[i++] == 'T')) &&
             (!want_time || read_iso_time(s, n, &i, &t)) &&
             (!want_time || i == n || read_zone(s, n, &i, t.zone, true)) && i == n;
        iso = ok;
        if (!ok && f->format == PC_F_ANY) {
            t = (struct tm_parts){.mo = 0, .pm = -1};
            ok = match_any(s, n, &t, want_date, want_time);
        }
    }
    if (!ok) return false;
    if (iso && !want_time) {
        o->text = o->key = s; /* read as YYYY-MM-DD: the canonical text already */
        o->len = o->keylen = n;
        return true;
    }
    int k = 0;
    if (want_date) k = snprintf(o->buf, sizeof o->buf, "%04d-%02d-%02d%s", t.y, t.mo, t.d,
                                want_time ? "T" : "");
    if (want_time) write_time(o->buf + k, sizeof o->buf - (size_t)k, &t);
    o->key = o->buf;
    o->keylen = strlen(o->buf);
    /* a pattern's value is written with its pattern; "any" and ISO as ISO */
    if (f->format == PC_F_PATTERN) {
        char *w = o->buf + o->keylen + 1;
        format_pattern(f->format_pattern, &t, w, sizeof o->buf - o->keylen - 1);
        o->text = w;
        o->len = strlen(w);
    } else {
        o->text = o->buf;
        o->len = o->keylen;
    }
    return true;
}
