/* Schema inference (see infer.h). A value fits a type when planconv's
 * casting would take it: the canonical text (pc_text_is_*) or a Japanese
 * form the normalizer reads (pc_ja_*), which then marks the field with
 * x-normalize so the officer sees that the values are rewritten. */
#include "infer.h"

#include "../core/hashset.h"
#include "ja.h"
#include "types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    FIT_INTEGER = 1u << 0,
    FIT_NUMBER = 1u << 1,
    FIT_BOOLEAN = 1u << 2,
    FIT_DATE = 1u << 3,
    FIT_DATETIME = 1u << 4,
    FIT_TIME = 1u << 5,
    FIT_YEAR = 1u << 6,
    FIT_ALL = (1u << 7) - 1
};

struct column {
    unsigned fits;     /* FIT_* every value so far fits */
    unsigned japanese; /* FIT_* for which a value needed a Japanese form */
    bool plain_years;  /* every year value is 4 ASCII digits */
    unsigned long seen, missing;
    bool repeats;            /* a value came twice */
    struct pc_strset values; /* for unique (the sample bounds it) */
    char *enums[PC_INFER_ENUM_MAX + 1];
    size_t nenums; /* PC_INFER_ENUM_MAX + 1: too many for an enum */
};

struct pc_infer {
    bool enums;
    struct pc_vec cols; /* struct column, one per label seen */
    unsigned long records;
};

struct pc_infer *pc_infer_new(bool enums)
{
    struct pc_infer *inf = calloc(1, sizeof *inf);
    if (!inf) return NULL;
    inf->enums = enums;
    pc_vec_init(&inf->cols, sizeof(struct column));
    return inf;
}

static pc_status grow(struct pc_infer *inf, size_t n)
{
    while (inf->cols.len < n) {
        struct column *c = pc_vec_push(&inf->cols);
        if (!c) return PC_ENOMEM;
        c->fits = FIT_ALL;
        c->plain_years = true;
    }
    return PC_OK;
}

static struct column *col(const struct pc_infer *inf, size_t i)
{
    return &PC_VEC_AT(&inf->cols, struct column, i);
}

static bool is_word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* The booleans planconv's casting reads: true and false as written (1
 * and 0 are integers first). */
static bool is_boolean(const char *s, size_t n)
{
    static const char *const words[] = {"true", "false"};
    for (size_t i = 0; i < PC_ARRAY_LEN(words); i++)
        if (is_word(s, n, words[i])) return true;
    return false;
}

/* 0123: a code, whose leading zero an integer would lose. */
static bool leading_zero(const char *s, size_t n)
{
    if (n < 2 || s[0] != '0') return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* Whether the value casts to type t as a field of that type with no
 * options does (the default format, bare numbers). */
static bool casts_as(enum pc_vtype t, const char *s, size_t n)
{
    struct pc_field f = {.type = t, .bare_number = true, .min_length = -1, .max_length = -1,
                         .derive_from = -1};
    struct pc_cast_out o;
    return pc_cast_text(&f, s, n, PC_SRC_TEXT, &o);
}

/* Whether the value fits `bit`: plainly (*ja false) or read as a
 * Japanese form (*ja true). */
static bool fits(unsigned bit, const char *s, size_t n, bool *ja)
{
    struct pc_ja_result r;
    bool plain = false;
    int st = PC_JA_NONE;
    *ja = false;
    switch (bit) {
    case FIT_INTEGER:
        plain = casts_as(PC_T_INTEGER, s, n);
        if (!plain) st = pc_ja_number(s, n, true, &r);
        break;
    case FIT_NUMBER:
        plain = casts_as(PC_T_NUMBER, s, n);
        if (!plain) st = pc_ja_number(s, n, false, &r);
        break;
    case FIT_BOOLEAN:
        plain = is_boolean(s, n);
        break;
    case FIT_DATE:
        plain = casts_as(PC_T_DATE, s, n);
        if (!plain) st = pc_ja_date(s, n, &r);
        break;
    case FIT_DATETIME:
        plain = casts_as(PC_T_DATETIME, s, n);
        break;
    case FIT_TIME:
        plain = casts_as(PC_T_TIME, s, n);
        if (!plain) st = pc_ja_time(s, n, &r);
        break;
    case FIT_YEAR:
        plain = n == 4 && casts_as(PC_T_INTEGER, s, n);
        if (!plain) st = pc_ja_fiscal_year(s, n, &r);
        break;
    }
    *ja = !plain && st == PC_JA_OK;
    return plain || *ja;
}

static pc_status take_value(struct pc_infer *inf, struct column *c, const char *s, size_t n)
{
    c->seen++;
    if (leading_zero(s, n)) c->fits &= ~(FIT_INTEGER | FIT_NUMBER | FIT_YEAR);
    for (unsigned bit = 1; bit < FIT_ALL; bit <<= 1) {
        if (!(c->fits & bit)) continue;
        bool ja;
        if (!fits(bit, s, n, &ja))
            c->fits &= ~bit;
        else if (ja)
            c->japanese |= bit;
        if (bit == FIT_YEAR && !(n == 4 && casts_as(PC_T_INTEGER, s, n))) c->plain_years = false;
    }
    uint32_t line = 0;
    bool seen;
    if (pc_strset_add(&c->values, s, n, &line, &seen)) return PC_ENOMEM;
    if (seen) {
        c->repeats = true;
        return PC_OK;
    }
    if (!inf->enums || c->nenums > PC_INFER_ENUM_MAX) return PC_OK;
    if (c->nenums < PC_INFER_ENUM_MAX && !(c->enums[c->nenums] = pc_strndup(s, n)))
        return PC_ENOMEM;
    c->nenums++;
    return PC_OK;
}

pc_status pc_infer_record(struct pc_infer *inf, const struct pc_record *rec)
{
    inf->records++;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *cell = pc_record_cell(rec, i);
        if (grow(inf, (size_t)cell->label + 1)) return PC_ENOMEM;
        struct column *c = col(inf, cell->label);
        const struct pc_value *v = &cell->v;
        if (v->type == PC_T_NULL || v->type == PC_T_ABSENT || v->len == 0) {
            c->missing++;
            continue;
        }
        if (v->type == PC_T_ARRAY) { /* JSON arrays: no scalar type */
            c->fits = 0;
            c->seen++;
            c->repeats = true;
            continue;
        }
        if (take_value(inf, c, pc_value_text(rec->batch, v), v->len)) return PC_ENOMEM;
    }
    return PC_OK;
}

/* A header that speaks of years: 年, 年度, year. */
static bool names_year(const char *label)
{
    const char *y = strstr(label, "年");
    return (y && !strstr(label, "月") && !strstr(label, "日")) || strstr(label, "year") ||
           strstr(label, "Year");
}

/* The type of a column, the most specific that every value fits. */
static const char *type_of(const struct column *c, const char *label, unsigned *bit)
{
    *bit = 0;
    if (!c || c->seen == 0) return "any";
    unsigned f = c->fits;
    if (f & FIT_BOOLEAN) return *bit = FIT_BOOLEAN, "boolean";
    /* a year column: said by its header, or by its 年度 values */
    if ((f & FIT_YEAR) && (names_year(label) || !c->plain_years)) return *bit = FIT_YEAR, "year";
    if (f & FIT_INTEGER) return *bit = FIT_INTEGER, "integer";
    if (f & FIT_NUMBER) return *bit = FIT_NUMBER, "number";
    if (f & FIT_DATETIME) return *bit = FIT_DATETIME, "datetime";
    if (f & FIT_DATE) return *bit = FIT_DATE, "date";
    if (f & FIT_TIME) return *bit = FIT_TIME, "time";
    return "string";
}

static bool ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return false;
    return true;
}

static json_t *field_of(const struct pc_infer *inf, size_t i, const char *label)
{
    const struct column *c = i < inf->cols.len ? col(inf, i) : NULL;
    char name[32];
    snprintf(name, sizeof name, "field%zu", i + 1);
    unsigned bit;
    const char *type = type_of(c, label, &bit);
    json_t *f = json_pack("{s:s, s:s}", "name", *label ? label : name, "type", type);
    if (!f) return NULL;
    int rc = 0;
    if (*label && !ascii_only(label)) rc |= json_object_set_new(f, "title", json_string(label));
    /* the values were 和暦, full-width or 1,234: planconv rewrites them */
    if (c && (c->japanese & bit)) rc |= json_object_set_new(f, "x-normalize", json_pack("[s]", "ja"));
    json_t *cons = json_object();
    if (c && c->seen && !c->missing) rc |= json_object_set_new(cons, "required", json_true());
    if (c && c->seen >= 2 && !c->repeats) rc |= json_object_set_new(cons, "unique", json_true());
    if (c && inf->enums && !bit && strcmp(type, "string") == 0 && c->nenums <= PC_INFER_ENUM_MAX &&
        inf->records >= PC_INFER_ENUM_MIN_ROWS) {
        json_t *en = json_array();
        for (size_t k = 0; en && k < c->nenums; k++)
            rc |= json_array_append_new(en, json_string(c->enums[k]));
        rc |= json_object_set_new(cons, "enum", en);
    }
    if (json_object_size(cons))
        rc |= json_object_set_new(f, "constraints", cons);
    else
        json_decref(cons);
    if (rc) {
        json_decref(f);
        return NULL;
    }
    return f;
}

json_t *pc_infer_schema(const struct pc_infer *inf, const struct pc_label *labels, size_t n)
{
    json_t *fields = json_array();
    json_t *doc =
        json_pack("{s:s, s:o}", "$schema", "https://datapackage.org/profiles/2.0/tableschema.json",
                  "fields", fields);
    if (!doc) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (labels[i].container) continue;
        json_t *f = field_of(inf, i, labels[i].name);
        if (!f || json_array_append_new(fields, f)) {
            json_decref(doc);
            return NULL;
        }
    }
    return doc;
}

void pc_infer_free(struct pc_infer *inf)
{
    if (!inf) return;
    for (size_t i = 0; i < inf->cols.len; i++) {
        struct column *c = col(inf, i);
        pc_strset_free(&c->values);
        for (size_t e = 0; e < c->nenums && e < PC_INFER_ENUM_MAX; e++) free(c->enums[e]);
    }
    pc_vec_free(&inf->cols);
    free(inf);
}
