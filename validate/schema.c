/* Loading and matching schema descriptors. */
#include "schema.h"

#include "pivot_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pc_status schema_error(struct pc_errsink *sink, const char *source, const char *field,
                              const char *msg)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .source = source,
                         .field = field};
    return pc_report(sink, &e, "%s", PC_(msg)); /* a composed msg has no translation: kept */
}

static int field_by_name(const struct pc_schema *s, const char *name)
{
    uint32_t i;
    return name && pc_strset_get(&s->by_name, name, strlen(name), &i) ? (int)i : -1;
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
        int idx = field_by_name(s, name);
        if (idx < 0) {
            snprintf(msg, sizeof msg, PC_("%s names \"%s\", which is not a field"), PC_(what),
                     name ? name : "(not a string)");
            return schema_error(sink, source, NULL, msg);
        }
        k->fields[i] = idx;
    }
    return PC_OK;
}

/* uniqueKeys (v2): each an array of field names whose values together
 * are unique. */
static pc_status parse_unique_keys(struct pc_schema *s, struct pc_errsink *sink,
                                   const char *source)
{
    json_t *uks = json_object_get(s->doc, "uniqueKeys");
    if (!uks) return PC_OK;
    if (!json_is_array(uks))
        return schema_error(sink, source, NULL, "\"uniqueKeys\" is not an array of keys");
    s->unique_keys = calloc(json_array_size(uks) + 1, sizeof *s->unique_keys);
    if (!s->unique_keys) return PC_ENOMEM;
    for (size_t i = 0; i < json_array_size(uks); i++) {
        json_t *uk = json_array_get(uks, i);
        if (!json_is_array(uk))
            return schema_error(sink, source, NULL,
                                "an entry of \"uniqueKeys\" is not an array of field names");
        pc_status st = parse_key(s, uk, N_("\"uniqueKeys\""), &s->unique_keys[s->nunique_keys++],
                                 sink, source);
        if (st) return st;
    }
    return PC_OK;
}

/* Only references within the same table are checked here (v1
 * `"resource": ""`, v2 no resource); a key into another resource of a
 * Data Package is refused rather than silently skipped. */
static pc_status parse_foreign_keys(struct pc_schema *s, struct pc_errsink *sink,
                                    const char *source)
{
    json_t *fks = json_object_get(s->doc, "foreignKeys");
    if (!fks) return PC_OK;
    if (!json_is_array(fks))
        return schema_error(sink, source, NULL, "\"foreignKeys\" is not an array");
    s->fkeys = calloc(json_array_size(fks) + 1, sizeof *s->fkeys);
    if (!s->fkeys) return PC_ENOMEM;
    for (size_t i = 0; i < json_array_size(fks); i++) {
        json_t *fk = json_array_get(fks, i), *ref = json_object_get(fk, "reference");
        if (!json_is_object(ref))
            return schema_error(sink, source, NULL, "a foreign key has no \"reference\" object");
        json_t *res = json_object_get(ref, "resource");
        if (res && !json_is_string(res))
            return schema_error(sink, source, NULL,
                                "a foreign key's \"reference.resource\" is not a string");
        struct pc_fkey *k = &s->fkeys[s->nfkeys++];
        k->resource = res && *json_string_value(res) ? json_string_value(res) : NULL;
        if (k->resource) {
            struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .source = source,
                                 .severity = PC_SEV_ERROR};
            return pc_report(sink, &e,
                             "a foreign key refers to the resource \"%s\"; only references "
                             "within the same table can be checked",
                             k->resource);
        }
        pc_status st = parse_key(s, json_object_get(fk, "fields"), N_("a foreign key"), &k->from,
                                 sink, source);
        if (!st)
            st = parse_key(s, json_object_get(ref, "fields"), N_("a foreign key's reference"),
                           &k->to, sink, source);
        if (st) return st;
        if (k->from.n != k->to.n)
            return schema_error(sink, source, NULL,
                                "a foreign key has not as many fields as its reference");
    }
    return PC_OK;
}

static pc_status parse_keys(struct pc_schema *s, struct pc_errsink *sink, const char *source)
{
    json_t *pk = json_object_get(s->doc, "primaryKey");
    pc_status st;
    if (pk && (st = parse_key(s, pk, N_("\"primaryKey\""), &s->primary_key, sink, source)))
        return st;
    if ((st = parse_unique_keys(s, sink, source))) return st;
    return parse_foreign_keys(s, sink, source);
}

/* fieldsMatch (v2) and x-matchTitles: how labels find their fields. */
static pc_status parse_matching(struct pc_schema *s, struct pc_errsink *sink, const char *source)
{
    static const char *const modes[] = {"exact", "equal", "subset", "superset", "partial"};
    json_t *fm = json_object_get(s->doc, "fieldsMatch");
    json_t *titles = json_object_get(s->doc, "x-matchTitles");
    if (titles && !json_is_boolean(titles))
        return schema_error(sink, source, NULL, "\"x-matchTitles\" is not true or false");
    s->match_titles = json_is_true(titles);
    s->fields_match = PC_MATCH_EXACT;
    if (!fm) return PC_OK;
    for (size_t i = 0; json_is_string(fm) && i < PC_ARRAY_LEN(modes); i++)
        if (strcmp(json_string_value(fm), modes[i]) == 0) {
            s->fields_match = (enum pc_fields_match)i;
            return PC_OK;
        }
    return schema_error(sink, source, NULL,
                        "\"fieldsMatch\" is not one of exact, equal, subset, superset, partial");
}

/* Adds a name, title or alias of field i to by_label; the first field
 * that has it keeps it, as a scan in field order would find. */
static pc_status add_label_key(struct pc_schema *s, const char *key, size_t i)
{
    uint32_t v = (uint32_t)i;
    bool seen;
    return key ? pc_strset_add(&s->by_label, key, strlen(key), &v, &seen) : PC_OK;
}

static pc_status index_labels(struct pc_schema *s)
{
    pc_status st = PC_OK;
    for (size_t i = 0; !st && i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        st = add_label_key(s, f->name, i);
        if (!st) st = add_label_key(s, f->title, i);
        for (size_t k = 0; !st && k < json_array_size(f->aliases); k++)
            st = add_label_key(s, json_string_value(json_array_get(f->aliases, k)), i);
    }
    return st;
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
    pc_status st = PC_OK;
    for (size_t i = 0; i < s->nfields; i++) {
        st = pc_field_parse(json_array_get(fields, i), doc, &s->fields[i], sink, source);
        if (st) {
            pc_schema_free(s);
            return st;
        }
        uint32_t at = (uint32_t)i;
        bool twice = false;
        const char *name = s->fields[i].name;
        if ((st = pc_strset_add(&s->by_name, name, strlen(name), &at, &twice)) || twice) {
            st = st ? st : schema_error(sink, source, name, "the field name is used twice");
            pc_schema_free(s);
            return st;
        }
    }
    st = index_labels(s);
    if (!st) st = parse_keys(s, sink, source);
    if (!st) st = parse_matching(s, sink, source);
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

/* Field names for a table's labels as frictionless-py infers them: a
 * blank label is "fieldN" (N its position), a repeated one gets its count
 * ("name2"). The labels are then checked against these names as usual, so
 * a blank or repeated label is still reported. */
static json_t *inferred_name(const char *const *labels, size_t i, size_t count)
{
    if (!*labels[i]) return json_sprintf("field%zu", i + 1);
    return count > 1 ? json_sprintf("%s%zu", labels[i], count) : json_string(labels[i]);
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
    /* how often each label was seen so far, by its first position: a set,
     * not a scan, so that a header of 100,000 columns stays linear */
    struct pc_strset seen = {0};
    size_t *counts = calloc(n ? n : 1, sizeof *counts);
    bool failed = !counts;
    for (size_t i = 0; !failed && i < n; i++) {
        uint32_t first = (uint32_t)i;
        bool again;
        failed = pc_strset_add(&seen, labels[i], strlen(labels[i]), &first, &again) != PC_OK;
        size_t count = failed ? 0 : ++counts[first];
        failed = failed || json_array_append_new(fields, json_pack("{s:o, s:s}", "name",
                                                                   inferred_name(labels, i, count),
                                                                   "type", "any"));
    }
    pc_strset_free(&seen);
    free(counts);
    if (failed) {
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

static int field_index(const struct pc_schema *s, const char *label,
                       int (*cmp)(const char *, const char *))
{
    if (cmp == strcmp) { /* hashed: headers of many thousand columns stay linear */
        uint32_t i;
        return pc_strset_get(&s->by_label, label, strlen(label), &i) ? (int)i : -1;
    }
    for (size_t i = 0; i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        if (cmp(f->name, label) == 0 || (f->title && cmp(f->title, label) == 0)) return (int)i;
        for (size_t k = 0; k < json_array_size(f->aliases); k++) {
            const char *alias = json_string_value(json_array_get(f->aliases, k));
            if (alias && cmp(alias, label) == 0) return (int)i;
        }
    }
    return -1;
}

int pc_schema_field_index(const struct pc_schema *s, const char *label)
{
    return field_index(s, label, strcmp);
}

int pc_schema_field_by_name(const struct pc_schema *s, const char *name)
{
    return field_by_name(s, name);
}

int pc_schema_label_field(const struct pc_schema *s, const char *label, bool nocase)
{
    if (s->match_titles) return field_index(s, label, nocase ? strcasecmp : strcmp);
    if (!nocase) return field_by_name(s, label);
    for (size_t i = 0; i < s->nfields; i++)
        if (strcasecmp(s->fields[i].name, label) == 0) return (int)i;
    return -1;
}

bool pc_field_is_missing(const struct pc_field *f, const char *s, size_t n)
{
    if (!f->missing) return n == 0; /* the default [""], with no look-up */
    for (size_t i = 0; i < json_array_size(f->missing); i++) {
        json_t *v = json_array_get(f->missing, i);
        if (json_is_object(v)) v = json_object_get(v, "value"); /* v2 objects */
        if (json_is_string(v) && json_string_length(v) == n && memcmp(json_string_value(v), s, n) == 0)
            return true;
    }
    return false;
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
    for (size_t i = 0; s->fields && i < s->nfields; i++) pc_field_free(&s->fields[i]);
    free(s->primary_key.fields);
    for (size_t i = 0; i < s->nunique_keys; i++) free(s->unique_keys[i].fields);
    free(s->unique_keys);
    for (size_t i = 0; i < s->nfkeys; i++) {
        free(s->fkeys[i].from.fields);
        free(s->fkeys[i].to.fields);
    }
    free(s->fkeys);
    pcre2_match_data_free(s->match);
    pc_strset_free(&s->by_name);
    pc_strset_free(&s->by_label);
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
