/* planconv serve's parsing of what a request asks for: query parameters,
 * file names, Accept-Language, Content-Type, sizes and the download name.
 * The input is split at NUL bytes into key, value, name, header, header.
 * A name taken must be one path component of valid text, and the
 * Content-Disposition written for it plain printable ASCII (no quote,
 * CR or LF that would end the header or split it). */
#include "fuzz.h"

#include "serve.h"

#include <string.h>
#include <strings.h>

/* The next NUL-terminated piece of the input, in buf. */
static const char *piece(const uint8_t **p, const uint8_t *end, char *buf, size_t cap)
{
    size_t n = 0;
    while (*p < end && **p && n + 1 < cap) buf[n++] = (char)*(*p)++;
    if (*p < end) (*p)++;
    buf[n] = '\0';
    return buf;
}

static void check_name(const struct pc_serve_query *q)
{
    size_t n = strlen(q->name);
    if (n == 0 || n > PC_SERVE_NAME_MAX) fuzz_fail("a name of the wrong length was taken");
    if (strchr(q->name, '/') || strchr(q->name, '\\')) fuzz_fail("a name with a folder was taken");
    if (!strcmp(q->name, ".") || !strcmp(q->name, "..")) fuzz_fail("a dot name was taken");
    for (const unsigned char *c = (const unsigned char *)q->name; *c; c++)
        if (*c < 0x20 || *c == 0x7F) fuzz_fail("a name with a control character was taken");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char key[64], value[512], name[512], lang[512], type[512];
    piece(&p, end, key, sizeof key);
    piece(&p, end, value, sizeof value);
    piece(&p, end, name, sizeof name);
    piece(&p, end, lang, sizeof lang);
    piece(&p, end, type, sizeof type);
    struct pc_serve_query q = {0};
    const char *bad = pc_serve_query_param(&q, key, value);
    if (bad && !strstr(bad, "%s")) fuzz_fail("a parameter message without the parameter");
    if (!strcmp(key, "name") && !bad) check_name(&q);
    if (q.kind && strcmp(q.kind, value)) fuzz_fail("a kind other than the one asked");
    if (pc_serve_set_name(&q, name)) check_name(&q);
    (void)pc_serve_prefers_japanese(lang);
    if (pc_serve_local_host(lang) && strncmp(lang, "127.", 4) && strncasecmp(lang, "localhost", 9) &&
        strncmp(lang, "[::1]", 5))
        fuzz_fail("a Host taken as local that names no local address");
    enum pc_serve_body b = pc_serve_body_kind(type);
    if (b != PC_BODY_RAW && b != PC_BODY_MULTIPART && b != PC_BODY_REFUSED) fuzz_fail("body kind");
    uint64_t n;
    if (pc_serve_parse_size(value, &n) && n == 0) fuzz_fail("a size of 0 was taken");
    char disp[2048];
    if (pc_serve_disposition(disp, sizeof disp, q.name, "json")) {
        if (strncmp(disp, "attachment; filename=\"", 22)) fuzz_fail("a disposition of another form");
        const char *close = strchr(disp + 22, '"');
        if (!close || strncmp(close, "\"; filename*=UTF-8''", 20)) fuzz_fail("a quote inside the filename");
        for (const unsigned char *c = (const unsigned char *)disp; *c; c++)
            if (*c < 0x20 || *c >= 0x7F) fuzz_fail("a disposition with a byte not printable ASCII");
        if (strchr(close + 1, '"')) fuzz_fail("a quote in filename*");
    }
    return 0;
}
