/* Loading and matching schema descriptors. */
#include "schema.h"

#include "pivot_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    enum pc_vtype type;
} field_types[] = {
    {"string", PC_T_STRING}, {"integer", PC_T_INTEGER}, {"number", PC_T_NUMBER},
    {"boolean", PC_T_BOOLEAN}, {"date", PC_T_DATE}, {"time", PC_T_TIME},
    {"datetime", PC_T_DATETIME}, {"year", PC_T_YEAR}, {"any", PC_T_ANY},
};

static pc_status schema_error(struct pc_errsink *sink, const char *source, const char *field,
                              const char *msg)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .source = source,
                         .field = field};
    return pc_report(sink, &e, "%s", msg);
}

static pc_status parse_length(struct pc_field *f, const char *key, long *out,
                              struct pc_errsink *sink, const char *source)
{
    json_t *v = json_object_get(f->constraints, key);
    *out = -1;
    if (!v) return PC_OK;
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "constraint \"%s\" is not a non-negative integer", key);
        return schema_error(sink, source, f->name, msg);
    }
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
        return schema_error(sink, source, f->name, "constraint \"pattern\" is not a string");
    int code;
    PCRE2_SIZE at;
    f->pattern = pcre2_compile((PCRE2_SPTR)json_string_value(v), json_string_length(v),
                               PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &code, &at,
                               NULL);
    if (!f->pattern) {
        char why[256], msg[400];
        pcre2_get_error_message(code, (PCRE2_UCHAR *)why, sizeof why);
        snprintf(msg, sizeof msg, PC_("constraint \"pattern\" is not a valid regular expression: "
                                      "%s at offset %zu"), why, (size_t)at);
        return schema_error(sink, source, f->name, msg);
    }
    pcre2_jit_compile(f->pattern, PCRE2_JIT_COMPLETE); /* optional speed-up; failure is fine */
    return PC_OK;
}

static pc_status parse_constraints(struct pc_field *f, struct pc_errsink *sink,
                                   const char *source)
{
    json_t *c = f->constraints;
    const char *numeric[] = {"minimum", "maximum"};
    for (size_t i = 0; i < PC_ARRAY_LEN(numeric); i++) {
        json_t *v = json_object_get(c, numeric[i]);
        if (v && !json_is_number(v)) {
            char msg[128];
            snprintf(msg, sizeof msg, "constraint \"%s\" is not a number", numeric[i]);
            return schema_error(sink, source, f->name, msg);
        }
    }
    json_t *en = json_object_get(c, "enum");
    if (en && !json_is_array(en))
        return schema_error(sink, source, f->name, "constraint \"enum\" is not an array");
    /* cached for casting, which checks them on every value */
    json_t *min = json_object_get(c, "minimum"), *max = json_object_get(c, "maximum");
    if ((f->has_min = min != NULL)) f->min = json_number_value(min);
    if ((f->has_max = max != NULL)) f->max = json_number_value(max);
    f->enum_values = en;
    pc_status st = parse_length(f, "minLength", &f->min_length, sink, source);
    if (!st) st = parse_length(f, "maxLength", &f->max_length, sink, source);
    if (!st) st = compile_pattern(f, sink, source);
    return st;
}

static pc_status parse_field(json_t *jf, struct pc_field *f, struct pc_errsink *sink,
                             const char *source)
{
    char msg[256];
    f->name = json_string_value(json_object_get(jf, "name"));
    if (!f->name || !*f->name)
        return schema_error(sink, source, NULL, "a field has no \"name\"");
    f->title = json_string_value(json_object_get(jf, "title"));
    f->type_name = json_string_value(json_object_get(jf, "type"));
    if (!f->type_name) f->type_name = "string";
    f->type = PC_T_ABSENT;
    for (size_t i = 0; i < PC_ARRAY_LEN(field_types); i++)
        if (strcmp(f->type_name, field_types[i].name) == 0) f->type = field_types[i].type;
    if (f->type == PC_T_ABSENT) {
        snprintf(msg, sizeof msg,
                 "unknown type \"%s\"; expected string, integer, number, boolean, date, time, "
                 "datetime, year or any",
                 f->type_name);
        return schema_error(sink, source, f->name, msg);
    }
    f->separator = json_string_value(json_object_get(jf, "x-separator"));
    if (f->separator && !*f->separator)
        return schema_error(sink, source, f->name, "\"x-separator\" is empty");
    f->aliases = json_object_get(jf, "x-aliases");
    if (f->aliases && !json_is_array(f->aliases))
        return schema_error(sink, source, f->name, "\"x-aliases\" is not an array of names");
    f->constraints = json_object_get(jf, "constraints");
    if (f->constraints && !json_is_object(f->constraints))
        return schema_error(sink, source, f->name, "\"constraints\" is not an object");
    f->required = json_is_true(json_object_get(f->constraints, "required"));
    f->unique = json_is_true(json_object_get(f->constraints, "unique"));
    return parse_constraints(f, sink, source);
}

/* A key is a field name or an array of them (Table Schema allows both).
 * Fills k->fields (owned by the schema, freed by pc_schema_free). */
static pc_status parse_key(struct pc_schema *s, json_t *spec, const char *what,
                           struct pc_key *k, struct pc_errsink *sink, const char *source)
{
    size_t n = json_is_string(spec) ? 1 : json_array_size(spec);
    char msg[256];
    if (n == 0) {
        snprintf(msg, sizeof msg, PC_("%s is not a field name or a non-empty array of names"),
                 PC_(what));
        return schema_error(sink, source, NULL, msg);
    }
    k->fields = calloc(n, sizeof *k->fields);
    if (!k->fields) return PC_ENOMEM;
    k->n = n;
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_is_string(spec) ? spec
                                                                  : json_array_get(spec, i));
        int idx = -1;
        for (size_t f = 0; name && f < s->nfields; f++)
            if (strcmp(s->fields[f].name, name) == 0) idx = (int)f;
        if (idx < 0) {
            snprintf(msg, sizeof msg, PC_("%s names \"%s\", which is not a field"), PC_(what),
                     name ? name : "(not a string)");
            return schema_error(sink, source, NULL, msg);
        }
        k->fields[i] = idx;
    }
    return PC_OK;
}

/* Only references within the same table are checked; keys into other
 * resources cannot be, and are refused rather than silently skipped. */
static pc_status parse_keys(struct pc_schema *s, struct pc_errsink *sink, const char *source)
{
    json_t *pk = json_object_get(s->doc, "primaryKey");
    pc_status st;
    if (pk && (st = parse_key(s, pk, N_("\"primaryKey\""), &s->primary_key, sink, source)))
        return st;
    json_t *fks = json_object_get(s->doc, "foreignKeys");
    if (!fks) return PC_OK;
    if (!json_is_array(fks))
        return schema_error(sink, source, NULL, "\"foreignKeys\" is not an array");
    s->fkeys = calloc(json_array_size(fks) + 1, sizeof *s->fkeys);
    if (!s->fkeys) return PC_ENOMEM;
    for (size_t i = 0; i < json_array_size(fks); i++) {
        json_t *fk = json_array_get(fks, i), *ref = json_object_get(fk, "reference");
        const char *res = json_string_value(json_object_get(ref, "resource"));
        if (!res || *res)
            return schema_error(sink, source, NULL,
                                "a foreign key refers to another resource; only references "
                                "within the same table (\"resource\": \"\") can be checked");
        struct pc_fkey *k = &s->fkeys[s->nfkeys++];
        if ((st = parse_key(s, json_object_get(fk, "fields"), N_("a foreign key"), &k->from, sink,
                            source)) ||
            (st = parse_key(s, json_object_get(ref, "fields"), N_("a foreign key's reference"),
                            &k->to, sink, source)))
            return st;
        if (k->from.n != k->to.n)
            return schema_error(sink, source, NULL,
                                "a foreign key has not as many fields as its reference");
    }
    return PC_OK;
}

static int field_by_name(const struct pc_schema *s, const char *name)
{
    for (size_t i = 0; name && i < s->nfields; i++)
        if (strcmp(s->fields[i].name, name) == 0) return (int)i;
    return -1;
}

static const char *str_or(json_t *obj, const char *key, const char *dflt)
{
    const char *v = json_string_value(json_object_get(obj, key));
    return v ? v : dflt;
}

/* x-nest and x-xml: how nested formats lay the records out. */
static pc_status parse_layout(struct pc_schema *s, struct pc_errsink *sink, const char *source)
{
    json_t *xml = json_object_get(s->doc, "x-xml"), *items = json_object_get(xml, "item");
    s->xml_root = str_or(xml, "root", "records");
    s->xml_record = str_or(xml, "record", "record");
    s->xml_child = str_or(xml, "child", "item");
    for (size_t i = 0; i < s->nfields; i++)
        s->fields[i].xml_item = str_or(items, s->fields[i].name, "item");
    json_t *nest = json_object_get(s->doc, "x-nest");
    if (!nest) return PC_OK;
    json_t *key = json_object_get(nest, "key"), *children = json_object_get(nest, "childFields");
    s->nest.parent = json_string_value(json_object_get(nest, "parent"));
    s->nest.child = json_string_value(json_object_get(nest, "child"));
    if (!s->nest.parent || !s->nest.child || !json_is_array(key) || json_array_size(key) == 0 ||
        json_array_size(key) > PC_ARRAY_LEN(s->nest.key) || !json_is_array(children))
        return schema_error(sink, source, NULL,
                            "\"x-nest\" needs \"key\" (1 to 8 fields), \"parent\", \"child\" and "
                            "\"childFields\"");
    for (size_t i = 0; i < json_array_size(key); i++) {
        int f = field_by_name(s, json_string_value(json_array_get(key, i)));
        if (f < 0) return schema_error(sink, source, NULL, "\"x-nest\" key names no field");
        s->nest.key[s->nest.nkey++] = (size_t)f;
    }
    for (size_t i = 0; i < json_array_size(children); i++) {
        int f = field_by_name(s, json_string_value(json_array_get(children, i)));
        if (f < 0) return schema_error(sink, source, NULL, "\"x-nest\" childFields names no field");
        s->fields[f].child = true;
    }
    s->nest.on = true;
    return PC_OK;
}

/* x-derive: {"from": FIELD, "part": "start"|"end"} fills an empty field
 * from a period (or a time range) in another field. */
static pc_status parse_derive(struct pc_schema *s, struct pc_errsink *sink, const char *source)
{
    json_t *fields = json_object_get(s->doc, "fields");
    for (size_t i = 0; i < s->nfields; i++) {
        struct pc_field *f = &s->fields[i];
        json_t *d = json_object_get(json_array_get(fields, i), "x-derive");
        f->derive_from = -1;
        if (!d) continue;
        const char *part = json_string_value(json_object_get(d, "part"));
        int from = field_by_name(s, json_string_value(json_object_get(d, "from")));
        if (from < 0 || from == (int)i || !part || (strcmp(part, "start") && strcmp(part, "end")))
            return schema_error(sink, source, f->name,
                                "\"x-derive\" needs \"from\" (another field) and \"part\" "
                                "(\"start\" or \"end\")");
        f->derive_from = from;
        f->derive_end = strcmp(part, "end") == 0;
    }
    return PC_OK;
}

/* Takes ownership of doc. */
static pc_status schema_from_doc(json_t *doc, const char *source, struct pc_errsink *sink,
                                 struct pc_schema **out)
{
    json_t *fields = json_object_get(doc, "fields");
    if (!json_is_array(fields) || json_array_size(fields) == 0) {
        json_decref(doc);
        return schema_error(sink, source, NULL, "the descriptor has no \"fields\" array");
    }
    struct pc_schema *s = calloc(1, sizeof *s);
    if (s) s->fields = calloc(json_array_size(fields), sizeof *s->fields);
    if (!s || !s->fields) {
        free(s);
        json_decref(doc);
        return PC_ENOMEM;
    }
    s->doc = doc;
    s->name = json_string_value(json_object_get(doc, "name"));
    if (!s->name) s->name = "custom";
    s->title = json_string_value(json_object_get(doc, "title"));
    s->nfields = json_array_size(fields);
    for (size_t i = 0; i < s->nfields; i++) {
        pc_status st = parse_field(json_array_get(fields, i), &s->fields[i], sink, source);
        if (st) {
            pc_schema_free(s);
            return st;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(s->fields[k].name, s->fields[i].name) == 0) {
                pc_schema_free(s);
                return schema_error(sink, source, s->fields[i].name,
                                    "the field name is used twice");
            }
    }
    pc_status st = parse_keys(s, sink, source);
    if (!st) st = parse_layout(s, sink, source);
    if (!st) st = parse_derive(s, sink, source);
    if (!st && !(s->match = pcre2_match_data_create(1, NULL))) st = PC_ENOMEM;
    if (st) {
        pc_schema_free(s);
        return st;
    }
    *out = s;
    return PC_OK;
}

pc_status pc_schema_load_builtin(const char *name, struct pc_errsink *sink,
                                 struct pc_schema **out)
{
    for (size_t i = 0; i < pc_embedded_schema_count; i++) {
        const struct pc_embedded_schema *e = &pc_embedded_schemas[i];
        if (strcmp(e->name, name) != 0) continue;
        json_error_t jerr;
        json_t *doc = json_loadb(e->text, e->len, 0, &jerr);
        if (!doc) return PC_EINTERNAL;
        return schema_from_doc(doc, e->name, sink, out);
    }
    struct pc_error err = {.code = PC_EUSAGE, .type = "schema-error", .hint = PC_HINT_SCHEMA_LIST};
    return pc_report(sink, &err, "unknown kind \"%s\"", name);
}

pc_status pc_schema_load_file(const char *path, struct pc_errsink *sink, struct pc_schema **out)
{
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .source = path,
                             .line = (unsigned long)(jerr.line > 0 ? jerr.line : 0)};
        return pc_report(sink, &e, "cannot load the schema: %s", jerr.text);
    }
    return schema_from_doc(doc, path, sink, out);
}

pc_status pc_schema_load_doc(json_t *doc, const char *source, struct pc_errsink *sink,
                            struct pc_schema **out)
{
    return schema_from_doc(doc, source, sink, out);
}

pc_status pc_schema_from_labels(const char *const *labels, size_t n, struct pc_schema **out)
{
    json_t *doc = json_pack("{s:s, s:[]}", "name", "table", "fields");
    if (!doc) return PC_ENOMEM;
    json_t *fields = json_object_get(doc, "fields");
    for (size_t i = 0; i < n; i++)
        if (json_array_append_new(fields, json_pack("{s:s, s:s}", "name", labels[i], "type",
                                                    "any"))) {
            json_decref(doc);
            return PC_ENOMEM;
        }
    if (n == 0) {
        json_decref(doc);
        return PC_EUSAGE;
    }
    struct pc_errsink quiet = {0};
    return schema_from_doc(doc, "table", &quiet, out);
}

int pc_schema_field_index(const struct pc_schema *s, const char *label)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        if (strcmp(f->name, label) == 0 || (f->title && strcmp(f->title, label) == 0))
            return (int)i;
        for (size_t k = 0; k < json_array_size(f->aliases); k++) {
            const char *alias = json_string_value(json_array_get(f->aliases, k));
            if (alias && strcmp(alias, label) == 0) return (int)i;
        }
    }
    return -1;
}

pc_status pc_schema_guess(const char *const *labels, size_t n, struct pc_errsink *sink,
                          struct pc_schema **out)
{
    struct pc_schema *best = NULL;
    size_t best_hits = 0;
    int tie = 0;
    for (size_t i = 0; i < pc_embedded_schema_count; i++) {
        struct pc_errsink quiet = {0};
        struct pc_schema *s;
        if (pc_schema_load_builtin(pc_embedded_schemas[i].name, &quiet, &s)) return PC_EINTERNAL;
        size_t hits = 0;
        for (size_t k = 0; k < n; k++)
            if (pc_schema_field_index(s, labels[k]) >= 0 || pc_pivot_header_fits(s, labels[k]))
                hits++;
        if (hits != n || hits == 0 || hits < best_hits) {
            pc_schema_free(s);
            continue;
        }
        if (best && hits == best_hits) {
            tie = 1;
            pc_schema_free(s);
            continue;
        }
        tie = 0;
        pc_schema_free(best);
        best = s;
        best_hits = hits;
    }
    struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .hint = PC_HINT_KIND};
    if (!best || tie) {
        pc_schema_free(best);
        return pc_report(sink, &e,
                         tie ? "the header fits several kinds"
                             : "the header fits no known kind (the kind \"table\" "
                               "reads plain text columns)");
    }
    *out = best;
    return PC_OK;
}

void pc_schema_free(struct pc_schema *s)
{
    if (!s) return;
    for (size_t i = 0; s->fields && i < s->nfields; i++) pcre2_code_free(s->fields[i].pattern);
    free(s->primary_key.fields);
    for (size_t i = 0; i < s->nfkeys; i++) {
        free(s->fkeys[i].from.fields);
        free(s->fkeys[i].to.fields);
    }
    free(s->fkeys);
    pcre2_match_data_free(s->match);
    json_decref(s->doc);
    free(s->fields);
    free(s);
}

const char *pc_schema_name(size_t i)
{
    return i < pc_embedded_schema_count ? pc_embedded_schemas[i].name : NULL;
}

const char *pc_schema_title(size_t i)
{
    return i < pc_embedded_schema_count ? pc_embedded_schemas[i].title : NULL;
}

pc_status pc_nest_key(const struct pc_schema *s, const struct pc_record *rec, struct pc_buf *out)
{
    out->len = 0;
    for (size_t i = 0; i < s->nest.nkey; i++) {
        int slot = rec->slot[s->nest.key[i]];
        const struct pc_value *v = slot >= 0 ? &pc_record_cell(rec, (size_t)slot)->v : NULL;
        if (v && v->type != PC_T_ARRAY && v->type != PC_T_NULL &&
            pc_buf_append(out, pc_value_text(rec->batch, v), v->len))
            return PC_ENOMEM;
        if (pc_buf_append(out, "", 1)) return PC_ENOMEM;
    }
    return PC_OK;
}

pc_status pc_group_next(struct pc_group *g, const struct pc_schema *s,
                        const struct pc_record *rec, bool *starts)
{
    if (pc_nest_key(s, rec, &g->next)) return PC_ENOMEM;
    *starts = !g->open || g->next.len != g->key.len ||
              memcmp(g->next.data, g->key.data, g->key.len) != 0;
    if (*starts) {
        struct pc_buf t = g->key;
        g->key = g->next;
        g->next = t;
        g->open = true;
    }
    return PC_OK;
}

void pc_group_free(struct pc_group *g)
{
    pc_buf_free(&g->key);
    pc_buf_free(&g->next);
}

const char *pc_schema_name_static(const char *name)
{
    for (size_t i = 0; i < pc_embedded_schema_count; i++)
        if (strcmp(pc_embedded_schemas[i].name, name) == 0) return pc_embedded_schemas[i].name;
    return NULL;
}

pc_status pc_schema_by_xml_root(const char *root, struct pc_schema **out)
{
    for (size_t i = 0; i < pc_embedded_schema_count; i++) {
        struct pc_errsink quiet = {0};
        struct pc_schema *s;
        if (pc_schema_load_builtin(pc_embedded_schemas[i].name, &quiet, &s)) return PC_EINTERNAL;
        if (strcmp(s->xml_root, root) == 0) {
            *out = s;
            return PC_OK;
        }
        pc_schema_free(s);
    }
    return PC_END;
}
