/* Schemas: Frictionless Table Schema descriptors with planconv's `x-`
 * extensions, loaded from the bundled copies or a user's file. */
#ifndef PC_SCHEMA_H
#define PC_SCHEMA_H

#include "../core/core.h"

#include <jansson.h>
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

struct pc_field {
    const char *name, *title;
    enum pc_vtype type;       /* STRING ... YEAR, or ANY: keep the value as read */
    const char *type_name;    /* as written in the descriptor */
    const char *separator;    /* x-separator: a multi-value field; NULL if single */
    json_t *aliases;          /* x-aliases: more header names (array of strings) or NULL */
    bool required;
    bool unique;              /* constraints.unique */
    json_t *constraints;      /* the descriptor's constraints object or NULL */
    long min_length, max_length; /* in characters; -1 when not constrained */
    pcre2_code *pattern;      /* constraints.pattern compiled anchored, UTF; or NULL */
    bool has_min, has_max;    /* constraints.minimum / maximum, read once at load */
    double min, max;
    json_t *enum_values;      /* constraints.enum (an array) or NULL */
    bool child;               /* x-nest.childFields: part of the nested child record */
    const char *xml_item;     /* x-xml.item: element name of a multi-value item */
    int derive_from;          /* x-derive.from: field this one is filled from when empty, or -1 */
    bool derive_end;          /* x-derive.part: "end" (else "start") of that period or range */
};

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

/* A foreign key within the same resource (reference.resource ""). */
struct pc_fkey {
    struct pc_key from, to;
};

struct pc_schema {
    const char *name, *title;
    struct pc_field *fields;
    size_t nfields;
    struct pc_key primary_key;  /* n == 0: none */
    struct pc_fkey *fkeys;
    size_t nfkeys;
    pcre2_match_data *match;    /* scratch for pattern checks; a job owns its schema */
    struct pc_nest nest;
    const char *xml_root, *xml_record, *xml_child; /* x-xml element names */
    json_t *doc; /* the whole descriptor; the strings above point into it */
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

/* Index of the field a header label names, or -1. */
int pc_schema_field_index(const struct pc_schema *s, const char *label);

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
