/* What a request asks for, from its query and headers only. Nothing here
 * touches a file: a request's names are checked against the bundled
 * lists, and a file name is only ever shown or used for its extension. */
#include "cli.h"
#include "serve.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


static const char *const encodings[] = {"utf-8", "cp932", "shift_jis", "euc-jp", "utf-16le",
                                        "utf-16be"};

static const char *known_kind(const char *v)
{
    if (strcmp(v, "table") == 0) return "table";
    for (size_t i = 0; pc_schema_name(i); i++)
        if (strcmp(v, pc_schema_name(i)) == 0) return pc_schema_name(i);
    return NULL;
}

static const char *writable_format(const char *v)
{
    const char *name;
    const char *const *ext;
    int r, w;
    for (size_t i = 0; pc_format_info(i, &name, &ext, &r, &w); i++)
        if (w && strcmp(v, name) == 0) return name;
    return NULL;
}

static const char *known_encoding(const char *v)
{
    for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
        if (strcasecmp(v, encodings[i]) == 0) return encodings[i];
    return NULL;
}

/* "1", "true", "yes" or "" (a bare ?strict) are true; "0", "false", "no" false. */
static int flag(const char *v)
{
    if (!*v || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes")) return 1;
    if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no")) return 0;
    return -1;
}

static bool valid_utf8_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i], len;
        if (c < 0x20 || c == 0x7F) return false;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) len = 3;
        else if (c >= 0xF0 && c <= 0xF4) len = 4;
        else return false;
        if (i + len > n) return false;
        for (unsigned k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80) return false;
        /* overlong 3- and 4-byte forms, surrogates and past U+10FFFF */
        if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) ||
            (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))
            return false;
        i += len;
    }
    return true;
}

bool pc_serve_set_name(struct pc_serve_query *q, const char *name)
{
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    size_t n = strlen(base);
    if (n == 0 || n > PC_SERVE_NAME_MAX || !strcmp(base, ".") || !strcmp(base, "..") ||
        !valid_utf8_text(base, n))
        return false;
    memcpy(q->name, base, n + 1);
    return true;
}

const char *pc_serve_query_param(struct pc_serve_query *q, const char *key, const char *value)
{
    if (!value) value = "";
    int f;
    if (!strcmp(key, "name"))
        return pc_serve_set_name(q, value) ? NULL : N_("the parameter %s is not a file name");
    if (!strcmp(key, "kind")) {
        q->kind = known_kind(value);
        return q->kind ? NULL : N_("the parameter %s names no bundled kind (plan-items, roadmap, minutes, table)");
    }
    if (!strcmp(key, "to")) {
        q->package = !strcmp(value, "datapackage");
        q->to = q->package ? "datapackage" : writable_format(value);
        return q->to ? NULL : N_("the parameter %s names no format planconv writes (or datapackage)");
    }
    if (!strcmp(key, "encoding")) {
        q->encoding = known_encoding(value);
        return q->encoding ? NULL : N_("the parameter %s names no encoding planconv reads");
    }
    if (!strcmp(key, "sheet")) {
        size_t n = strlen(value);
        if (n == 0 || n >= sizeof q->sheet || !valid_utf8_text(value, n))
            return N_("the parameter %s is not a sheet name or number");
        memcpy(q->sheet, value, n + 1);
        return NULL;
    }
    if (!strcmp(key, "report")) {
        if (strcmp(value, "html") && strcmp(value, "json"))
            return N_("the parameter %s takes json or html");
        q->html = strcmp(value, "html") == 0;
        return NULL;
    }
    bool *b = !strcmp(key, "strict") ? &q->strict : !strcmp(key, "fix") ? &q->fix
            : !strcmp(key, "excel") ? &q->excel : NULL;
    if (!b) return N_("the parameter %s is not one the API takes");
    if ((f = flag(value)) < 0) return N_("the parameter %s takes true or false");
    *b = f;
    return NULL;
}

bool pc_serve_local_host(const char *host)
{
    if (!host) return false;
    size_t n = strlen(host);
    const char *colon = strrchr(host, ':');
    if (host[0] == '[') { /* [::1] or [::1]:port */
        const char *end = strchr(host, ']');
        if (!end || (end[1] && end[1] != ':')) return false;
        colon = end[1] ? end + 1 : NULL;
        n = (size_t)(end + 1 - host);
        if (n != 5 || strncmp(host, "[::1]", 5)) return false;
    } else if (colon) {
        n = (size_t)(colon - host);
    }
    for (const char *p = colon ? colon + 1 : ""; *p; p++)
        if (*p < '0' || *p > '9') return false;
    if (host[0] == '[') return true;
    if (n == 9 && !strncasecmp(host, "localhost", 9)) return true;
    /* 127.0.0.0/8, as four decimal parts */
    if (n < 7 || strncmp(host, "127.", 4)) return false;
    int dots = 0;
    for (size_t i = 0; i < n; i++) {
        if (host[i] == '.') dots++;
        else if (host[i] < '0' || host[i] > '9') return false;
    }
    return dots == 3;
}

/* The q-value of one Accept-Language item ("ja;q=0.8"), 1 without one. */
static double quality(const char *item, size_t n)
{
    const char *semi = memchr(item, ';', n);
    if (!semi) return 1.0;
    for (const char *p = semi + 1; p < item + n; p++) {
        if (*p == ' ') continue;
        if ((p[0] != 'q' && p[0] != 'Q') || p + 1 >= item + n || p[1] != '=') return 0.0;
        char num[8] = {0};
        size_t k = (size_t)(item + n - (p + 2));
        memcpy(num, p + 2, k < sizeof num - 1 ? k : sizeof num - 1);
        double v = strtod(num, NULL);
        return v >= 0 && v <= 1 ? v : 0.0;
    }
    return 0.0;
}

bool pc_serve_prefers_japanese(const char *accept_language)
{
    double ja = -1, en = -1;
    for (const char *p = accept_language ? accept_language : ""; *p;) {
        while (*p == ' ' || *p == ',') p++;
        size_t n = strcspn(p, ",");
        size_t tag = strcspn(p, ";,- ");
        double qv = quality(p, n);
        if (tag == 2 && !strncasecmp(p, "ja", 2) && qv > ja) ja = qv;
        if (tag == 2 && !strncasecmp(p, "en", 2) && qv > en) en = qv;
        p += n;
    }
    return ja > 0 && ja >= en;
}

enum pc_serve_body pc_serve_body_kind(const char *content_type)
{
    if (!content_type) return PC_BODY_RAW;
    if (strcspn(content_type, "; ") == 19 && !strncasecmp(content_type, "multipart/form-data", 19)) {
        const char *b = strcasestr(content_type, "boundary=");
        return b && b[9] && b[9] != ';' ? PC_BODY_MULTIPART : PC_BODY_REFUSED;
    }
    /* any other type is the file itself: curl --data-binary says
     * application/x-www-form-urlencoded of whatever it sends */
    return strncasecmp(content_type, "multipart/", 10) ? PC_BODY_RAW : PC_BODY_REFUSED;
}

/* name without ".gz" and without its last extension, if any */
static size_t stem_length(const char *name)
{
    size_t n = strlen(name);
    if (n > 3 && !strcmp(name + n - 3, ".gz")) n -= 3;
    for (size_t i = n; i > 1; i--)
        if (name[i - 1] == '.') return i - 1;
    return n;
}

bool pc_serve_disposition(char *out, size_t cap, const char *name, const char *ext)
{
    if (!*name) name = "data";
    size_t stem = stem_length(name), used = 0;
    bool fits = true;
#define PUT(...)                                                                 \
    do {                                                                         \
        int k_ = snprintf(out + used, cap > used ? cap - used : 0, __VA_ARGS__); \
        if (k_ < 0 || (size_t)k_ >= (cap > used ? cap - used : 0)) fits = false; \
        else used += (size_t)k_;                                                 \
    } while (0)
    PUT("attachment; filename=\"");
    for (size_t i = 0; i < stem && fits; i++) {
        unsigned char c = (unsigned char)name[i];
        /* the plain form keeps printable ASCII only; quotes and backslashes would end or escape it */
        PUT("%c", c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? c : '_');
    }
    PUT(".%s\"; filename*=UTF-8''", ext);
    for (size_t i = 0; i < stem && fits; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isalnum(c) || strchr("!#$&+-.^_`|~", c))
            PUT("%c", c);
        else
            PUT("%%%02X", c);
    }
    PUT(".%s", ext);
#undef PUT
    if (!fits && cap) out[0] = '\0';
    return fits;
}

bool pc_serve_parse_size(const char *arg, uint64_t *out)
{
    char *end;
    if (!arg || !isdigit((unsigned char)arg[0])) return false;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    if (shift) end++;
    if (*end || v == 0 || v > (UINT64_MAX >> shift)) return false;
    *out = (uint64_t)v << shift;
    return true;
}
