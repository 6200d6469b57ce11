/* Schemas: Frictionless Table Schema descriptors with planconv's `x-`
 * extensions, loaded from the bundled copies or a user's file. */
#ifndef PC_SCHEMA_H
#define PC_SCHEMA_H

#include "../core/core.h"
#include "../core/hashset.h"

#include <jansson.h>
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* How a field's text is read, beyond its type (Table Schema "format"). */
enum pc_field_format {
    PC_F_DEFAULT = 0,
    PC_F_ANY,        /* date, time, datetime: any common spelling */
    PC_F_PATTERN,    /* date, time, datetime: a strptime pattern (format_pattern) */
    PC_F_EMAIL,      /* string formats */
    PC_F_URI,
    PC_F_UUID,
    PC_F_BINARY,     /* base64 */
    PC_F_WKT,        /* well-known text geometry (a frictionless-py extension) */
    PC_F_GEO_ARRAY,  /* geopoint: [lon, lat] */
    PC_F_GEO_OBJECT, /* geopoint: {"lon": .., "lat": ..} */
    PC_F_TOPOJSON    /* geojson: a TopoJSON object */
};

/* x-normalize: the Japanese forms a field reads and reports (normalize.c). */
enum {
    PC_RULE_JA_DATE = 1,        /* 和暦 and Japanese spellings of dates (令和5年6月6日, R5.6.6, 2023/6/6) */
    PC_RULE_JA_TIME = 2,        /* 8時45分, 午後1時, 8:45, time ranges */
    PC_RULE_JA_FISCAL_YEAR = 4, /* 令和5年度, FY2023, 2023年度 as a year */
    PC_RULE_JA_DIGITS = 8,      /* full-width digits, 1,234, ▲ and △ in numbers */
    PC_RULE_JA_KANA = 16,       /* half-width katakana folded to full-width in text */
    PC_RULE_JA_NONSTANDARD = 32, /* 機種依存文字 flagged (and replaced when fixing) */
    PC_RULE_JA_ALL = 63
};

/* A minimum or maximum: numbers as `num`, dates and times as their
 * canonical text (which sorts like the value). */
struct pc_bound {
    bool on, exclusive;
    double num;
    char text[48];
};

struct pc_field {
    const char *name, *title;
    enum pc_vtype type;       /* STRING ... YEARMONTH, or ANY: keep the value as read */
    const char *type_name;    /* as written in the descriptor */
    enum pc_field_format format;
    const char *format_pattern; /* PC_F_PATTERN: the strptime pattern */
    const char *separator;    /* x-separator, or a list's delimiter: a multi-value field; NULL if single */
    bool list;                /* Table Schema v2 "list" (type is its itemType) */
    json_t *aliases;          /* x-aliases: more header names (array of strings) or NULL */
    json_t *missing;          /* missingValues in force (field's or schema's); NULL: [""] */
    json_t *true_values, *false_values; /* boolean; NULL: the spec's defaults */
    bool bare_number;         /* number, integer: false strips currency and % around it */
    const char *group_char, *decimal_char; /* number; NULL: none, "." */
    struct pc_field *item;    /* array: arrayItem, the type of each item; or NULL. Owned */
    json_t *item_doc;         /* the item's descriptor (a copy named like the field). Owned */
    unsigned rules;           /* PC_RULE_*: x-normalize of the field or schema */
    bool required;
    bool unique;              /* constraints.unique */
    json_t *constraints;      /* the descriptor's constraints object or NULL */
    long min_length, max_length; /* in characters (items of an array); -1 when not constrained */
    pcre2_code *pattern;      /* constraints.pattern compiled anchored, UTF; or NULL */
    bool has_min, has_max;    /* numeric constraints.minimum / maximum, read once at load */
    double min, max;
    struct pc_bound lo, hi;   /* minimum / exclusiveMinimum, maximum / exclusiveMaximum */
    json_t *enum_values;      /* constraints.enum (or v2 categories), an array, or NULL */
    json_t *enum_cast;        /* the enum's values cast to the field's type (canonical text). Owned */
    bool child;               /* x-nest.childFields: part of the nested child record */
    const char *xml_item;     /* x-xml.item: element name of a multi-value item */
    int derive_from;          /* x-derive.from: field this one is filled from when empty, or -1 */
    bool derive_end;          /* x-derive.part: "end" (else "start") of that period or range */
};

/* Reads one field of a descriptor (validate/schema_field.c); `schema_doc`
 * gives schema-level missingValues and x-normalize. Strings point into the
 * descriptor. Problems are reported to `sink` as field-error (refused) or
 * schema-warning (an unknown property, said and ignored). */
pc_status pc_field_parse(json_t *jf, json_t *schema_doc, struct pc_field *f,
                         struct pc_errsink *sink, const char *source);
/* Frees what pc_field_parse allocated (not the field itself). */
void pc_field_free(struct pc_field *f);
/* The x-normalize rule bits of a rule list ("ja" is all); PC_EUSAGE with an
 * error for an unknown rule. */
pc_status pc_normalize_rules(json_t *list, unsigned *rules, struct pc_errsink *sink,
                             const char *source, const char *field);

/* x-nest: records sharing `key` are grouped into one parent object whose
 * `child` array holds the child fields (minutes: meetings > statements). */
struct pc_nest {
    bool on;
    const char *parent, *child; /* names of the parent array and child array */
    size_t key[8], nkey;        /* field indexes of the parent key */
};

/* Field indexes of a key (primaryKey, or one side of a foreign key). */
struct pc_key {
    size_t n;
    int *fields;
};

/* A foreign key. Only references within the same table are checked
 * (v1 `"resource": ""`, v2 no resource): `resource` is NULL for those; a
 * Data Package's loader resolves the others (the name is kept for it). */
struct pc_fkey {
    struct pc_key from, to;
    const char *resource;
};

/* fieldsMatch (Table Schema v2): how the header's labels meet the fields.
 * EXACT (the default, v1's semantics) pairs them by position; the others
 * pair them by name and differ in what they tolerate. */
enum pc_fields_match {
    PC_MATCH_EXACT = 0,
    PC_MATCH_EQUAL,    /* the same names, any order */
    PC_MATCH_SUBSET,   /* the fields are among the labels (extra labels ignored) */
    PC_MATCH_SUPERSET, /* the labels are among the fields (fields may be absent) */
    PC_MATCH_PARTIAL   /* at least one label is a field */
};

struct pc_schema {
    const char *name, *title;
    struct pc_field *fields;
    size_t nfields;
    struct pc_key primary_key;  /* n == 0: none */
    struct pc_key *unique_keys; /* uniqueKeys (v2), each a set of fields */
    size_t nunique_keys;
    struct pc_fkey *fkeys;
    size_t nfkeys;
    enum pc_fields_match fields_match;
    /* x-matchTitles: a label may also be a field's title or one of its
     * x-aliases (the bundled kinds' Japanese headers) */
    bool match_titles;
    pcre2_match_data *match;    /* scratch for pattern checks; a job owns its schema */
    struct pc_nest nest;
    const char *xml_root, *xml_record, *xml_child; /* x-xml element names */
    json_t *doc; /* the whole descriptor; the strings above point into it */
    /* field index by name, and by name, title or alias (the first field
     * that has it): a header of 100,000 columns is mapped in linear time */
    struct pc_strset by_name, by_label;
};

/* Loads a descriptor already parsed (a Data Package resource's inline
 * schema); takes the reference to `doc`. `source` names it in errors.
 * Caller frees with pc_schema_free. */
pc_status pc_schema_load_doc(json_t *doc, const char *source, struct pc_errsink *sink,
                            struct pc_schema **out);

/* Loads a bundled schema by name; PC_EUSAGE if there is none.
 * Caller frees with pc_schema_free. */
pc_status pc_schema_load_builtin(const char *name, struct pc_errsink *sink,
                                 struct pc_schema **out);

/* Loads a user's descriptor file; errors name the file and field. */
pc_status pc_schema_load_file(const char *path, struct pc_errsink *sink, struct pc_schema **out);

/* A schema of fields of type "any" (values kept as read) named by
 * `labels`, for tables of no known kind (kind "table"). */
pc_status pc_schema_from_labels(const char *const *labels, size_t n, struct pc_schema **out);

/* Picks the bundled schema that the labels (header names or keys) fit:
 * every label is a field name, title or alias, and the most fields match.
 * PC_EUSAGE with a message when none or several fit equally. */
pc_status pc_schema_guess(const char *const *labels, size_t n, struct pc_errsink *sink,
                          struct pc_schema **out);

/* The bundled schema name equal to `name`, as a static string; NULL if none. */
const char *pc_schema_name_static(const char *name);

/* The bundled schema whose XML root element is `root`; PC_END if none.
 * Caller frees with pc_schema_free. */
pc_status pc_schema_by_xml_root(const char *root, struct pc_schema **out);

/* Index of the field a header label names (its name, title or alias),
 * or -1: how bundled kinds are guessed from a header. */
int pc_schema_field_index(const struct pc_schema *s, const char *label);

/* Index of the field called `name` exactly (no title, no alias); -1 if none. */
int pc_schema_field_by_name(const struct pc_schema *s, const char *name);

/* Index of the field `label` names under the schema's own matching: its
 * name, and with x-matchTitles its title or an alias; -1 if none.
 * `nocase`: ASCII case ignored (a dialect's caseSensitiveHeader false). */
int pc_schema_label_field(const struct pc_schema *s, const char *label, bool nocase);

/* Whether the text `s` (n bytes) is a missing value of field f: one of the
 * field's missingValues (v2), else the schema's, else the empty string
 * (pc_field.missing, resolved when the schema was loaded). */
bool pc_field_is_missing(const struct pc_field *f, const char *s, size_t n);

void pc_schema_free(struct pc_schema *s);

/* Writes the schema `as` table-schema, json-schema or xsd (validate/export.c).
 * PC_EUSAGE for another `as`. */
pc_status pc_schema_write(const struct pc_schema *s, const char *as, FILE *out);

/* The parent key of a record of a nested schema: its x-nest key fields'
 * text, NUL-separated, into `out` (emptied first). */
pc_status pc_nest_key(const struct pc_schema *s, const struct pc_record *rec, struct pc_buf *out);

/* Groups consecutive records into parents for nested writers; holds the
 * open parent's key, never its records. */
struct pc_group {
    struct pc_buf key, next;
    bool open; /* a parent is open; the writer clears it when it closes one */
};
/* Sets *starts when rec begins a new parent (no parent open, or another key). */
pc_status pc_group_next(struct pc_group *g, const struct pc_schema *s,
                        const struct pc_record *rec, bool *starts);
void pc_group_free(struct pc_group *g);

/* Bundled descriptors (generated at build time from schemas/). */
struct pc_embedded_schema {
    const char *name, *title;
    const char *text;
    size_t len;
};
extern const struct pc_embedded_schema pc_embedded_schemas[];
extern const size_t pc_embedded_schema_count;

#endif
