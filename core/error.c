/* Status codes and error reporting. */
#include "core.h"

#include <stdio.h>

const char *pc_strerror(pc_status st)
{
    switch (st) {
    case PC_END: return "end of input";
    case PC_OK: return "success";
    case PC_INVALID: return "invalid data";
    case PC_EUSAGE: return "usage error";
    case PC_EIO: return "input/output error";
    case PC_ENOMEM: return "out of memory";
    case PC_EINTERNAL: return "internal error";
    }
    return "unknown status";
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

pc_status pc_vreport(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, va_list ap)
{
    unsigned long n = ++*counter(sink, e->severity);
    /* normalizations are not errors: all reach the callback, which counts them by rule */
    bool all = e->severity == PC_SEV_NORMALIZATION;
    if (sink->fn && (sink->limit == 0 || n <= sink->limit || all)) {
        char msg[1024];
        vsnprintf(msg, sizeof msg, PC_(fmt), ap);
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
