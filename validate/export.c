/* Schema exports: the descriptor itself (Table Schema, for CSV), a JSON
 * Schema of what the JSON and JSON Lines writers emit, and an XML Schema
 * of what the XML writer emits. Each must accept exactly the output, so
 * they follow the writers' rules: empty values are left out, multi-value
 * fields are arrays (XML: repeated item elements), nested kinds (x-nest)
 * hold their child records in an array. Unique and key constraints span
 * records and have no equivalent here; planconv checks them itself. */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text forms the type checks in types.c accept. */
#define HHMM_RE "([01][0-9]|2[0-3]):[0-5][0-9]"
#define TIME_RE HHMM_RE "(:[0-5][0-9])?"
#define DATE_RE "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
#define TZ_RE "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"

/* A time field's text as its format reads it: the default HH:MM:SS,
 * %H:%M and %H:%M:%S as they say; any other spelling either. */
static const char *time_re(const struct pc_field *f)
{
    const char *p = f->format == PC_F_PATTERN ? f->format_pattern : NULL;
    if (f->format == PC_F_DEFAULT || (p && strcmp(p, "%H:%M:%S") == 0)) return HHMM_RE ":[0-5][0-9]";
    if (p && strcmp(p, "%H:%M") == 0) return HHMM_RE;
    return TIME_RE;
}

static const char *str_or(json_t *v, const char *fallback)
{
    return json_is_string(v) ? json_string_value(v) : fallback;
}

/* Primary key fields must have a value (validate/check.c). */
static bool must_have(const struct pc_schema *s, size_t i)
{
    for (size_t k = 0; k < s->primary_key.n; k++)
        if (s->primary_key.fields[k] == (int)i) return true;
    return s->fields[i].required;
}

/* ---- JSON Schema (draft 2020-12) ----------------------------------------- */

static json_t *anchored(const char *re)
{
    return json_sprintf("^(?:%s)$", re);
}

/* A regex matching `text` literally; escapes only syntax characters,
 * since ECMAScript's unicode mode refuses other escapes. */
static json_t *regex_literal(const char *text)
{
    char buf[128];
    size_t n = 0;
    for (; *text && n + 3 < sizeof buf; text++) {
        if (strchr("^$\\.*+?()[]{}|/", *text)) buf[n++] = '\\';
        buf[n++] = *text;
    }
    return json_stringn(buf, n);
}

/* One scalar value of field f, as write_scalar in formats/json.c writes it. */
static json_t *json_scalar_schema(const struct pc_field *f)
{
    json_t *o = json_object(), *c = f->constraints, *v;
    switch (f->type) {
    case PC_T_INTEGER:
    case PC_T_YEAR:
        json_object_set_new(o, "type", json_string("integer"));
        break;
    case PC_T_NUMBER: json_object_set_new(o, "type", json_string("number")); break;
    case PC_T_BOOLEAN: json_object_set_new(o, "type", json_string("boolean")); break;
    case PC_T_DATE:
        json_object_set_new(o, "type", json_string("string"));
        json_object_set_new(o, "pattern", anchored(DATE_RE));
        json_object_set_new(o, "format", json_string("date")); /* rejects 2023-02-30 */
        break;
    case PC_T_TIME:
        json_object_set_new(o, "type", json_string("string"));
        json_object_set_new(o, "pattern", anchored(time_re(f)));
        break;
    case PC_T_DATETIME: /* the pattern lets 2023-02-30T... through; planconv does not */
        json_object_set_new(o, "type", json_string("string"));
        json_object_set_new(o, "pattern", anchored(DATE_RE "T" "([01][0-9]|2[0-3]):[0-5][0-9]"
                                                   ":[0-5][0-9]" TZ_RE));
        break;
    case PC_T_ANY: break;
    case PC_T_OBJECT: /* written as JSON objects and arrays, not as their text */
    case PC_T_GEOJSON:
    case PC_T_JSON_ARRAY: {
        bool array = f->type == PC_T_JSON_ARRAY;
        json_object_set_new(o, "type", json_string(array ? "array" : "object"));
        if (f->min_length >= 0)
            json_object_set_new(o, array ? "minItems" : "minProperties",
                                json_integer(f->min_length));
        if (f->max_length >= 0)
            json_object_set_new(o, array ? "maxItems" : "maxProperties",
                                json_integer(f->max_length));
        break;
    }
    default: {
        json_object_set_new(o, "type", json_string("string"));
        /* "" is a missing value: never written, so a present string is not empty */
        json_int_t min = f->min_length > 1 ? f->min_length : 1;
        json_object_set_new(o, "minLength", json_integer(min));
        if (f->max_length >= 0) json_object_set_new(o, "maxLength", json_integer(f->max_length));
        if ((v = json_object_get(c, "pattern")))
            json_object_set_new(o, "pattern", anchored(json_string_value(v)));
        if ((v = json_object_get(c, "enum"))) json_object_set(o, "enum", v);
        if (f->separator) /* an item holding the separator could not be written to CSV */
            json_object_set_new(o, "not", json_pack("{s:s, s:o}", "type", "string", "pattern",
                                                    regex_literal(f->separator)));
    }
    }
    if (f->type == PC_T_INTEGER || f->type == PC_T_YEAR || f->type == PC_T_NUMBER) {
        if ((v = json_object_get(c, "minimum"))) json_object_set(o, "minimum", v);
        if ((v = json_object_get(c, "maximum"))) json_object_set(o, "maximum", v);
    }
    return o;
}

/* The schema's missingValues (default [""]): new reference. */
static json_t *missing_values(const struct pc_schema *s)
{
    json_t *mv = json_object_get(s->doc, "missingValues");
    return json_is_array(mv) ? json_incref(mv) : json_pack("[s]", "");
}

/* A value of field i as planconv takes it from JSON: its type's value; when
 * the field may be empty, also null or a missing value (Frictionless reads
 * both as null); when it may not, never a missing value. */
static json_t *json_field_schema(const struct pc_schema *s, size_t i)
{
    const struct pc_field *f = &s->fields[i];
    json_t *o = json_object(), *value = json_scalar_schema(f);
    if (f->title) json_object_set_new(o, "title", json_string(f->title));
    if (f->separator)
        value = json_pack("{s:s, s:o, s:i}", "type", "array", "items", value, "minItems", 1);
    json_t *mv = missing_values(s);
    if (!must_have(s, i)) {
        json_t *empty = json_pack("[o, {s:s}, {s:O}]", value, "type", "null", "enum", mv);
        if (f->separator) /* [] is an empty list: no value */
            json_array_append_new(empty, json_pack("{s:s, s:i}", "type", "array", "maxItems", 0));
        json_object_set_new(o, "anyOf", empty);
    } else if (json_array_size(mv) > 1 || strcmp(str_or(json_array_get(mv, 0), ""), "") != 0) {
        json_object_set_new(o, "allOf", json_pack("[o, {s:{s:O}}]", value, "not", "enum", mv));
    } else { /* [""]: the type's schema already refuses "" (minLength 1) */
        json_object_update(o, value);
        json_decref(value);
    }
    json_decref(mv);
    return o;
}

/* What JSON Schema cannot say (keys across records), for "$comment":
 * planconv checks it, a JSON Schema validator alone does not. Caller frees. */
static char *unexpressed(const struct pc_schema *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) return NULL;
    fputs("Not expressed in JSON Schema; planconv checks it:", m);
    const char *sep = " ";
    if (s->primary_key.n) {
        fprintf(m, "%sprimary key (", sep);
        for (size_t k = 0; k < s->primary_key.n; k++)
            fprintf(m, "%s%s", k ? ", " : "", s->fields[s->primary_key.fields[k]].name);
        fputs(") unique across records", m);
        sep = "; ";
    }
    for (size_t i = 0; i < s->nfields; i++)
        if (s->fields[i].unique && !(s->primary_key.n == 1 && s->primary_key.fields[0] == (int)i)) {
            fprintf(m, "%s%s unique across records", sep, s->fields[i].name);
            sep = "; ";
        }
    json_t *uk = json_object_get(s->doc, "uniqueKeys");
    for (size_t k = 0; k < json_array_size(uk); k++) {
        json_t *key = json_array_get(uk, k);
        fprintf(m, "%sunique key (", sep);
        for (size_t j = 0; j < json_array_size(key); j++)
            fprintf(m, "%s%s", j ? ", " : "", str_or(json_array_get(key, j), ""));
        fputs(")", m);
        sep = "; ";
    }
    for (size_t k = 0; k < s->nfkeys; k++) {
        const struct pc_fkey *fk = &s->fkeys[k];
        fprintf(m, "%sforeign key (", sep);
        for (size_t j = 0; j < fk->from.n; j++)
            fprintf(m, "%s%s", j ? ", " : "", s->fields[fk->from.fields[j]].name);
        fputs(") refers to (", m);
        for (size_t j = 0; j < fk->to.n; j++)
            fprintf(m, "%s%s", j ? ", " : "", s->fields[fk->to.fields[j]].name);
        fputs(") of another record", m);
        sep = "; ";
    }
    if (s->nest.on) {
        fprintf(m, "%s%s with the same key (", sep, s->nest.parent);
        for (size_t j = 0; j < s->nest.nkey; j++)
            fprintf(m, "%s%s", j ? ", " : "", s->fields[s->nest.key[j]].name);
        fputs(") appear once", m);
        sep = "; ";
    }
    if (*sep == ' ') fputs(" nothing", m);
    fputc('.', m);
    if (fclose(m) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* An object schema of the fields whose `child` flag is `child` (all
 * fields when the schema does not nest). */
static json_t *json_object_schema(const struct pc_schema *s, bool child)
{
    json_t *props = json_object(), *req = json_array();
    for (size_t i = 0; i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        if (s->nest.on && f->child != child) continue;
        json_t *p = json_field_schema(s, i);
        json_t *desc = json_object_get(json_array_get(json_object_get(s->doc, "fields"), i),
                                       "description");
        if (json_is_string(desc)) json_object_set(p, "description", desc);
        json_object_set_new(props, f->name, p);
        if (must_have(s, i)) json_array_append_new(req, json_string(f->name));
    }
    json_t *o = json_pack("{s:s, s:o}", "type", "object", "properties", props);
    if (json_array_size(req))
        json_object_set_new(o, "required", req);
    else
        json_decref(req);
    json_object_set_new(o, "additionalProperties", json_false());
    if (!child) {
        char *note = unexpressed(s);
        if (note) json_object_set_new(o, "$comment", json_string(note));
        free(note);
    }
    return o;
}

/* New reference: caller decrefs. */
static json_t *json_schema_doc(const struct pc_schema *s)
{
    json_t *doc = json_pack("{s:s}", "$schema", "https://json-schema.org/draft/2020-12/schema");
    if (s->title) json_object_set_new(doc, "title", json_string(s->title));
    json_t *desc = json_object_get(s->doc, "description");
    if (json_is_string(desc)) json_object_set(doc, "description", desc);
    json_t *defs = json_object();
    if (s->nest.on) {
        /* JSON: {"meetings": [meeting ...]}; JSON Lines: one meeting a line */
        json_t *rec = json_object_schema(s, false);
        json_t *child = json_object_schema(s, true);
        json_object_set_new(json_object_get(rec, "properties"), s->nest.child,
                            json_pack("{s:s, s:{s:s}, s:i}", "type", "array", "items", "$ref",
                                      "#/$defs/child", "minItems", 1));
        json_t *req = json_object_get(rec, "required");
        if (!req) json_object_set_new(rec, "required", req = json_array());
        json_array_append_new(req, json_string(s->nest.child));
        json_object_set_new(defs, "record", rec);
        json_object_set_new(defs, "child", child);
        json_object_set_new(doc, "type", json_string("object"));
        json_object_set_new(doc, "properties",
                            json_pack("{s:{s:s, s:{s:s}}}", s->nest.parent, "type", "array", "items",
                                      "$ref", "#/$defs/record"));
        json_object_set_new(doc, "required", json_pack("[s]", s->nest.parent));
        json_object_set_new(doc, "additionalProperties", json_false());
    } else {
        /* JSON: [record ...]; JSON Lines: one record a line */
        json_object_set_new(defs, "record", json_object_schema(s, false));
        json_object_set_new(doc, "type", json_string("array"));
        json_object_set_new(doc, "items", json_pack("{s:s}", "$ref", "#/$defs/record"));
    }
    json_object_set_new(doc, "$defs", defs);
    return doc;
}

/* ---- XML Schema ------------------------------------------------------------ */

static void xml_text(FILE *out, const char *s)
{
    for (; s && *s; s++) switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
}

static void xsd_doc(FILE *out, int indent, const char *ja, const char *en)
{
    if (!ja && !en) return;
    fprintf(out, "%*s<xs:annotation>\n", indent, "");
    if (ja) {
        fprintf(out, "%*s  <xs:documentation xml:lang=\"ja\">", indent, "");
        xml_text(out, ja);
        fputs("</xs:documentation>\n", out);
    }
    if (en) {
        fprintf(out, "%*s  <xs:documentation xml:lang=\"en\">", indent, "");
        xml_text(out, en);
        fputs("</xs:documentation>\n", out);
    }
    fprintf(out, "%*s</xs:annotation>\n", indent, "");
}

static void xsd_facet(FILE *out, int indent, const char *facet, const char *value)
{
    fprintf(out, "%*s<xs:%s value=\"", indent, "", facet);
    xml_text(out, value);
    fputs("\"/>\n", out);
}

/* The simple type of one value of f, as a restriction. */
static void xsd_simple_type(FILE *out, int indent, const struct pc_field *f)
{
    const char *base;
    switch (f->type) {
    case PC_T_INTEGER:
    case PC_T_YEAR: base = "xs:integer"; break;
    case PC_T_NUMBER: base = "xs:decimal"; break;
    case PC_T_BOOLEAN: base = "xs:boolean"; break;
    case PC_T_DATE: base = "xs:date"; break;
    case PC_T_DATETIME: base = "xs:dateTime"; break;
    default: base = "xs:string";
    }
    json_t *c = f->constraints, *v;
    char num[64];
    fprintf(out, "%*s<xs:simpleType>\n%*s  <xs:restriction base=\"%s\">\n", indent, "", indent,
            "", base);
    int in = indent + 4;
    switch (f->type) {
    case PC_T_BOOLEAN: xsd_facet(out, in, "pattern", "true|false"); break; /* not 1 or 0 */
    case PC_T_DATE: xsd_facet(out, in, "pattern", "[0-9]{4}-[0-9]{2}-[0-9]{2}"); break;
    case PC_T_TIME: xsd_facet(out, in, "pattern", time_re(f)); break;
    case PC_T_DATETIME:
        xsd_facet(out, in, "pattern", DATE_RE "T[0-9]{2}:[0-9]{2}:[0-9]{2}" TZ_RE);
        break;
    case PC_T_INTEGER:
    case PC_T_YEAR:
    case PC_T_NUMBER:
        if ((v = json_object_get(c, "minimum"))) {
            snprintf(num, sizeof num, "%.17g", json_number_value(v));
            xsd_facet(out, in, "minInclusive", num);
        }
        if ((v = json_object_get(c, "maximum"))) {
            snprintf(num, sizeof num, "%.17g", json_number_value(v));
            xsd_facet(out, in, "maxInclusive", num);
        }
        break;
    case PC_T_ANY: break;
    default:
        snprintf(num, sizeof num, "%ld", f->min_length > 1 ? f->min_length : 1);
        xsd_facet(out, in, "minLength", num);
        if (f->max_length >= 0) {
            snprintf(num, sizeof num, "%ld", f->max_length);
            xsd_facet(out, in, "maxLength", num);
        }
        if ((v = json_object_get(c, "pattern"))) xsd_facet(out, in, "pattern", json_string_value(v));
        if ((v = json_object_get(c, "enum")))
            for (size_t i = 0; i < json_array_size(v); i++)
                xsd_facet(out, in, "enumeration", str_or(json_array_get(v, i), ""));
    }
    fprintf(out, "%*s  </xs:restriction>\n%*s</xs:simpleType>\n", indent, "", indent, "");
}

/* An optional field's value may be empty (<note/>): planconv reads it as
 * null, as Frictionless reads "" (the missing value). */
static void xsd_optional_type(FILE *out, int indent, const struct pc_field *f)
{
    fprintf(out, "%*s<xs:simpleType>\n%*s  <xs:union memberTypes=\"empty\">\n", indent, "",
            indent, "");
    xsd_simple_type(out, indent + 4, f);
    fprintf(out, "%*s  </xs:union>\n%*s</xs:simpleType>\n", indent, "", indent, "");
}

static void xsd_field(FILE *out, int indent, const struct pc_schema *s, size_t i)
{
    const struct pc_field *f = &s->fields[i];
    json_t *desc = json_object_get(json_array_get(json_object_get(s->doc, "fields"), i),
                                   "description");
    bool required = must_have(s, i);
    fprintf(out, "%*s<xs:element name=\"%s\" minOccurs=\"%d\">\n", indent, "", f->name,
            required ? 1 : 0);
    xsd_doc(out, indent + 2, f->title, json_string_value(desc));
    if (f->separator) {
        /* <ministries><ministry>..</ministry>...</ministries>; an optional
         * list may be empty (<ministries/>) */
        fprintf(out, "%*s  <xs:complexType>\n%*s    <xs:sequence>\n", indent, "", indent, "");
        fprintf(out, "%*s      <xs:element name=\"%s\" minOccurs=\"%d\" maxOccurs=\"unbounded\">\n",
                indent, "", f->xml_item, required ? 1 : 0);
        xsd_simple_type(out, indent + 8, f);
        fprintf(out, "%*s      </xs:element>\n", indent, "");
        fprintf(out, "%*s    </xs:sequence>\n%*s  </xs:complexType>\n", indent, "", indent, "");
    } else if (required) {
        xsd_simple_type(out, indent + 2, f);
    } else {
        xsd_optional_type(out, indent + 2, f);
    }
    fprintf(out, "%*s</xs:element>\n", indent, "");
}

/* The fields whose `child` flag is `child` (all when the schema does not nest). */
static void xsd_fields(FILE *out, int indent, const struct pc_schema *s, bool child)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (!s->nest.on || s->fields[i].child == child) xsd_field(out, indent, s, i);
}

/* The xs:field elements of a key whose fields all sit in one record. */
static void xsd_fields_xpath(FILE *out, const struct pc_schema *s, const struct pc_key *k)
{
    for (size_t j = 0; j < k->n; j++) {
        const struct pc_field *f = &s->fields[k->fields[j]];
        fprintf(out, "      <xs:field xpath=\"%s\"/>\n", f->name);
    }
}

static bool key_in_child(const struct pc_schema *s, const struct pc_key *k)
{
    for (size_t j = 0; j < k->n; j++)
        if (s->nest.on && s->fields[k->fields[j]].child) return true;
    return false;
}

static void xsd_selector(FILE *out, const struct pc_schema *s, const struct pc_key *k)
{
    if (key_in_child(s, k))
        fprintf(out, "      <xs:selector xpath=\"%s/%s/%s\"/>\n", s->xml_record, s->nest.child,
                s->xml_child);
    else
        fprintf(out, "      <xs:selector xpath=\"%s\"/>\n", s->xml_record);
}

/* Keys as identity constraints, enforced by any XSD validator: the primary
 * key (xs:key: present and unique), unique fields (xs:unique) and foreign
 * keys (xs:keyref to the primary key they refer to). XPath in XSD cannot
 * step up ("../"), so a key mixing a nested kind's parent and child
 * fields is left to planconv and said so in an annotation. */
static void xsd_keys(FILE *out, const struct pc_schema *s)
{
    bool mixed = false;
    if (s->primary_key.n) {
        bool in_child = key_in_child(s, &s->primary_key);
        for (size_t j = 0; j < s->primary_key.n; j++)
            if (in_child && !s->fields[s->primary_key.fields[j]].child) mixed = true;
        if (!mixed) {
            fprintf(out, "    <xs:key name=\"%s-primary-key\">\n", s->name);
            xsd_selector(out, s, &s->primary_key);
            xsd_fields_xpath(out, s, &s->primary_key);
            fputs("    </xs:key>\n", out);
        }
    }
    for (size_t i = 0; i < s->nfields; i++) {
        if (!s->fields[i].unique ||
            (s->primary_key.n == 1 && s->primary_key.fields[0] == (int)i && !mixed))
            continue;
        int one[1] = {(int)i};
        struct pc_key k = {1, one};
        fprintf(out, "    <xs:unique name=\"%s-unique-%s\">\n", s->name, s->fields[i].name);
        xsd_selector(out, s, &k);
        xsd_fields_xpath(out, s, &k);
        fputs("    </xs:unique>\n", out);
    }
    for (size_t k = 0; k < s->nfkeys && s->primary_key.n && !mixed; k++) {
        const struct pc_fkey *fk = &s->fkeys[k];
        bool to_pk = fk->to.n == s->primary_key.n;
        for (size_t j = 0; to_pk && j < fk->to.n; j++)
            to_pk = fk->to.fields[j] == s->primary_key.fields[j];
        if (!to_pk) continue; /* a keyref refers to a key; planconv checks the rest */
        fprintf(out, "    <xs:keyref name=\"%s-foreign-key-%zu\" refer=\"%s-primary-key\">\n",
                s->name, k + 1, s->name);
        xsd_selector(out, s, &fk->from);
        xsd_fields_xpath(out, s, &fk->from);
        fputs("    </xs:keyref>\n", out);
    }
}

/* A nested kind's primary key mixing parent and child fields (minutes:
 * meeting_id, order): its child part is unique within each parent record,
 * declared there. That a parent's records are not split across two parent
 * elements with the same key is planconv's check, said in an annotation. */
static void xsd_parent_key(FILE *out, const struct pc_schema *s)
{
    const struct pc_key *pk = &s->primary_key;
    if (!s->nest.on || !key_in_child(s, pk)) return;
    bool mixed = false;
    for (size_t j = 0; j < pk->n; j++)
        if (!s->fields[pk->fields[j]].child) mixed = true;
    if (!mixed) return;
    fprintf(out, "          <xs:key name=\"%s-primary-key\">\n", s->name);
    fputs("            <xs:annotation>\n              <xs:documentation xml:lang=\"en\">The "
          "primary key (", out);
    for (size_t j = 0; j < pk->n; j++)
        fprintf(out, "%s%s", j ? ", " : "", s->fields[pk->fields[j]].name);
    fprintf(out, ") within one %s; that records with the same key are not split across two %s "
                 "elements is checked by planconv, not by this schema.</xs:documentation>\n"
                 "            </xs:annotation>\n",
            s->xml_record, s->xml_record);
    fprintf(out, "            <xs:selector xpath=\"%s/%s\"/>\n", s->nest.child, s->xml_child);
    for (size_t j = 0; j < pk->n; j++)
        if (s->fields[pk->fields[j]].child)
            fprintf(out, "            <xs:field xpath=\"%s\"/>\n", s->fields[pk->fields[j]].name);
    fputs("          </xs:key>\n", out);
}

static void xsd_schema(FILE *out, const struct pc_schema *s)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n", out);
    xsd_doc(out, 2, s->title, json_string_value(json_object_get(s->doc, "description")));
    fputs("  <xs:simpleType name=\"empty\">\n    <xs:restriction base=\"xs:string\">\n"
          "      <xs:length value=\"0\"/>\n    </xs:restriction>\n  </xs:simpleType>\n",
          out);
    fprintf(out, "  <xs:element name=\"%s\">\n    <xs:complexType>\n      <xs:sequence>\n",
            s->xml_root);
    fprintf(out, "        <xs:element name=\"%s\" minOccurs=\"0\" maxOccurs=\"unbounded\">\n",
            s->xml_record);
    fputs("          <xs:complexType>\n            <xs:sequence>\n", out);
    xsd_fields(out, 14, s, false);
    if (s->nest.on) {
        fprintf(out, "              <xs:element name=\"%s\">\n", s->nest.child);
        fputs("                <xs:complexType>\n                  <xs:sequence>\n", out);
        fprintf(out, "                    <xs:element name=\"%s\" maxOccurs=\"unbounded\">\n",
                s->xml_child);
        fputs("                      <xs:complexType>\n                        <xs:sequence>\n",
              out);
        xsd_fields(out, 26, s, true);
        fputs("                        </xs:sequence>\n                      </xs:complexType>\n"
              "                    </xs:element>\n"
              "                  </xs:sequence>\n                </xs:complexType>\n"
              "              </xs:element>\n",
              out);
    }
    fputs("            </xs:sequence>\n          </xs:complexType>\n", out);
    xsd_parent_key(out, s);
    fputs("        </xs:element>\n      </xs:sequence>\n    </xs:complexType>\n", out);
    xsd_keys(out, s);
    fputs("  </xs:element>\n</xs:schema>\n", out);
}

/* ---- Markdown, for portal documentation pages ---------------------------- */

/* Table cells cannot hold "|" or line ends. */
static void md_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else
            fputc(*s == '\n' ? ' ' : *s, out);
    }
}

static void md_constraints(FILE *out, const struct pc_schema *s, size_t i)
{
    const struct pc_field *f = &s->fields[i];
    const char *sep = "";
    if (must_have(s, i)) fputs("required", out), sep = ", ";
    if (f->unique) fprintf(out, "%sunique", sep), sep = ", ";
    const char *keys[] = {"minimum", "maximum", "minLength", "maxLength", "pattern"};
    for (size_t k = 0; k < PC_ARRAY_LEN(keys); k++) {
        json_t *v = json_object_get(f->constraints, keys[k]);
        if (!v) continue;
        fprintf(out, "%s%s ", sep, keys[k]);
        if (json_is_string(v))
            fputc('`', out), md_text(out, json_string_value(v)), fputc('`', out);
        else
            fprintf(out, "%g", json_number_value(v));
        sep = ", ";
    }
    json_t *en = json_object_get(f->constraints, "enum");
    for (size_t k = 0; k < json_array_size(en); k++) {
        fprintf(out, "%s", k ? " / " : (*sep ? ", one of " : "one of "));
        md_text(out, json_string_value(json_array_get(en, k)));
    }
    if (f->separator) fprintf(out, "%slist, `%s`-separated in CSV", *sep || en ? ", " : "",
                              f->separator);
}

static void md_schema(FILE *out, const struct pc_schema *s)
{
    fprintf(out, "# %s", s->name);
    if (s->title) fprintf(out, " (%s)", s->title);
    fputs("\n\n", out);
    const char *desc = json_string_value(json_object_get(s->doc, "description"));
    if (desc) fprintf(out, "%s\n\n", desc);
    fputs("| field | 日本語名 | type | constraints | description |\n|---|---|---|---|---|\n", out);
    json_t *fields = json_object_get(s->doc, "fields");
    for (size_t i = 0; i < s->nfields; i++) {
        const struct pc_field *f = &s->fields[i];
        fprintf(out, "| `%s` | ", f->name);
        md_text(out, f->title);
        fprintf(out, " | %s | ", f->type_name);
        md_constraints(out, s, i);
        fputs(" | ", out);
        md_text(out, json_string_value(json_object_get(json_array_get(fields, i), "description")));
        fputs(" |\n", out);
    }
    if (s->nest.on)
        fprintf(out, "\nIn JSON and XML, records sharing `%s` are nested: one object in `%s` "
                     "holding its child records in `%s`.\n",
                s->fields[s->nest.key[0]].name, s->nest.parent, s->nest.child);
}

pc_status pc_schema_write(const struct pc_schema *s, const char *as, FILE *out)
{
    bool table = strcmp(as, "table-schema") == 0, json = strcmp(as, "json-schema") == 0;
    bool markdown = strcmp(as, "markdown") == 0;
    if (!table && !json && !markdown && strcmp(as, "xsd") != 0) return PC_EUSAGE;
    int rc = 0;
    if (markdown) {
        md_schema(out, s);
    } else if (table || json) {
        json_t *doc = json ? json_schema_doc(s) : json_incref(s->doc);
        rc = !doc || json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(doc);
    } else {
        xsd_schema(out, s);
    }
    return rc == 0 && !ferror(out) ? PC_OK : PC_EIO;
}

/* Writes a schema just loaded (if `loaded` says it was) and frees it. */
static pc_status write_loaded(pc_status loaded, struct pc_schema *s, const char *as, void *out)
{
    if (loaded) return loaded;
    pc_status st = pc_schema_write(s, as, out);
    pc_schema_free(s);
    return st;
}

pc_status pc_schema_export(const char *kind, const char *as, void *out)
{
    struct pc_errsink quiet = {0};
    struct pc_schema *s = NULL;
    pc_status st = pc_schema_load_builtin(kind, &quiet, &s);
    return write_loaded(st, s, as, out);
}

pc_status pc_schema_export_file(const char *path, const char *as, void *out, pc_error_fn on_error,
                                void *ud)
{
    struct pc_errsink sink = {.fn = on_error, .ud = ud, .source = path};
    struct pc_schema *s = NULL;
    pc_status st = pc_schema_load_file(path, &sink, &s);
    return write_loaded(st, s, as, out);
}
