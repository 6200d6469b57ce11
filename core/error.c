/* Status codes and error reporting. */
#include "core.h"

#include <stdio.h>
#include <string.h>

/* In the user's language, like every message of the library. */
const char *pc_strerror(pc_status st)
{
    switch (st) {
    case PC_END: return PC_("end of input");
    case PC_OK: return PC_("success");
    case PC_INVALID: return PC_("invalid data");
    case PC_EUSAGE: return PC_("usage error");
    case PC_EIO: return PC_("input/output error");
    case PC_ENOMEM: return PC_("out of memory");
    case PC_EINTERNAL: return PC_("internal error");
    }
    return PC_("unknown status");
}

int pc_exit_status(pc_status st)
{
    if (st == PC_OK || st == PC_END) return 0;
    return st == PC_INVALID ? 1 : 2;
}

/* The counter of a severity. Lint findings count as errors too: the user
 * asked for the check, so a finding makes the run fail (exit status 1). */
static unsigned long *counter(struct pc_errsink *sink, enum pc_severity sev)
{
    switch (sev) {
    case PC_SEV_WARNING:
        return &sink->warnings;
    case PC_SEV_NORMALIZATION:
        return &sink->normalizations;
    case PC_SEV_LINT:
    case PC_SEV_ERROR:
        break;
    }
    return &sink->errors;
}

/* One message, one line: a value holding a line break (a cell of a
 * spreadsheet often does) shows it as ⏎, so the message stays one line of
 * `file:line:field: type: message` that grep and people can follow.
 * CRLF is one break. `out` holds 3 bytes for each of `s`. */
static void one_line(char *out, size_t size, const char *s)
{
    static const char mark[] = "\u23ce";
    size_t o = 0;
    for (; *s; s++) {
        bool brk = *s == '\n' || *s == '\r';
        if (*s == '\r' && s[1] == '\n') s++;
        size_t k = brk ? sizeof mark - 1 : 1;
        if (o + k >= size) break;
        memcpy(out + o, brk ? mark : s, k);
        o += k;
    }
    out[o] = '\0';
}

pc_status pc_vreport(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, va_list ap)
{
    unsigned long n = ++*counter(sink, e->severity);
    /* normalizations are not errors: all reach the callback, which counts them by rule */
    bool all = e->severity == PC_SEV_NORMALIZATION;
    if (sink->fn && (sink->limit == 0 || n <= sink->limit || all)) {
        char raw[1024], msg[sizeof raw * 3]; /* room for every byte a ⏎ */
        vsnprintf(raw, sizeof raw, PC_(fmt), ap);
        one_line(msg, sizeof msg, raw);
        struct pc_error out = *e;
        out.message = msg;
        if (!out.source) out.source = sink->source;
        sink->fn(sink->ud, &out);
    }
    return e->code;
}

pc_status pc_report(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pc_status st = pc_vreport(sink, e, fmt, ap);
    va_end(ap);
    return st;
}
