/* The x-pivot extension: parsing and year headers. */
#include "pivot_spec.h"

#include "ja.h"

#include <stdlib.h>
#include <string.h>

static pc_status spec_error(struct pc_errsink *sink, const struct pc_schema *s, const char *msg)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error", .source = s->name};
    return pc_report(sink, &e, "%s", msg);
}

static int field(const struct pc_schema *s, json_t *name)
{
    for (size_t i = 0; json_is_string(name) && i < s->nfields; i++)
        if (strcmp(s->fields[i].name, json_string_value(name)) == 0) return (int)i;
    return -1;
}

static bool field_list(const struct pc_schema *s, json_t *arr, int *out, size_t *n)
{
    *n = 0;
    if (!arr) return true;
    if (!json_is_array(arr) || json_array_size(arr) > PC_PIVOT_MAX_KEYS) return false;
    for (size_t i = 0; i < json_array_size(arr); i++)
        if ((out[(*n)++] = field(s, json_array_get(arr, i))) < 0) return false;
    return true;
}

bool pc_pivot_spec(const struct pc_schema *s, struct pc_pivot_spec *out, struct pc_errsink *sink,
                   pc_status *st)
{
    *st = PC_OK;
    json_t *p = s ? json_object_get(s->doc, "x-pivot") : NULL;
    if (!p) return false;
    memset(out, 0, sizeof *out);
    out->year = field(s, json_object_get(p, "year"));
    out->value = field(s, json_object_get(p, "value"));
    if (out->year < 0 || out->value < 0 || out->year == out->value ||
        !field_list(s, json_object_get(p, "keys"), out->keys, &out->nkeys) ||
        !field_list(s, json_object_get(p, "fillDown"), out->fill, &out->nfill)) {
        *st = spec_error(sink, s,
                         "\"x-pivot\" needs \"year\" and \"value\" (two fields), and optional "
                         "\"keys\" and \"fillDown\" (up to 8 field names each)");
        return false;
    }
    return true;
}

bool pc_pivot_year_header(const char *s, size_t n, int *year)
{
    struct pc_ja_result r;
    if (n == 0 || pc_ja_fiscal_year(s, n, &r) != PC_JA_OK) return false;
    *year = atoi(r.text);
    return true;
}

bool pc_pivot_header_fits(const struct pc_schema *s, const char *label)
{
    int year;
    return json_object_get(s->doc, "x-pivot") && pc_pivot_year_header(label, strlen(label), &year);
}
