/* Reading one field of a Table Schema (v1 and v2): its type, format, the
 * type's options, missingValues, constraints and x-normalize. What planconv
 * cannot check is refused (field-error); what it does not know is named in
 * a warning, never passed over in silence. */
#include "schema.h"

#include "types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    enum pc_vtype type;
} field_types[] = {
    {"string", PC_T_STRING},       {"integer", PC_T_INTEGER},     {"number", PC_T_NUMBER},
    {"boolean", PC_T_BOOLEAN},     {"date", PC_T_DATE},           {"time", PC_T_TIME},
    {"datetime", PC_T_DATETIME},   {"year", PC_T_YEAR},           {"yearmonth", PC_T_YEARMONTH},
    {"duration", PC_T_DURATION},   {"geopoint", PC_T_GEOPOINT},   {"geojson", PC_T_GEOJSON},
    {"object", PC_T_OBJECT},       {"array", PC_T_JSON_ARRAY},    {"any", PC_T_ANY},
};

/* Constraints by type, as frictionless-py v5 allows them (its fields'
 * supported_constraints; the v2 spec's table agrees but for duration,
 * whose minimum/maximum frictionless refuses). */
enum {
    C_REQUIRED = 1, C_UNIQUE = 2, C_ENUM = 4, C_LENGTH = 8, C_PATTERN = 16, C_RANGE = 32,
    C_JSONSCHEMA = 64
};
static unsigned allowed_constraints(enum pc_vtype t)
{
    unsigned base = C_REQUIRED | C_UNIQUE | C_ENUM;
    switch (t) {
    case PC_T_STRING: return base | C_LENGTH | C_PATTERN;
    case PC_T_INTEGER:
    case PC_T_NUMBER:
    case PC_T_DATE:
    case PC_T_TIME:
    case PC_T_DATETIME:
    case PC_T_YEAR:
    case PC_T_YEARMONTH: return base | C_RANGE;
    case PC_T_OBJECT:
    case PC_T_JSON_ARRAY: return base | C_LENGTH | C_JSONSCHEMA;
    default: return base;
    }
}

static const struct {
    const char *name;
    unsigned kind;
} constraint_names[] = {
    {"required", C_REQUIRED},      {"unique", C_UNIQUE},           {"enum", C_ENUM},
    {"minLength", C_LENGTH},       {"maxLength", C_LENGTH},        {"pattern", C_PATTERN},
    {"minimum", C_RANGE},          {"maximum", C_RANGE},           {"exclusiveMinimum", C_RANGE},
    {"exclusiveMaximum", C_RANGE}, {"jsonSchema", C_JSONSCHEMA},
};

/* Field properties of Table Schema v1 and v2, frictionless-py's arrayItem
 * and floatNumber, and planconv's own x- keys. */
static const char *const known_properties[] = {
    "name", "title", "description", "type", "format", "example", "constraints", "rdfType",
    "missingValues", "categories", "categoriesOrdered", "trueValues", "falseValues",
    "bareNumber", "groupChar", "decimalChar", "itemType", "delimiter", "arrayItem",
    "floatNumber", "x-aliases", "x-separator", "x-derive", "x-normalize",
};
enum {
    P_NAME, P_TITLE, P_DESCRIPTION, P_TYPE, P_FORMAT, P_EXAMPLE, P_CONSTRAINTS, P_RDF_TYPE,
    P_MISSING_VALUES, P_CATEGORIES, P_CATEGORIES_ORDERED, P_TRUE_VALUES, P_FALSE_VALUES,
    P_BARE_NUMBER, P_GROUP_CHAR, P_DECIMAL_CHAR, P_ITEM_TYPE, P_DELIMITER, P_ARRAY_ITEM,
    P_FLOAT_NUMBER, P_X_ALIASES, P_X_SEPARATOR, P_X_DERIVE, P_X_NORMALIZE, P_KNOWN
};
_Static_assert(P_KNOWN == PC_ARRAY_LEN(known_properties), "one P_ per known property");

/* A field object's known properties by P_ index (NULL: not there), found
 * in one pass over its keys: a field names two or three of the two dozen
 * properties read, and a look-up per property cost a 100,000-field schema
 * 2 million hash look-ups. */
struct props {
    json_t *jf;
    json_t *v[P_KNOWN];
    size_t unknown; /* keys not known */
};

/* The P_ index of a property's key; P_KNOWN if planconv knows no such key. */
static size_t known_index(const char *key)
{
    size_t k = 0;
    while (k < P_KNOWN && strcmp(known_properties[k], key)) k++;
    return k;
}

static void find_props(json_t *jf, struct props *p)
{
    *p = (struct props){.jf = jf};
    const char *key;
    json_t *v;
    json_object_foreach(jf, key, v)
    {
        size_t k = known_index(key);
        if (k < P_KNOWN)
            p->v[k] = v;
        else
            p->unknown++;
    }
}

static const struct {
    const char *name;
    unsigned bit;
} rule_names[] = {
    {"ja-date", PC_RULE_JA_DATE},           {"ja-time", PC_RULE_JA_TIME},
    {"ja-fiscal-year", PC_RULE_JA_FISCAL_YEAR}, {"ja-digits", PC_RULE_JA_DIGITS},
    {"ja-kana", PC_RULE_JA_KANA},           {"ja-nonstandard", PC_RULE_JA_NONSTANDARD},
    {"ja", PC_RULE_JA_ALL},
};

/* Refuses the field: Frictionless's field-error, a usage error for planconv. */
static pc_status field_error(struct pc_errsink *sink, const char *source, const char *field,
                             const char *fmt, const char *a, const char *b)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "field-error", .source = source,
                         .field = field};
    return pc_report(sink, &e, fmt, a, b);
}

static void field_warning(struct pc_errsink *sink, const char *source, const char *field,
                          const char *fmt, const char *a)
{
    struct pc_error e = {.code = PC_OK, .type = "schema-warning", .source = source,
                         .field = field, .severity = PC_SEV_WARNING};
    pc_report(sink, &e, fmt, a);
}

pc_status pc_normalize_rules(json_t *list, unsigned *rules, struct pc_errsink *sink,
                             const char *source, const char *field)
{
    if (!list) return PC_OK;
    bool one = json_is_string(list); /* a single rule may be written alone: "ja" */
    if (!one && !json_is_array(list))
        return field_error(sink, source, field,
                           "\"x-normalize\" is not a rule name or an array of rule names%s%s", "",
                           "");
    for (size_t i = 0; i < (one ? 1 : json_array_size(list)); i++) {
        const char *r = json_string_value(one ? list : json_array_get(list, i));
        size_t k = 0;
        while (r && k < PC_ARRAY_LEN(rule_names) && strcmp(rule_names[k].name, r)) k++;
        if (!r || k == PC_ARRAY_LEN(rule_names))
            return field_error(sink, source, field,
                               "\"x-normalize\" names the unknown rule \"%s\"; the rules are "
                               "ja-date, ja-time, ja-fiscal-year, ja-digits, ja-kana, "
                               "ja-nonstandard and ja (all)%s",
                               r ? r : "(not a string)", "");
        *rules |= rule_names[k].bit;
    }
    return PC_OK;
}

/* missingValues: strings (v1), or objects with a "value" (v2). */
static bool missing_values_ok(json_t *mv)
{
    if (!json_is_array(mv)) return false;
    for (size_t i = 0; i < json_array_size(mv); i++) {
        json_t *v = json_array_get(mv, i);
        if (!json_is_string(v) && !json_is_string(json_object_get(v, "value"))) return false;
    }
    return true;
}

static pc_status parse_format(const struct props *p, struct pc_field *f, struct pc_errsink *sink,
                              const char *source)
{
    const char *fmt = json_string_value(p->v[P_FORMAT]);
    f->format = PC_F_DEFAULT;
    if (!fmt || strcmp(fmt, "default") == 0) return PC_OK;
    static const struct {
        enum pc_vtype type;
        const char *name;
        enum pc_field_format format;
    } named[] = {
        {PC_T_STRING, "email", PC_F_EMAIL},     {PC_T_STRING, "uri", PC_F_URI},
        {PC_T_STRING, "uuid", PC_F_UUID},       {PC_T_STRING, "binary", PC_F_BINARY},
        {PC_T_STRING, "wkt", PC_F_WKT},         {PC_T_GEOPOINT, "array", PC_F_GEO_ARRAY},
        {PC_T_GEOPOINT, "object", PC_F_GEO_OBJECT}, {PC_T_GEOJSON, "topojson", PC_F_TOPOJSON},
        {PC_T_DATE, "any", PC_F_ANY},           {PC_T_TIME, "any", PC_F_ANY},
        {PC_T_DATETIME, "any", PC_F_ANY},
    };
    for (size_t i = 0; i < PC_ARRAY_LEN(named); i++)
        if (named[i].type == f->type && strcmp(named[i].name, fmt) == 0) {
            f->format = named[i].format;
            return PC_OK;
        }
    if (f->type == PC_T_DATE || f->type == PC_T_TIME || f->type == PC_T_DATETIME) {
        /* fmt: is frictionless-py's older spelling of a pattern */
        f->format_pattern = strncmp(fmt, "fmt:", 4) == 0 ? fmt + 4 : fmt;
        f->format = PC_F_PATTERN;
        if (!pc_strptime_pattern_ok(f->format_pattern))
            return field_error(sink, source, f->name,
                               "format \"%s\" has a directive planconv cannot read; it reads "
                               "%%Y %%y %%m %%d %%H %%I %%M %%S %%f %%b %%B %%a %%A %%p %%z%s",
                               fmt, "");
        return PC_OK;
    }
    if (f->type == PC_T_ANY || f->type == PC_T_INTEGER || f->type == PC_T_NUMBER ||
        f->type == PC_T_BOOLEAN || f->type == PC_T_YEAR)
        field_warning(sink, source, f->name,
                      "format \"%s\" means nothing for this type and is ignored", fmt);
    else
        return field_error(sink, source, f->name,
                           "format \"%s\" is not a format of type \"%s\"", fmt, f->type_name);
    return PC_OK;
}

static pc_status string_list(const struct props *p, size_t k, json_t **out, struct pc_errsink *sink,
                             const char *source, const char *field)
{
    json_t *v = p->v[k];
    const char *key = known_properties[k];
    *out = v;
    if (!v) return PC_OK;
    for (size_t i = 0; json_is_array(v) && i < json_array_size(v); i++)
        if (!json_is_string(json_array_get(v, i))) v = NULL;
    if (json_is_array(v)) return PC_OK;
    return field_error(sink, source, field, "\"%s\" is not an array of strings%s", key, "");
}

static pc_status parse_type_options(const struct props *p, struct pc_field *f,
                                    struct pc_errsink *sink, const char *source)
{
    pc_status st = string_list(p, P_TRUE_VALUES, &f->true_values, sink, source, f->name);
    if (!st) st = string_list(p, P_FALSE_VALUES, &f->false_values, sink, source, f->name);
    if (st) return st;
    json_t *bare = p->v[P_BARE_NUMBER];
    if (bare && !json_is_boolean(bare))
        return field_error(sink, source, f->name, "\"bareNumber\" is not true or false%s%s", "",
                           "");
    f->bare_number = !json_is_false(bare);
    f->group_char = json_string_value(p->v[P_GROUP_CHAR]);
    f->decimal_char = json_string_value(p->v[P_DECIMAL_CHAR]);
    if ((f->group_char && !*f->group_char) || (f->decimal_char && !*f->decimal_char))
        return field_error(sink, source, f->name,
                           "\"groupChar\" and \"decimalChar\" must not be empty%s%s", "", "");
    return PC_OK;
}

/* A bound of a date, time or number field, cast like a value of it. */
static pc_status parse_bound(struct pc_field *f, const char *key, struct pc_bound *b,
                             struct pc_errsink *sink, const char *source)
{
    json_t *v = json_object_get(f->constraints, key);
    if (!v) return PC_OK;
    if (b->on)
        return field_error(sink, source, f->name,
                           "constraints \"%s\" and its exclusive or inclusive twin are both "
                           "given%s",
                           key, "");
    struct pc_cast_out o = {0};
    char num[64]; /* o.text may point into it (pc_cast_out) */
    bool ok;
    if (json_is_number(v)) {
        snprintf(num, sizeof num, "%.15g", json_number_value(v));
        ok = f->type != PC_T_DATE && f->type != PC_T_TIME && f->type != PC_T_DATETIME &&
             f->type != PC_T_YEARMONTH && pc_cast_text(f, num, strlen(num), PC_SRC_NUMBER, &o);
    } else {
        ok = json_is_string(v) &&
             pc_cast_text(f, json_string_value(v), json_string_length(v), PC_SRC_TEXT, &o);
    }
    const char *key_text = o.key ? o.key : o.text;
    size_t key_len = o.key ? o.keylen : o.len;
    if (!ok || key_len >= sizeof b->text)
        return field_error(sink, source, f->name,
                           "constraint \"%s\" is not a value of type \"%s\"", key, f->type_name);
    b->on = true;
    b->exclusive = strncmp(key, "exclusive", 9) == 0;
    b->num = o.num;
    memcpy(b->text, key_text, key_len);
    b->text[key_len] = '\0';
    return PC_OK;
}

static pc_status parse_length(struct pc_field *f, const char *key, long *out,
                              struct pc_errsink *sink, const char *source)
{
    json_t *v = json_object_get(f->constraints, key);
    *out = -1;
    if (!v) return PC_OK;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return field_error(sink, source, f->name, "constraint \"%s\" is not a non-negative "
                                                  "integer%s",
                           key, "");
    *out = (long)json_integer_value(v);
    return PC_OK;
}

/* Compiled once per schema. Table Schema patterns match the whole value
 * (XML Schema semantics), hence anchored at both ends. */
static pc_status compile_pattern(struct pc_field *f, struct pc_errsink *sink, const char *source)
{
    json_t *v = json_object_get(f->constraints, "pattern");
    if (!v) return PC_OK;
    if (!json_is_string(v))
        return field_error(sink, source, f->name, "constraint \"pattern\" is not a string%s%s",
                           "", "");
    int code;
    PCRE2_SIZE at;
    f->pattern = pcre2_compile((PCRE2_SPTR)json_string_value(v), json_string_length(v),
                               PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &code, &at, NULL);
    if (!f->pattern) {
        char why[256];
        pcre2_get_error_message(code, (PCRE2_UCHAR *)why, sizeof why);
        struct pc_error e = {.code = PC_EUSAGE, .type = "field-error", .source = source,
                             .field = f->name};
        return pc_report(sink, &e,
                         "constraint \"pattern\" is not a valid regular expression: %s at offset "
                         "%zu",
                         why, (size_t)at);
    }
    pcre2_jit_compile(f->pattern, PCRE2_JIT_COMPLETE); /* optional speed-up; failure is fine */
    return PC_OK;
}

/* The enum (or categories) cast to the field's type, as canonical text
 * (the key that compares), so that "1" and 1 and 1.0 meet. */
static pc_status cast_enum(struct pc_field *f, const char *what, struct pc_errsink *sink,
                           const char *source)
{
    json_t *en = f->enum_values;
    if (!json_is_array(en))
        return field_error(sink, source, f->name, "\"%s\" is not an array%s", what, "");
    if (!(f->enum_cast = json_array())) return PC_ENOMEM;
    for (size_t i = 0; i < json_array_size(en); i++) {
        json_t *v = json_array_get(en, i);
        if (json_is_object(v)) v = json_object_get(v, "value"); /* v2 categories as objects */
        struct pc_cast_out o = {0};
        char *dump = NULL;
        bool ok;
        if (json_is_string(v)) {
            ok = pc_cast_text(f, json_string_value(v), json_string_length(v), PC_SRC_TEXT, &o);
        } else if (json_is_number(v) || json_is_boolean(v)) {
            dump = json_dumps(v, JSON_ENCODE_ANY);
            ok = dump && pc_cast_text(f, dump, strlen(dump),
                                      json_is_number(v) ? PC_SRC_NUMBER : PC_SRC_BOOLEAN, &o);
        } else {
            dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
            ok = dump && pc_cast_text(f, dump, strlen(dump), PC_SRC_TEXT, &o);
        }
        json_t *key = ok ? json_stringn(o.key ? o.key : o.text, o.key ? o.keylen : o.len) : NULL;
        free(dump);
        if (!ok)
            return field_error(sink, source, f->name,
                               "a value of \"%s\" is not a value of type \"%s\"", what,
                               f->type_name);
        if (!key || json_array_append_new(f->enum_cast, key)) return PC_ENOMEM;
    }
    return PC_OK;
}

static pc_status check_constraint_names(struct pc_field *f, struct pc_errsink *sink,
                                        const char *source)
{
    const char *key;
    json_t *v;
    /* a v2 list: its length is its number of items */
    unsigned allowed = f->list ? C_REQUIRED | C_UNIQUE | C_LENGTH : allowed_constraints(f->type);
    json_object_foreach(f->constraints, key, v)
    {
        size_t k = 0;
        while (k < PC_ARRAY_LEN(constraint_names) && strcmp(constraint_names[k].name, key)) k++;
        if (k == PC_ARRAY_LEN(constraint_names)) {
            field_warning(sink, source, f->name,
                          "the constraint \"%s\" is not a Table Schema constraint; it is not "
                          "checked",
                          key);
            continue;
        }
        if (constraint_names[k].kind == C_JSONSCHEMA && (allowed & C_JSONSCHEMA))
            return field_error(sink, source, f->name,
                               "constraint \"%s\" cannot be checked by planconv (no JSON Schema "
                               "validator is built in); remove it or check it with a JSON Schema "
                               "tool%s",
                               key, "");
        if (!(allowed & constraint_names[k].kind))
            return field_error(sink, source, f->name,
                               "constraint \"%s\" does not apply to type \"%s\"", key,
                               f->type_name);
    }
    return PC_OK;
}

static pc_status parse_constraints(const struct props *p, struct pc_field *f,
                                   struct pc_errsink *sink, const char *source)
{
    pc_status st = check_constraint_names(f, sink, source);
    if (st) return st;
    f->required = json_is_true(json_object_get(f->constraints, "required"));
    f->unique = json_is_true(json_object_get(f->constraints, "unique"));
    if ((st = parse_bound(f, "minimum", &f->lo, sink, source)) ||
        (st = parse_bound(f, "exclusiveMinimum", &f->lo, sink, source)) ||
        (st = parse_bound(f, "maximum", &f->hi, sink, source)) ||
        (st = parse_bound(f, "exclusiveMaximum", &f->hi, sink, source)))
        return st;
    bool numeric = f->type == PC_T_INTEGER || f->type == PC_T_NUMBER || f->type == PC_T_YEAR;
    if ((f->has_min = numeric && f->lo.on && !f->lo.exclusive)) f->min = f->lo.num;
    if ((f->has_max = numeric && f->hi.on && !f->hi.exclusive)) f->max = f->hi.num;
    json_t *en = json_object_get(f->constraints, "enum");
    json_t *cats = p->v[P_CATEGORIES];
    if (en && cats)
        return field_error(sink, source, f->name,
                           "\"categories\" and constraint \"enum\" are both given%s%s", "", "");
    f->enum_values = en ? en : cats;
    if (f->enum_values && (st = cast_enum(f, en ? "enum" : "categories", sink, source))) return st;
    if ((st = parse_length(f, "minLength", &f->min_length, sink, source)) ||
        (st = parse_length(f, "maxLength", &f->max_length, sink, source)))
        return st;
    return compile_pattern(f, sink, source);
}

static void warn_unknown_properties(const struct props *p, struct pc_field *f,
                                    struct pc_errsink *sink, const char *source)
{
    if (!p->unknown) return;
    const char *key;
    json_t *v;
    json_object_foreach(p->jf, key, v)
    {
        if (known_index(key) == P_KNOWN)
            field_warning(sink, source, f->name,
                          "the field property \"%s\" is not one planconv knows; it is ignored",
                          key);
    }
}

static pc_status parse_type(const struct props *p, struct pc_field *f, struct pc_errsink *sink,
                            const char *source)
{
    f->type_name = json_string_value(p->v[P_TYPE]);
    if (!f->type_name) f->type_name = "string";
    const char *type = f->type_name;
    if (strcmp(type, "list") == 0) { /* v2: delimited items of one type */
        f->list = true;
        f->separator = json_string_value(p->v[P_DELIMITER]);
        if (!f->separator) f->separator = ",";
        type = json_string_value(p->v[P_ITEM_TYPE]);
        if (!type) type = "string";
    }
    f->type = PC_T_ABSENT;
    for (size_t i = 0; i < PC_ARRAY_LEN(field_types); i++)
        if (strcmp(type, field_types[i].name) == 0) f->type = field_types[i].type;
    if (f->list && (f->type == PC_T_ABSENT || f->type >= PC_T_YEARMONTH || f->type == PC_T_YEAR ||
                    f->type == PC_T_ANY))
        return field_error(sink, source, f->name,
                           "\"itemType\" \"%s\" is not one of a list's item types (string, "
                           "integer, number, boolean, date, time, datetime)%s",
                           type, "");
    if (f->type == PC_T_ABSENT)
        return field_error(sink, source, f->name,
                           "unknown type \"%s\"; expected string, integer, number, boolean, "
                           "date, time, datetime, year, yearmonth, duration, geopoint, geojson, "
                           "object, array, list or any%s",
                           type, "");
    return PC_OK;
}

/* arrayItem (frictionless-py): the field each item of an array is cast to. */
static pc_status parse_item(const struct props *p, json_t *schema_doc, struct pc_field *f,
                            struct pc_errsink *sink, const char *source)
{
    json_t *item = p->v[P_ARRAY_ITEM];
    if (!item) return PC_OK;
    if (f->type != PC_T_JSON_ARRAY || !json_is_object(item))
        return field_error(sink, source, f->name,
                           "\"arrayItem\" needs an array field and an object%s%s", "", "");
    json_t *copy = json_deep_copy(item);
    if (!copy || json_object_set_new(copy, "name", json_string(f->name))) {
        json_decref(copy);
        return PC_ENOMEM;
    }
    f->item_doc = copy; /* the item's strings point into it */
    if (!(f->item = calloc(1, sizeof *f->item))) return PC_ENOMEM;
    return pc_field_parse(copy, schema_doc, f->item, sink, source);
}

pc_status pc_field_parse(json_t *jf, json_t *schema_doc, struct pc_field *f,
                         struct pc_errsink *sink, const char *source)
{
    struct props p;
    find_props(jf, &p);
    f->name = json_string_value(p.v[P_NAME]);
    if (!f->name || !*f->name)
        return field_error(sink, source, NULL, "a field has no \"name\"%s%s", "", "");
    f->title = json_string_value(p.v[P_TITLE]);
    f->min_length = f->max_length = -1;
    pc_status st = parse_type(&p, f, sink, source);
    if (st) return st;
    if (!f->list) f->separator = json_string_value(p.v[P_X_SEPARATOR]);
    if (f->separator && !*f->separator)
        return field_error(sink, source, f->name, "the item separator is empty%s%s", "", "");
    f->aliases = p.v[P_X_ALIASES];
    if (f->aliases && !json_is_array(f->aliases))
        return field_error(sink, source, f->name, "\"x-aliases\" is not an array of names%s%s",
                           "", "");
    f->missing = p.v[P_MISSING_VALUES];
    if (!f->missing) f->missing = json_object_get(schema_doc, "missingValues");
    if (f->missing && !missing_values_ok(f->missing))
        return field_error(sink, source, f->name,
                           "\"missingValues\" is not an array of strings (or of objects with a "
                           "\"value\")%s%s",
                           "", "");
    json_t *only = json_array_get(f->missing, 0);
    if (json_array_size(f->missing) == 1 && json_is_string(only) && !json_string_length(only))
        f->missing = NULL; /* the default [""], checked without a look-up per cell */
    if ((st = pc_normalize_rules(json_object_get(schema_doc, "x-normalize"), &f->rules, sink,
                                 source, NULL)) ||
        (st = pc_normalize_rules(p.v[P_X_NORMALIZE], &f->rules, sink, source, f->name)) ||
        (st = parse_format(&p, f, sink, source)) ||
        (st = parse_type_options(&p, f, sink, source)) ||
        (st = parse_item(&p, schema_doc, f, sink, source)))
        return st;
    f->constraints = p.v[P_CONSTRAINTS];
    if (f->constraints && !json_is_object(f->constraints))
        return field_error(sink, source, f->name, "\"constraints\" is not an object%s%s", "", "");
    if ((st = parse_constraints(&p, f, sink, source))) return st;
    warn_unknown_properties(&p, f, sink, source);
    json_t *ex = p.v[P_EXAMPLE];
    struct pc_cast_out o = {0};
    if (json_is_string(ex) &&
        !pc_cast_text(f, json_string_value(ex), json_string_length(ex), PC_SRC_TEXT, &o)) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .source = source,
                             .field = f->name};
        return pc_report(sink, &e, "the example \"%s\" is not a value of type \"%s\"",
                         json_string_value(ex), f->type_name);
    }
    return PC_OK;
}

void pc_field_free(struct pc_field *f)
{
    pcre2_code_free(f->pattern);
    json_decref(f->enum_cast);
    if (f->item) pc_field_free(f->item);
    free(f->item);
    json_decref(f->item_doc);
}
