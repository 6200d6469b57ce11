/* The table of formats. Adding a format: write formats/NAME.c defining
 * `const struct pc_format pc_format_NAME`, and add NAME to this list. */
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define PC_FORMATS(X) X(csv) X(tsv) X(json) X(jsonl) X(xml) X(minutes_text) X(outline_text) X(xlsx)
/* Of those, the ones that read the input file themselves (archives). */
#define PC_FILE_FORMATS(X) X(xlsx)

#define PC_DECLARE(n) extern const struct pc_format pc_format_##n;
PC_FORMATS(PC_DECLARE)
#define PC_ENTRY(n) &pc_format_##n,
static const struct pc_format *const formats[] = {PC_FORMATS(PC_ENTRY)};

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

bool pc_format_reads_file(const struct pc_format *f)
{
#define PC_IS(n) if (f == &pc_format_##n) return true;
    PC_FILE_FORMATS(PC_IS)
#undef PC_IS
    return false;
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
