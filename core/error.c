/* Status codes and error reporting. */
#include "core.h"
#include "utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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
    case PC_SEV_INFO: /* not reached: pc_vreport counts no information */
    case PC_SEV_LINT:
    case PC_SEV_ERROR:
        break;
    }
    return &sink->errors;
}

/* The cells of rec as strings (an array item list joined by ";"), for
 * errors about it: one allocation holding the pointers and the text they
 * point into (measured once, then copied: this runs for every error and
 * normalization of a record). NULL on ENOMEM (the error is reported
 * without them). Caller frees the array. */
static const char **record_cells(const struct pc_record *rec)
{
    size_t bytes = 0;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_value *v = &pc_record_cell(rec, i)->v;
        bytes++; /* the NUL */
        if (v->type == PC_T_NULL || v->type == PC_T_ABSENT) continue;
        if (v->type != PC_T_ARRAY) {
            bytes += v->len;
            continue;
        }
        for (uint32_t k = 0; k < v->len; k++)
            bytes += (k > 0) + pc_value_item(rec->batch, v, k)->len;
    }
    size_t head = (rec->ncells + 1) * sizeof(char *);
    const char **cells = malloc(head + bytes);
    if (!cells) return NULL;
    char *p = (char *)cells + head;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_value *v = &pc_record_cell(rec, i)->v;
        cells[i] = p;
        uint32_t n = v->type == PC_T_ARRAY ? v->len : 1;
        for (uint32_t k = 0; k < n && v->type != PC_T_NULL && v->type != PC_T_ABSENT; k++) {
            const struct pc_value *it = v->type == PC_T_ARRAY ? pc_value_item(rec->batch, v, k) : v;
            if (k) *p++ = ';';
            memcpy(p, pc_value_text(rec->batch, it), it->len);
            p += it->len;
        }
        *p++ = '\0';
    }
    return cells;
}

/* One message, one line: a value holding a line break (a cell of a
 * spreadsheet often does) shows it as ⏎, so the message stays one line of
 * `file:line:field: type: message` that grep and people can follow.
 * CRLF is one break. `out` holds 3 bytes for each of `s`. Returns the
 * message: `s` itself when it has no break (most have none). */
static const char *one_line(char *out, size_t size, const char *s)
{
    static const char mark[] = "\u23ce";
    if (!s[strcspn(s, "\r\n")]) return s;
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
    return out;
}

void pc_column_letters(unsigned long column, char out[8])
{
    char tmp[8];
    size_t n = 0;
    for (; column && n < 7; column = (column - 1) / 26) tmp[n++] = (char)('A' + (column - 1) % 26);
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* The input column of the cell an error about field `field_number` of the
 * record being checked is about; 0 when the record has no such cell or the
 * error is about another record (a key seen earlier). */
static unsigned long cell_column(const struct pc_errsink *sink, const struct pc_error *e)
{
    const struct pc_record *rec = sink->rec;
    if (e->field_number <= 0 || !e->record || !rec || e->record != rec->recno || !rec->slot ||
        !sink->labels)
        return 0;
    int i = rec->slot[e->field_number - 1];
    if (i < 0) return 0;
    uint32_t label = pc_record_cell(rec, (size_t)i)->label; /* a derived cell has none */
    return label < sink->nlabels ? sink->labels[label].column : 0;
}

/* Whether a format's only conversions are %s and %%. */
static bool plain_format(const char *f)
{
    for (; (f = strchr(f, '%')); f += 2)
        if (f[1] != 's' && f[1] != '%') return false;
    return true;
}

/* fmt in the user's language: the sink's copy when it was translated
 * before (same address, same text), else gettext's, kept. *plain: see
 * plain_format. */
static const char *translate(struct pc_errsink *sink, const char *fmt, bool *plain)
{
    uint64_t h = (uint64_t)(uintptr_t)fmt * UINT64_C(0x9E3779B97F4A7C15);
    struct pc_sink_format *k = &sink->formats[h >> 61];
    _Static_assert(PC_SINK_FORMATS == 8, "three bits of the hash pick the slot");
    if (k->fmt == fmt && strcmp(k->copy, fmt) == 0) {
        *plain = k->plain;
        return k->text;
    }
    const char *text = PC_(fmt);
    *plain = plain_format(text);
    size_t n = strlen(fmt);
    if (n < sizeof k->copy) {
        *k = (struct pc_sink_format){.fmt = fmt, .text = text, .plain = *plain};
        memcpy(k->copy, fmt, n + 1);
    }
    return text;
}

/* vsnprintf for a plain format (%s and %% only): the same text and return
 * value, without printf's machinery, which costs more than the rest of a
 * report. A NULL string is written as glibc writes it. */
static int format_plain(char *out, size_t size, const char *fmt, va_list ap)
{
    size_t o = 0, total = 0;
    for (const char *f = fmt; *f;) {
        const char *piece = f;
        size_t k;
        if (*f != '%') { /* the text up to the next conversion */
            k = strcspn(f, "%");
            f += k;
        } else if (f[1] == '%') {
            k = 1;
            f += 2;
        } else {
            piece = va_arg(ap, const char *);
            if (!piece) piece = "(null)";
            k = strlen(piece);
            f += 2;
        }
        size_t room = size - 1 - o, m = k < room ? k : room;
        memcpy(out + o, piece, m);
        o += m;
        total += k;
    }
    out[o] = '\0';
    return total > INT_MAX ? INT_MAX : (int)total;
}

bool pc_report_passes(struct pc_errsink *sink, enum pc_severity sev)
{
    /* normalizations are not errors: all reach the callback, which counts them by rule */
    if (sev == PC_SEV_INFO || sev == PC_SEV_NORMALIZATION) return sink->fn != NULL;
    return sink->fn && (sink->limit == 0 || *counter(sink, sev) < sink->limit);
}

/* Counts a report of e's severity; whether it reaches the callback. */
static bool admit(struct pc_errsink *sink, const struct pc_error *e)
{
    bool pass = pc_report_passes(sink, e->severity);
    if (e->severity != PC_SEV_INFO) ++*counter(sink, e->severity);
    return pass;
}

/* Whether e, just counted, goes to a tallying sink's callback unformed:
 * a warning past the limit, or a normalization past it. */
static bool tallied(const struct pc_errsink *sink, const struct pc_error *e, bool pass)
{
    if (!sink->tally || !sink->fn) return false;
    if (e->severity == PC_SEV_NORMALIZATION) return sink->limit && sink->normalizations > sink->limit;
    return e->severity == PC_SEV_WARNING && !pass;
}

static void tell_unformed(struct pc_errsink *sink, const struct pc_error *e)
{
    struct pc_error out = *e;
    out.message = NULL;
    out.cells = NULL;
    out.ncells = 0;
    if (!out.source) out.source = sink->source;
    sink->fn(sink->ud, &out);
}

void pc_report_formed(struct pc_errsink *sink, const struct pc_error *e)
{
    bool pass = admit(sink, e);
    if (tallied(sink, e, pass))
        tell_unformed(sink, e);
    else if (pass)
        sink->fn(sink->ud, e);
}

pc_status pc_vreport(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, va_list ap)
{
    bool pass = admit(sink, e);
    if (tallied(sink, e, pass)) {
        tell_unformed(sink, e);
        return e->code;
    }
    if (!pass) return e->code;
    char raw[1024], msg[sizeof raw * 3]; /* room for every byte a ⏎ */
    bool plain;
    const char *text = translate(sink, fmt, &plain);
    int len =
        plain ? format_plain(raw, sizeof raw, text, ap) : vsnprintf(raw, sizeof raw, text, ap);
    /* a long message is cut: never inside a character, or it is no text */
    if (len >= (int)sizeof raw) raw[pc_utf8_cut(raw, sizeof raw - 1)] = '\0';
    struct pc_error out = *e;
    out.message = one_line(msg, sizeof msg, raw);
    if (!out.source) out.source = sink->source;
    if (!out.column) out.column = cell_column(sink, e);
    if (!out.sheet && (out.line || out.record)) out.sheet = sink->sheet;
    if (!out.row && out.record) out.row = out.record + (sink->header_rows ? sink->header_rows : 1);
    const char **cells = NULL;
    if (!out.cells && sink->rec && out.record == sink->rec->recno &&
        (cells = record_cells(sink->rec))) {
        out.cells = cells;
        out.ncells = sink->rec->ncells;
    }
    sink->fn(sink->ud, &out);
    free(cells);
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
