/* Casting the structured types (object, array, geojson, geopoint) and
 * checking the string formats (email, uri, uuid, binary, wkt). JSON text
 * is parsed with jansson; the value keeps its text. */
#include "types.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *const geometries[] = {"Point",           "MultiPoint", "LineString",
                                         "MultiLineString", "Polygon",    "MultiPolygon"};

static bool is_geometry_type(const char *t)
{
    for (size_t i = 0; i < PC_ARRAY_LEN(geometries); i++)
        if (strcmp(t, geometries[i]) == 0) return true;
    return false;
}

/* A GeoJSON object's structure (RFC 7946): its type and the members that
 * type needs. Coordinates are checked to be arrays, not point by point. */
static bool geojson_ok(json_t *j, int depth)
{
    const char *t = json_string_value(json_object_get(j, "type"));
    if (!json_is_object(j) || !t || depth > 32) return false;
    if (is_geometry_type(t)) return json_is_array(json_object_get(j, "coordinates"));
    if (strcmp(t, "GeometryCollection") == 0) {
        json_t *g = json_object_get(j, "geometries");
        if (!json_is_array(g)) return false;
        for (size_t i = 0; i < json_array_size(g); i++)
            if (!geojson_ok(json_array_get(g, i), depth + 1)) return false;
        return true;
    }
    if (strcmp(t, "Feature") == 0) {
        json_t *g = json_object_get(j, "geometry"), *p = json_object_get(j, "properties");
        return g && p && (json_is_null(g) || geojson_ok(g, depth + 1)) &&
               (json_is_null(p) || json_is_object(p));
    }
    if (strcmp(t, "FeatureCollection") == 0) {
        json_t *fs = json_object_get(j, "features");
        if (!json_is_array(fs)) return false;
        for (size_t i = 0; i < json_array_size(fs); i++) {
            json_t *fe = json_array_get(fs, i);
            const char *ft = json_string_value(json_object_get(fe, "type"));
            if (!ft || strcmp(ft, "Feature") || !geojson_ok(fe, depth + 1)) return false;
        }
        return true;
    }
    return false;
}

/* TopoJSON: a Topology with objects, or one of its geometry objects. */
static bool topojson_ok(json_t *j)
{
    const char *t = json_string_value(json_object_get(j, "type"));
    if (!json_is_object(j) || !t) return false;
    if (strcmp(t, "Topology") == 0) return json_is_object(json_object_get(j, "objects"));
    if (strcmp(t, "GeometryCollection") == 0)
        return json_is_array(json_object_get(j, "geometries"));
    return is_geometry_type(t) || strcmp(t, "Feature") == 0;
}

bool pc_cast_json(const struct pc_field *f, const char *s, size_t n, struct pc_cast_out *o)
{
    json_error_t err;
    json_t *j = json_loadb(s, n, JSON_DECODE_ANY, &err);
    if (!j) return false;
    bool ok;
    switch (f->type) {
    case PC_T_OBJECT: ok = json_is_object(j); break;
    case PC_T_JSON_ARRAY: ok = json_is_array(j); break;
    default: ok = f->format == PC_F_TOPOJSON ? topojson_ok(j) : geojson_ok(j, 0);
    }
    json_decref(j);
    o->text = s;
    o->len = n;
    return ok;
}

static bool lon_lat_ok(double lon, double lat)
{
    return isfinite(lon) && isfinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/* A plain decimal number at *i (the geopoint default format). */
static bool read_coord(const char *s, size_t n, size_t *i, double *x)
{
    size_t a = *i;
    if (*i < n && (s[*i] == '-' || s[*i] == '+')) (*i)++;
    size_t d = *i;
    while (*i < n && (is_digit(s[*i]) || s[*i] == '.')) (*i)++;
    if (*i == d || *i - a > 40) return false;
    char buf[48];
    memcpy(buf, s + a, *i - a);
    buf[*i - a] = '\0';
    char *end;
    *x = strtod(buf, &end);
    return *end == '\0';
}

bool pc_cast_geopoint(const struct pc_field *f, const char *s, size_t n, struct pc_cast_out *o)
{
    double lon, lat;
    o->text = s;
    o->len = n;
    if (f->format == PC_F_DEFAULT) { /* "lon, lat" */
        size_t i = 0;
        if (!read_coord(s, n, &i, &lon) || i >= n || s[i++] != ',') return false;
        while (i < n && s[i] == ' ') i++;
        return read_coord(s, n, &i, &lat) && i == n && lon_lat_ok(lon, lat);
    }
    json_error_t err;
    json_t *j = json_loadb(s, n, JSON_DECODE_ANY, &err);
    bool ok = false;
    if (f->format == PC_F_GEO_ARRAY && json_is_array(j) && json_array_size(j) == 2) {
        json_t *a = json_array_get(j, 0), *b = json_array_get(j, 1);
        ok = json_is_number(a) && json_is_number(b) &&
             lon_lat_ok(json_number_value(a), json_number_value(b));
    } else if (f->format == PC_F_GEO_OBJECT && json_is_object(j)) {
        json_t *a = json_object_get(j, "lon"), *b = json_object_get(j, "lat");
        ok = json_is_number(a) && json_is_number(b) && json_object_size(j) == 2 &&
             lon_lat_ok(json_number_value(a), json_number_value(b));
    }
    json_decref(j);
    return ok;
}

static bool email_ok(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s || at == s + n - 1 || memchr(at + 1, '@', (size_t)(s + n - at - 1)))
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '\t' || (unsigned char)s[i] < 0x20) return false;
    const char *dot = memchr(at + 1, '.', (size_t)(s + n - at - 1));
    return dot && dot != at + 1 && dot != s + n - 1;
}

/* RFC 3986: a scheme (a letter, then letters, digits, + - .), ":", and no
 * blanks. */
static bool uri_ok(const char *s, size_t n)
{
    size_t i = 0;
    if (!n || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')) return false;
    while (i < n && s[i] != ':') {
        char c = s[i] | 0x20;
        if (!((c >= 'a' && c <= 'z') || is_digit(s[i]) || s[i] == '+' || s[i] == '-' ||
              s[i] == '.'))
            return false;
        i++;
    }
    if (i == n || i + 1 == n) return false;
    for (; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == '"' || s[i] == '<' || s[i] == '>') return false;
    return true;
}

static bool hex(char c)
{
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static bool uuid_ok(const char *s, size_t n)
{
    if (n != 36) return false;
    for (size_t i = 0; i < n; i++)
        if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !hex(s[i])) return false;
    return true;
}

/* Standard base64 with padding (RFC 4648). */
static bool base64_ok(const char *s, size_t n)
{
    if (n % 4) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool pad = c == '=' && i >= n - 2 && (i == n - 1 || s[n - 1] == '=');
        if (!(pad || is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '+' ||
              c == '/'))
            return false;
    }
    return true;
}

/* Well-known text: a geometry word, then EMPTY or balanced parentheses
 * holding points (2 to 4 numbers) separated by commas, or nested
 * geometries. A structure check, not a geometric one. */
static bool wkt_ok(const char *s, size_t n)
{
    size_t i = 0;
    int depth = 0, nums = 0;
    bool word = false, after_close = false;
    while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) i++, word = true;
    if (!word) return false;
    while (i < n && s[i] == ' ') i++;
    if (n - i == 5 && strncmp(s + i, "EMPTY", 5) == 0) return true;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '(') {
            depth++;
            nums = 0;
            after_close = false;
        } else if (c == ')') {
            if (!depth || (!after_close && (nums < 2 || nums > 4))) return false;
            depth--;
            after_close = true;
            if (!depth && i + 1 != n) return false;
        } else if (c == ',') {
            if (!after_close && (nums < 2 || nums > 4)) return false;
            nums = 0;
            after_close = false;
        } else if (is_digit(c) || c == '-' || c == '.') {
            if (after_close) return false;
            while (i + 1 < n && (is_digit(s[i + 1]) || s[i + 1] == '.' || s[i + 1] == 'e'))
                i++;
            nums++;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            while (i + 1 < n && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')) i++;
            nums = 0; /* a nested geometry's name (GEOMETRYCOLLECTION, COMPOUNDCURVE) */
        } else if (c != ' ') {
            return false;
        }
    }
    return depth == 0 && after_close;
}

bool pc_cast_string_format(const struct pc_field *f, const char *s, size_t n,
                           struct pc_cast_out *o)
{
    o->text = s;
    o->len = n;
    switch (f->format) {
    case PC_F_EMAIL: return email_ok(s, n);
    case PC_F_URI: return uri_ok(s, n);
    case PC_F_UUID: return uuid_ok(s, n);
    case PC_F_BINARY: return base64_ok(s, n);
    case PC_F_WKT: return wkt_ok(s, n);
    default: return true;
    }
}
