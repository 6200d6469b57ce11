/* Status codes and error reporting. */
#include "core.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

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

pc_status pc_report(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, ...)
{
    unsigned long *count = e->code != PC_OK                                ? &sink->errors
                           : e->type && strcmp(e->type, "normalized") == 0 ? &sink->normalizations
                                                                           : &sink->warnings;
    unsigned long n = ++*count;
    /* normalizations are not errors: all reach the callback, which counts them by rule */
    bool all = count == &sink->normalizations;
    if (sink->fn && (sink->limit == 0 || n <= sink->limit || all)) {
        char msg[1024];
        va_list ap;
        va_start(ap, fmt);
        int len = vsnprintf(msg, sizeof msg, PC_(fmt), ap);
        va_end(ap);
        /* a long message is cut: never inside a character, or it is no text */
        if (len >= (int)sizeof msg) msg[pc_utf8_cut(msg, sizeof msg - 1)] = '\0';
        struct pc_error out = *e;
        out.message = msg;
        /* until every caller sets it: derived here, in one place */
        if (out.code != PC_OK) out.severity = PC_SEV_ERROR;
        else if (count == &sink->normalizations) out.severity = PC_SEV_NORMALIZATION;
        else if (out.severity == PC_SEV_ERROR) out.severity = PC_SEV_WARNING;
        if (!out.source) out.source = sink->source;
        sink->fn(sink->ud, &out);
    }
    return e->code;
}
