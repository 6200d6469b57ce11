/* Table Dialect descriptors: the CSV Dialect of v1 and the Table Dialect
 * of v2 share their CSV properties; v2 adds header rows, comment rows and
 * the JSON and spreadsheet ones. Each property is either applied by a
 * reader or refused here: none is silently dropped. */
#include "dialect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pc_dialect_init(struct pc_dialect *d)
{
    memset(d, 0, sizeof *d);
    d->delimiter = d->quote_char = d->escape_char = -1;
    d->double_quote = true;
    d->header = true;
    d->header_rows[0] = 1;
    d->nheader_rows = 1;
    strcpy(d->header_join, " ");
    d->case_sensitive_header = true;
}

static pc_status dialect_error(struct pc_errsink *sink, const char *source, const char *key,
                               const char *fmt)
{
    struct pc_error e = {
        .code = PC_EUSAGE, .type = "dialect-error", .source = source, .field = key};
    return pc_report(sink, &e, fmt, key);
}

/* A string property of at most `max` bytes into out. */
static pc_status take_text(const json_t *v, const char *source, const char *key,
                           struct pc_errsink *sink, char *out, size_t max)
{
    if (!json_is_string(v))
        return dialect_error(sink, source, key, "the dialect property \"%s\" is not a string");
    if (json_string_length(v) > max)
        return dialect_error(sink, source, key, "the dialect property \"%s\" is too long");
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return PC_OK;
}

/* A one-byte character (the CSV reader works on bytes). */
static pc_status take_char(const json_t *v, const char *source, const char *key,
                           struct pc_errsink *sink, int *out)
{
    if (!json_is_string(v) || json_string_length(v) != 1 ||
        (unsigned char)json_string_value(v)[0] >= 0x80 || json_string_value(v)[0] == '\n' ||
        json_string_value(v)[0] == '\r')
        return dialect_error(sink, source, key,
                             "the dialect property \"%s\" must be one ASCII character other "
                             "than a line end");
    *out = (unsigned char)json_string_value(v)[0];
    return PC_OK;
}

static pc_status take_bool(const json_t *v, const char *source, const char *key,
                           struct pc_errsink *sink, bool *out)
{
    if (!json_is_boolean(v))
        return dialect_error(sink, source, key, "the dialect property \"%s\" is not true or false");
    *out = json_is_true(v);
    return PC_OK;
}

/* headerRows / commentRows: positive row numbers. */
static pc_status take_rows(const json_t *v, const char *source, const char *key,
                           struct pc_errsink *sink, unsigned long *rows, size_t *n)
{
    if (!json_is_array(v))
        return dialect_error(sink, source, key,
                             "the dialect property \"%s\" is not an array of row numbers");
    if (json_array_size(v) > PC_DIALECT_MAX_ROWS)
        return dialect_error(sink, source, key,
                             "the dialect property \"%s\" lists more than 64 rows");
    *n = 0;
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *it = json_array_get(v, i);
        if (!json_is_integer(it) || json_integer_value(it) < 1)
            return dialect_error(sink, source, key,
                                 "the dialect property \"%s\" holds a row number that is not a "
                                 "positive integer");
        rows[(*n)++] = (unsigned long)json_integer_value(it);
    }
    return PC_OK;
}

static pc_status check_header_rows(struct pc_dialect *d, const char *source,
                                   struct pc_errsink *sink)
{
    for (size_t i = 1; i < d->nheader_rows; i++)
        if (d->header_rows[i] <= d->header_rows[i - 1])
            return dialect_error(sink, source, "headerRows",
                                 "the dialect property \"%s\" must list rows in increasing "
                                 "order");
    if (d->nheader_rows == 0)
        return dialect_error(sink, source, "headerRows",
                             "the dialect property \"%s\" is empty; say \"header\": false for "
                             "a table without a header");
    d->header_rows_given = true;
    return PC_OK;
}

/* Properties that describe the descriptor, not the table. */
static bool is_metadata(const char *key)
{
    static const char *const keys[] = {"$schema",     "name",          "title",
                                       "description", "csvddfVersion", "profile"};
    for (size_t i = 0; i < PC_ARRAY_LEN(keys); i++)
        if (strcmp(key, keys[i]) == 0) return true;
    return false;
}

/* The CSV properties. PC_END: `key` is none of them. */
static pc_status take_csv(struct pc_dialect *d, const char *key, const json_t *v,
                          const char *source, struct pc_errsink *sink)
{
    if (strcmp(key, "delimiter") == 0) return take_char(v, source, key, sink, &d->delimiter);
    if (strcmp(key, "quoteChar") == 0) return take_char(v, source, key, sink, &d->quote_char);
    if (strcmp(key, "escapeChar") == 0) return take_char(v, source, key, sink, &d->escape_char);
    if (strcmp(key, "doubleQuote") == 0) return take_bool(v, source, key, sink, &d->double_quote);
    if (strcmp(key, "skipInitialSpace") == 0)
        return take_bool(v, source, key, sink, &d->skip_initial_space);
    if (strcmp(key, "nullSequence") == 0) {
        d->has_null_sequence = true;
        return take_text(v, source, key, sink, d->null_sequence, PC_DIALECT_MAX_TEXT);
    }
    if (strcmp(key, "lineTerminator") == 0) {
        /* rows end at CRLF, LF or CR whatever it says, as in Python's csv
         * reader; another terminator cannot be read */
        const char *s = json_string_value(v);
        if (!s || (strcmp(s, "\r\n") && strcmp(s, "\n") && strcmp(s, "\r")))
            return dialect_error(sink, source, key,
                                 "the dialect property \"%s\" must be \"\\r\\n\", \"\\n\" or "
                                 "\"\\r\"");
        return PC_OK;
    }
    return PC_END;
}

/* The header, comment, JSON and spreadsheet properties. PC_END: none. */
static pc_status take_table(struct pc_dialect *d, const char *key, const json_t *v,
                            const char *source, struct pc_errsink *sink)
{
    pc_status st;
    if (strcmp(key, "header") == 0) return take_bool(v, source, key, sink, &d->header);
    if (strcmp(key, "headerRows") == 0) {
        st = take_rows(v, source, key, sink, d->header_rows, &d->nheader_rows);
        return st ? st : check_header_rows(d, source, sink);
    }
    if (strcmp(key, "headerJoin") == 0)
        return take_text(v, source, key, sink, d->header_join, PC_DIALECT_MAX_TEXT);
    if (strcmp(key, "commentChar") == 0) {
        st = take_text(v, source, key, sink, d->comment_char, PC_DIALECT_MAX_TEXT);
        if (!st && !d->comment_char[0])
            return dialect_error(sink, source, key, "the dialect property \"%s\" is empty");
        return st;
    }
    if (strcmp(key, "commentRows") == 0)
        return take_rows(v, source, key, sink, d->comment_rows, &d->ncomment_rows);
    /* headerCase: frictionless-py's name for it */
    if (strcmp(key, "caseSensitiveHeader") == 0 || strcmp(key, "headerCase") == 0)
        return take_bool(v, source, key, sink, &d->case_sensitive_header);
    if (strcmp(key, "itemType") == 0) {
        st = take_text(v, source, key, sink, d->item_type, sizeof d->item_type - 1);
        if (!st && strcmp(d->item_type, "array") && strcmp(d->item_type, "object"))
            return dialect_error(sink, source, key,
                                 "the dialect property \"%s\" must be \"array\" or \"object\"");
        return st;
    }
    if (strcmp(key, "x-encoding") == 0)
        return take_text(v, source, key, sink, d->encoding, sizeof d->encoding - 1);
    if (strcmp(key, "property") == 0)
        return take_text(v, source, key, sink, d->property, sizeof d->property - 1);
    if (strcmp(key, "sheetName") == 0)
        return take_text(v, source, key, sink, d->sheet_name, sizeof d->sheet_name - 1);
    if (strcmp(key, "sheetNumber") == 0) {
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return dialect_error(sink, source, key,
                                 "the dialect property \"%s\" is not a positive integer");
        d->sheet_number = (unsigned long)json_integer_value(v);
        return PC_OK;
    }
    return PC_END;
}

pc_status pc_dialect_from_json(const json_t *doc, const char *source, struct pc_errsink *sink,
                               struct pc_dialect *d)
{
    pc_dialect_init(d);
    if (!json_is_object(doc)) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "dialect-error", .source = source};
        return pc_report(sink, &e, "a Table Dialect must be a JSON object");
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)doc, key, v)
    {
        if (is_metadata(key)) continue;
        pc_status st = take_csv(d, key, v, source, sink);
        if (st == PC_END) st = take_table(d, key, v, source, sink);
        if (st == PC_END) {
            /* itemKeys, table (databases) and any other: refused, as a
             * property that is not applied would leave a false verdict */
            st = dialect_error(sink, source, key,
                               "the dialect property \"%s\" is not supported by planconv");
        }
        if (st) return st;
    }
    if (d->has_null_sequence && d->null_sequence[0] == '\0')
        return dialect_error(sink, source, "nullSequence",
                             "the dialect property \"%s\" is empty; an empty cell is already "
                             "a missing value");
    return PC_OK;
}

pc_status pc_dialect_load_file(const char *path, struct pc_errsink *sink, struct pc_dialect *d)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "dialect-error", .source = path};
    FILE *f = fopen(path, "rb");
    if (!f) return pc_report(sink, &e, "cannot open the dialect: %s", strerror(errno));
    json_error_t jerr;
    json_t *doc = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
    fclose(f);
    if (!doc) {
        /* jansson's text is English: quoted, as a library's words */
        e.line = (unsigned long)(jerr.line > 0 ? jerr.line : 0);
        return pc_report(sink, &e, "the dialect is not valid JSON: \"%s\"", jerr.text);
    }
    pc_status st = pc_dialect_from_json(doc, path, sink, d);
    json_decref(doc);
    return st;
}

pc_status pc_dialect_set_header_rows(struct pc_dialect *d, const char *list,
                                     struct pc_errsink *sink)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
    size_t n = 0;
    for (const char *p = list;;) {
        char *end;
        if (*p < '0' || *p > '9') break;
        unsigned long row = strtoul(p, &end, 10);
        if (row == 0 || n == PC_DIALECT_MAX_ROWS) break;
        d->header_rows[n++] = row;
        if (*end == '\0') {
            d->nheader_rows = n;
            d->header = true;
            return check_header_rows(d, NULL, sink);
        }
        if (*end != ',') break;
        p = end + 1;
    }
    return pc_report(sink, &e,
                     "the header rows \"%s\" are not a list of at most 64 row numbers such as "
                     "2 or 1,2",
                     list);
}

bool pc_dialect_row_listed(const unsigned long *rows, size_t n, unsigned long row)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i] == row) return true;
    return false;
}

/* Sets key to a one-character string when c is set (>= 0). */
static int set_char(json_t *o, const char *key, int c)
{
    char s[2] = {(char)c, 0};
    return c < 0 ? 0 : json_object_set_new(o, key, json_string(s));
}

static int set_rows(json_t *o, const char *key, const unsigned long *rows, size_t n)
{
    json_t *a = json_array();
    int rc = a ? 0 : -1;
    for (size_t i = 0; a && i < n; i++)
        rc |= json_array_append_new(a, json_integer((json_int_t)rows[i]));
    return rc | json_object_set_new(o, key, a);
}

json_t *pc_dialect_to_json(const struct pc_dialect *d, const char *encoding)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int rc = json_object_set_new(
        o, "$schema", json_string("https://datapackage.org/profiles/2.0/tabledialect.json"));
    rc |= set_char(o, "delimiter", d->delimiter);
    rc |= set_char(o, "quoteChar", d->quote_char);
    rc |= set_char(o, "escapeChar", d->escape_char);
    if (!d->double_quote) rc |= json_object_set_new(o, "doubleQuote", json_false());
    if (d->skip_initial_space) rc |= json_object_set_new(o, "skipInitialSpace", json_true());
    if (d->has_null_sequence)
        rc |= json_object_set_new(o, "nullSequence", json_string(d->null_sequence));
    rc |= json_object_set_new(o, "header", json_boolean(d->header));
    if (d->header) rc |= set_rows(o, "headerRows", d->header_rows, d->nheader_rows);
    if (strcmp(d->header_join, " ") != 0)
        rc |= json_object_set_new(o, "headerJoin", json_string(d->header_join));
    if (d->comment_char[0])
        rc |= json_object_set_new(o, "commentChar", json_string(d->comment_char));
    if (d->ncomment_rows) rc |= set_rows(o, "commentRows", d->comment_rows, d->ncomment_rows);
    if (!d->case_sensitive_header)
        rc |= json_object_set_new(o, "caseSensitiveHeader", json_false());
    if (d->item_type[0]) rc |= json_object_set_new(o, "itemType", json_string(d->item_type));
    if (d->property[0]) rc |= json_object_set_new(o, "property", json_string(d->property));
    if (d->sheet_name[0]) rc |= json_object_set_new(o, "sheetName", json_string(d->sheet_name));
    if (d->sheet_number)
        rc |= json_object_set_new(o, "sheetNumber", json_integer((json_int_t)d->sheet_number));
    /* not a dialect property but the resource's: kept beside it for the officer */
    if (encoding) rc |= json_object_set_new(o, "x-encoding", json_string(encoding));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}
