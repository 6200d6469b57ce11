/* Loading and matching schema descriptors. */
#include "schema.h"

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
    f->required = json_is_true(json_object_get(f->constraints, "required"));
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
    struct pc_error err = {.code = PC_EUSAGE, .type = "schema-error"};
    return pc_report(sink, &err, "unknown kind \"%s\"; see 'planconv schema list'", name);
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
            if (pc_schema_field_index(s, labels[k]) >= 0) hits++;
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
    struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error"};
    if (!best || tie) {
        pc_schema_free(best);
        return pc_report(sink, &e,
                         tie ? "the header fits several kinds; choose one with -k KIND"
                             : "the header fits no known kind; choose one with -k KIND "
                               "(or -k table for plain text columns)");
    }
    *out = best;
    return PC_OK;
}

void pc_schema_free(struct pc_schema *s)
{
    if (!s) return;
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

pc_status pc_schema_export(const char *kind, const char *as, void *out)
{
    if (strcmp(as, "table-schema") != 0) return PC_EUSAGE;
    struct pc_errsink quiet = {0};
    struct pc_schema *s;
    pc_status st = pc_schema_load_builtin(kind, &quiet, &s);
    if (st) return st;
    int rc = json_dumpf(s->doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    pc_schema_free(s);
    return rc == 0 ? PC_OK : PC_EIO;
}
