/* The report writers (--report FILE.json and FILE.html, --format json):
 * errors built from the input, whose strings may be any bytes (invalid
 * UTF-8, cut characters, markup), are added to a run report, written as
 * JSON and as HTML; the JSON must load back with the same error count.
 * Fields are separated by 0xFF: source, field, cell, message, fixed,
 * rule; the first byte of each error gives its type (one the library
 * uses: types are never user text), severity and line. */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

enum { FIELDS = 6 };

static const char *const types[] = {"type-error",   "constraint-error", "encoding-error",
                                    "format-error", "normalized",       "lint",
                                    "extra-label",  "no-such-type"};

/* Copies the next 0xFF-separated field of [*p, end) into out (NUL-ended). */
static const char *next_field(const uint8_t **p, const uint8_t *end, char *out, size_t cap)
{
    const uint8_t *q = *p;
    size_t n = 0;
    while (q < end && *q != 0xFF && n + 1 < cap)
        out[n++] = (char)(*q ? *q : ' '), q++;
    out[n] = '\0';
    while (q < end && *q != 0xFF)
        q++;
    *p = q < end ? q + 1 : q;
    return n ? out : NULL;
}

static char *temp_path(const char *suffix)
{
    const char *dir = getenv("TMPDIR");
    static char path[256];
    snprintf(path, sizeof path, "%s/fuzz-report-XXXXXX%s", dir ? dir : "/tmp", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0) return NULL;
    close(fd);
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pc_run_report *r = pc_run_report_new();
    if (!r) return 0;
    const uint8_t *p = data, *end = data + size;
    size_t added = 0;
    char f[FIELDS][300] = {{0}};
    while (p < end && added < 64) {
        uint8_t head = *p++;
        const char *v[FIELDS];
        for (int i = 0; i < FIELDS; i++)
            v[i] = next_field(&p, end, f[i], sizeof f[i]);
        struct pc_error e = {.code = head & 1 ? PC_OK : PC_INVALID,
                             .type = types[head >> 5],
                             .source = v[0],
                             .field = v[1],
                             .cell = v[2],
                             .message = v[3],
                             .fixed = v[4],
                             .rule = v[5],
                             .line = head >> 3,
                             .severity = (enum pc_severity)(head >> 1 & 3)};
        if (e.code == PC_OK && e.severity == PC_SEV_ERROR) e.severity = PC_SEV_WARNING;
        if (pc_run_report_error(r, &e)) fuzz_fail("out of memory for one error");
        added++;
    }
    struct pc_stats st = {.records = added, .errors = added};
    if (pc_run_report_file(r, f[0], NULL, &st, "invalid")) fuzz_fail("out of memory for a file");
    char *json = temp_path(".json");
    if (json) {
        if (pc_run_report_write(r, json, 0, 0.5)) fuzz_fail("the JSON report was not written");
        json_error_t err;
        json_t *doc = json_load_file(json, 0, &err);
        if (!doc) fuzz_fail("the JSON report does not load back");
        size_t n = json_array_size(json_object_get(doc, "errors")) +
                   json_array_size(json_object_get(doc, "warnings")) +
                   json_array_size(json_object_get(doc, "normalizations"));
        size_t i;
        json_t *task; /* an input's errors and warnings are listed with its task */
        json_array_foreach(json_object_get(doc, "tasks"), i, task)
            n += json_array_size(json_object_get(task, "errors")) +
                 json_array_size(json_object_get(task, "warnings"));
        if (n != added) fuzz_fail("the JSON report lost errors");
        json_decref(doc);
        unlink(json);
    }
    char *html = temp_path(".html");
    if (html) {
        if (pc_run_report_write(r, html, 0, 0.5)) fuzz_fail("the HTML report was not written");
        unlink(html);
    }
    pc_run_report_free(r);
    return 0;
}
