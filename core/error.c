/* Status codes and error reporting. */
#include "core.h"
#include "utf8.h"

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
 * errors about it: pointers into `text`. NULL on ENOMEM (the error is
 * reported without them). Caller frees the array and the buffer. */
static const char **record_cells(const struct pc_record *rec, struct pc_buf *text)
{
    size_t *offs = malloc((rec->ncells + 1) * sizeof *offs);
    if (!offs) return NULL;
    bool failed = false;
    for (size_t i = 0; i < rec->ncells && !failed; i++) {
        const struct pc_value *v = &pc_record_cell(rec, i)->v;
        offs[i] = text->len;
        uint32_t n = v->type == PC_T_ARRAY ? v->len : 1;
        for (uint32_t k = 0; k < n && !failed && v->type != PC_T_NULL && v->type != PC_T_ABSENT;
             k++) {
            const struct pc_value *it = v->type == PC_T_ARRAY ? pc_value_item(rec->batch, v, k) : v;
            failed = (k && pc_buf_append(text, ";", 1)) ||
                     pc_buf_append(text, pc_value_text(rec->batch, it), it->len);
        }
        failed = failed || pc_buf_append(text, "", 1);
    }
    const char **cells = failed ? NULL : malloc((rec->ncells + 1) * sizeof *cells);
    for (size_t i = 0; cells && i < rec->ncells; i++) cells[i] = text->data + offs[i];
    free(offs);
    return cells;
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

/* Counts e; whether it reaches the callback (within the limit). */
static bool admit(struct pc_errsink *sink, const struct pc_error *e)
{
    bool info = e->severity == PC_SEV_INFO;
    unsigned long n = info ? 0 : ++*counter(sink, e->severity);
    /* normalizations are not errors: all reach the callback, which counts them by rule */
    bool all = info || e->severity == PC_SEV_NORMALIZATION;
    return sink->fn && (sink->limit == 0 || n <= sink->limit || all);
}

void pc_report_formed(struct pc_errsink *sink, const struct pc_error *e)
{
    if (admit(sink, e)) sink->fn(sink->ud, e);
}

pc_status pc_vreport(struct pc_errsink *sink, const struct pc_error *e, const char *fmt, va_list ap)
{
    if (admit(sink, e)) {
        char raw[1024], msg[sizeof raw * 3]; /* room for every byte a ⏎ */
        int len = vsnprintf(raw, sizeof raw, PC_(fmt), ap);
        /* a long message is cut: never inside a character, or it is no text */
        if (len >= (int)sizeof raw) raw[pc_utf8_cut(raw, sizeof raw - 1)] = '\0';
        one_line(msg, sizeof msg, raw);
        struct pc_error out = *e;
        out.message = msg;
        if (!out.source) out.source = sink->source;
        if (!out.column) out.column = cell_column(sink, e);
        if (!out.sheet && (out.line || out.record)) out.sheet = sink->sheet;
        if (!out.row && out.record) out.row = out.record + (sink->header_rows ? sink->header_rows : 1);
        struct pc_buf text = {0};
        const char **cells = NULL;
        if (!out.cells && sink->rec && out.record == sink->rec->recno &&
            (cells = record_cells(sink->rec, &text))) {
            out.cells = cells;
            out.ncells = sink->rec->ncells;
        }
        sink->fn(sink->ud, &out);
        free(cells);
        pc_buf_free(&text);
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
