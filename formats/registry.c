/* The table of formats. Adding a format: write formats/NAME.c defining
 * `const struct pc_format pc_format_NAME`, and add NAME to this list
 * (docs/formats.md, "Adding a format"). */
#include "format.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define PC_FORMATS(X) X(csv) X(tsv) X(json) X(jsonl) X(xml) X(minutes_text) X(outline_text) X(xlsx)

#define PC_DECLARE(n) extern const struct pc_format pc_format_##n;
PC_FORMATS(PC_DECLARE)
#define PC_ENTRY(n) &pc_format_##n,
static const struct pc_format *const formats[] = {PC_FORMATS(PC_ENTRY)};

void pc_formats_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, xmlInitParser);
}

const struct pc_format *pc_format_by_name(const char *name)
{
    for (size_t i = 0; i < PC_ARRAY_LEN(formats); i++)
        if (strcasecmp(formats[i]->name, name) == 0) return formats[i];
    return NULL;
}

const struct pc_format *pc_format_by_path(const char *path)
{
    size_t len = strlen(path);
    if (len > 3 && strcasecmp(path + len - 3, ".gz") == 0) len -= 3;
    for (size_t i = 0; i < PC_ARRAY_LEN(formats); i++)
        for (const char *const *e = formats[i]->extensions; e && *e; e++) {
            size_t el = strlen(*e);
            if (len > el + 1 && path[len - el - 1] == '.' &&
                strncasecmp(path + len - el, *e, el) == 0)
                return formats[i];
        }
    return NULL;
}

const struct pc_format *pc_format_probe(const char *head, size_t n)
{
    const struct pc_format *best = NULL;
    int best_score = 0;
    for (size_t i = 0; i < PC_ARRAY_LEN(formats); i++) {
        if (!formats[i]->probe || !formats[i]->reader_new) continue;
        int score = formats[i]->probe(head, n);
        if (score > best_score) {
            best = formats[i];
            best_score = score;
        }
    }
    return best;
}

const char *pc_format_option(const char *const *options, const char *format, const char *key)
{
    size_t fl = strlen(format), kl = strlen(key);
    const char *value = NULL;
    for (; options && *options; options++) {
        const char *o = *options;
        if (strncmp(o, format, fl) == 0 && o[fl] == ':' && strncmp(o + fl + 1, key, kl) == 0 &&
            o[fl + 1 + kl] == '=')
            value = o + fl + 2 + kl;
    }
    return value;
}

pc_status pc_format_option_bool(const char *const *options, const char *format, const char *key,
                                struct pc_errsink *sink, bool *out)
{
    const char *v = pc_format_option(options, format, key);
    if (!v) return PC_OK;
    if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
        *out = v[0] == 'y';
        return PC_OK;
    }
    struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
    return pc_report(sink, &e, "the option %s:%s takes yes or no, not \"%s\"", format, key, v);
}

static bool has_key(const char *const *keys, const char *key, size_t n)
{
    for (; keys && *keys; keys++)
        if (strlen(*keys) == n && strncmp(*keys, key, n) == 0) return true;
    return false;
}

/* Whether "FORMAT:KEY=VALUE" names a key of a format or of `owner`. */
static bool option_known(const char *o, const char *owner, const char *const *owner_keys)
{
    const char *colon = strchr(o, ':');
    const char *eq = colon ? strchr(colon, '=') : NULL;
    if (!eq) return false;
    size_t fl = (size_t)(colon - o), kl = (size_t)(eq - colon - 1);
    if (strlen(owner) == fl && strncmp(o, owner, fl) == 0) return has_key(owner_keys, colon + 1, kl);
    for (size_t i = 0; i < PC_ARRAY_LEN(formats); i++)
        if (strlen(formats[i]->name) == fl && strncmp(o, formats[i]->name, fl) == 0)
            return has_key(formats[i]->option_keys, colon + 1, kl);
    return false;
}

pc_status pc_format_options_check(const char *const *options, const char *owner,
                                  const char *const *owner_keys, struct pc_errsink *sink)
{
    for (; options && *options; options++)
        if (!option_known(*options, owner, owner_keys)) {
            struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
            return pc_report(sink, &e, "unknown format option \"%s\" (FORMAT:KEY=VALUE)",
                             *options);
        }
    return PC_OK;
}

const char *pc_format_media_type(const char *name)
{
    const struct pc_format *f = name ? pc_format_by_name(name) : NULL;
    return f ? f->media_type : NULL;
}

int pc_format_info(size_t i, const char **name, const char *const **extensions, int *can_read,
                   int *can_write)
{
    if (i >= PC_ARRAY_LEN(formats)) return 0;
    *name = formats[i]->name;
    *extensions = formats[i]->extensions;
    *can_read = formats[i]->reader_new != NULL;
    *can_write = formats[i]->writer_new != NULL;
    return 1;
}

pc_status pc_reader_error(struct pc_errsink *sink, pc_status code, const char *type,
                          unsigned long line, unsigned long recno, const char *fmt, ...)
{
    /* a reader's report that does not stop the data is a warning */
    struct pc_error e = {.code = code,
                         .severity = code == PC_OK ? PC_SEV_WARNING : PC_SEV_ERROR,
                         .type = type,
                         .line = line,
                         .record = recno};
    va_list ap;
    va_start(ap, fmt);
    pc_status st = pc_vreport(sink, &e, fmt, ap);
    va_end(ap);
    return st;
}

pc_status pc_reader_too_large(struct pc_errsink *sink, unsigned long line, unsigned long recno,
                              size_t limit)
{
    struct pc_error e = {.code = PC_INVALID,
                         .type = "format-error",
                         .line = line,
                         .record = recno,
                         .hint = PC_HINT_MAX_FIELD_SIZE};
    return pc_report(sink, &e, "a field is larger than %zu bytes", limit);
}
