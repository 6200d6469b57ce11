/* Normalization while casting. The parsing is validate/ja_date.c's; this file
 * decides what each field accepts, writes the canonical text into the
 * record's batch and reports each change. */
#include "normalize.h"

#include "../core/hashset.h"
#include "ja.h"
#include "types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A value's text, NUL-terminated and cut (at a character) to fit. */
static void cell_copy(char *out, size_t size, const char *s, size_t n)
{
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

/* Reports a change to field `field`: a normalization, or an error under
 * --strict. `from` names the source field of a derived value, or NULL. */
static void report_change(const struct pc_norm_ctx *c, size_t field, const char *cell,
                          const char *fixed, const char *rule, const char *from)
{
    const struct pc_field *f = &c->schema->fields[field];
    bool strict = c->flags & PC_CAST_STRICT;
    struct pc_error e = {.code = strict ? PC_INVALID : PC_OK,
                         .severity = strict ? PC_SEV_ERROR : PC_SEV_NORMALIZATION,
                         .hint = strict ? PC_HINT_STRICT : PC_HINT_NONE,
                         .type = strict ? "strict-error" : "normalized",
                         .line = c->rec->line,
                         .record = c->rec->recno,
                         .field = f->name,
                         .field_number = (int)field + 1,
                         .cell = cell,
                         .fixed = fixed,
                         .rule = rule};
    if (strict && from)
        pc_report(c->sink, &e,
                  "the field is empty; it would be filled with \"%s\" from %s \"%s\" (%s)", fixed,
                  from, cell, rule);
    else if (strict)
        pc_report(c->sink, &e, "\"%s\" is not in its canonical form \"%s\" (%s)", cell, fixed,
                  rule);
    else if (from)
        pc_report(c->sink, &e, "filled with \"%s\" from %s \"%s\" (%s)", fixed, from, cell, rule);
    else
        pc_report(c->sink, &e, "\"%s\" is written as \"%s\" (%s)", cell, fixed, rule);
}

static void report_nomem(const struct pc_norm_ctx *c)
{
    struct pc_error e = {.code = PC_ENOMEM, .type = "source-error", .line = c->rec->line};
    pc_report(c->sink, &e, "out of memory while normalizing a value");
}

/* ---- JSON types ------------------------------------------------------ */

static const char *json_type_noun(enum pc_vtype t, bool list)
{
    if (list) return PC_("a list");
    switch (t) {
    case PC_T_INTEGER: return PC_("an integer");
    case PC_T_YEAR: return PC_("a year (an integer)");
    case PC_T_NUMBER: return PC_("a number");
    case PC_T_BOOLEAN: return PC_("true or false");
    default: return PC_("a string");
    }
}

enum pc_norm_result pc_norm_json_type(const struct pc_norm_ctx *c, struct pc_value *v, bool list)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    bool wants_text = f->type == PC_T_STRING && !list;
    bool fits = list ? v->type != PC_T_STRING
                : wants_text ? v->type != PC_T_NUMBER && v->type != PC_T_BOOLEAN
                : f->type == PC_T_INTEGER || f->type == PC_T_YEAR || f->type == PC_T_NUMBER ||
                          f->type == PC_T_BOOLEAN
                    ? v->type != PC_T_STRING
                    : true;
    if (fits) return PC_NORM_NONE;
    const char *s = pc_value_text(c->rec->batch, v);
    size_t n = v->len;
    bool cast = c->flags & PC_CAST_RETYPE, strict = c->flags & PC_CAST_STRICT;
    struct pc_cast_out o;
    bool canonical = list || wants_text || pc_cast_text(f, s, n, PC_SRC_TEXT, &o);
    /* other text goes on to the Japanese forms, which report themselves */
    if (cast && !canonical) return PC_NORM_NONE;
    char cell[256];
    cell_copy(cell, sizeof cell, s, n);
    const char *noun = json_type_noun(f->type, list);
    const char *held = v->type != PC_T_STRING      ? PC_("a JSON number or boolean")
                       : c->flags & PC_CAST_TYPED ? PC_("a JSON string")
                                                  : PC_("a single value");
    struct pc_error e = {.code = cast && !strict ? PC_OK : PC_INVALID,
                         .severity = cast && !strict ? PC_SEV_NORMALIZATION : PC_SEV_ERROR,
                         .type = !cast ? "type-error" : strict ? "strict-error" : "normalized",
                         .line = c->rec->line,
                         .record = c->rec->recno,
                         .field = f->name,
                         .field_number = (int)c->field + 1,
                         .cell = cell,
                         .fixed = cast && !strict ? cell : NULL,
                         .rule = cast ? "json-type" : NULL,
                         .hint = cast && strict ? PC_HINT_STRICT : PC_HINT_NONE};
    if (!cast)
        pc_report(c->sink, &e, "\"%s\" is %s, not %s", cell, held, noun);
    else if (strict) /* the hint says strict mode refuses it */
        pc_report(c->sink, &e, "\"%s\" is %s, not %s", cell, held, noun);
    else
        pc_report(c->sink, &e, "\"%s\" is %s, cast to %s (json-type)", cell, held, noun);
    if (!cast || strict) return PC_NORM_ERROR;
    if (wants_text) v->type = PC_T_STRING;
    return PC_NORM_DONE;
}

/* ---- typed fields ---------------------------------------------------- */

/* A time field is the source of a range when another field derives its end. */
static bool is_range_source(const struct pc_schema *s, size_t field)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (s->fields[i].derive_from == (int)field && s->fields[i].derive_end) return true;
    return false;
}

/* One whole sentence per type (a translation splices no type word). */
static const char *not_type(enum pc_vtype t)
{
    switch (t) {
    case PC_T_DATE:
        return N_("\"%s\" is not a date: %s");
    case PC_T_TIME:
        return N_("\"%s\" is not a time: %s");
    case PC_T_YEAR:
        return N_("\"%s\" is not a fiscal year: %s");
    case PC_T_INTEGER:
        return N_("\"%s\" is not an integer: %s");
    default:
        return N_("\"%s\" is not a number: %s");
    }
}

/* Why a value the rules would read is a type error while they are off:
 * one whole sentence per type. */
static const char *would_read(enum pc_vtype t)
{
    switch (t) {
    case PC_T_DATE:
        return N_("\"%s\" is not a date in the field's format but a Japanese spelling (%s) of %s");
    case PC_T_TIME:
        return N_("\"%s\" is not a time in the field's format but a Japanese spelling (%s) of %s");
    case PC_T_YEAR:
        return N_("\"%s\" is not a year but a Japanese spelling (%s) of the fiscal year %s");
    case PC_T_INTEGER:
        return N_("\"%s\" is not an integer but a Japanese spelling (%s) of %s");
    default:
        return N_("\"%s\" is not a number but a Japanese spelling (%s) of %s");
    }
}

static unsigned rule_of(enum pc_vtype t)
{
    switch (t) {
    case PC_T_DATE: return PC_RULE_JA_DATE;
    case PC_T_TIME: return PC_RULE_JA_TIME;
    case PC_T_YEAR: return PC_RULE_JA_FISCAL_YEAR;
    default: return PC_RULE_JA_DIGITS;
    }
}

static bool rule_on(const struct pc_norm_ctx *c, unsigned rule)
{
    return (c->flags & PC_CAST_NORMALIZE_ALL) || (c->schema->fields[c->field].rules & rule);
}

static enum pc_norm_result report_would_read(const struct pc_norm_ctx *c, const char *cell,
                                             const struct pc_ja_result *r)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    struct pc_error e = {.code = PC_INVALID, .type = "type-error", .line = c->rec->line,
                         .record = c->rec->recno, .field = f->name,
                         .field_number = (int)c->field + 1, .cell = cell,
                         .hint = PC_HINT_NORMALIZE};
    char msg[768];
    snprintf(msg, sizeof msg, PC_(would_read(f->type)), cell, r->rule, r->text);
    if (f->title)
        pc_report(c->sink, &e, "%s (%s)", msg, f->title);
    else
        pc_report(c->sink, &e, "%s", msg);
    return PC_NORM_ERROR;
}

enum pc_norm_result pc_norm_typed(const struct pc_norm_ctx *c, struct pc_value *v)
{
    const struct pc_field *f = &c->schema->fields[c->field];
    const char *s = pc_value_text(c->rec->batch, v);
    size_t n = v->len;
    struct pc_ja_result r;
    int st;
    switch (f->type) {
    case PC_T_DATE: st = pc_ja_date(s, n, &r); break;
    case PC_T_TIME:
        st = pc_ja_time(s, n, &r);
        if (st == PC_JA_NONE && is_range_source(c->schema, c->field))
            st = pc_ja_time_range(s, n, &r);
        break;
    case PC_T_YEAR: st = pc_ja_fiscal_year(s, n, &r); break;
    case PC_T_INTEGER: st = pc_ja_number(s, n, true, &r); break;
    case PC_T_NUMBER: st = pc_ja_number(s, n, false, &r); break;
    default: return PC_NORM_NONE;
    }
    if (st == PC_JA_NONE) return PC_NORM_NONE;
    bool on = rule_on(c, rule_of(f->type));
    if (st == PC_JA_BAD && !on) return PC_NORM_NONE; /* the plain type error says enough */
    char cell[256];
    cell_copy(cell, sizeof cell, s, n);
    if (st == PC_JA_BAD) {
        struct pc_error e = {.code = PC_INVALID, .type = "type-error", .line = c->rec->line,
                             .record = c->rec->recno, .field = f->name,
                             .field_number = (int)c->field + 1, .cell = cell};
        char msg[768];
        snprintf(msg, sizeof msg, PC_(not_type(f->type)), cell, r.why);
        if (f->title)
            pc_report(c->sink, &e, "%s (%s)", msg, f->title);
        else
            pc_report(c->sink, &e, "%s", msg);
        return PC_NORM_ERROR;
    }
    /* a time read without seconds, for the default format (HH:MM:SS) */
    if (f->type == PC_T_TIME && f->format == PC_F_DEFAULT && strlen(r.text) == 5) {
        strcat(r.text, ":00");
        r.rule = "time";
    }
    size_t len = strlen(r.text);
    struct pc_cast_out o;
    if (!pc_cast_text(f, r.text, len, PC_SRC_TEXT, &o)) return PC_NORM_NONE;
    if (!on) return report_would_read(c, cell, &r);
    report_change(c, c->field, cell, r.text, r.rule, NULL);
    if (c->flags & PC_CAST_STRICT) return PC_NORM_ERROR;
    if (pc_value_set_text(c->rec->batch, v, r.text, len)) {
        report_nomem(c);
        return PC_NORM_ERROR;
    }
    return PC_NORM_DONE;
}

/* ---- free text ------------------------------------------------------- */

/* Warns about machine-dependent characters left in the text. */
static void warn_nonstandard(const struct pc_norm_ctx *c, const char *s, size_t n)
{
    size_t pos = 0, len;
    uint32_t cp;
    if (!pc_ja_next_nonstandard(s, n, &pos, &len, &cp)) return;
    const struct pc_field *f = &c->schema->fields[c->field];
    struct pc_error e = {.code = PC_OK,
                         .severity = PC_SEV_WARNING,
                         .hint = PC_HINT_FIX,
                         .type = "nonstandard-character",
                         .line = c->rec->line,
                         .record = c->rec->recno,
                         .field = f->name,
                         .field_number = (int)c->field + 1};
    if (!pc_report_passes(c->sink, PC_SEV_WARNING)) { /* past the limit: counted, not told */
        pc_report(c->sink, &e, "%s", "");
        return;
    }
    char list[400] = "", cell[256];
    size_t used = 0, count = 0;
    for (bool more = true; more; pos += len, more = pc_ja_next_nonstandard(s, n, &pos, &len, &cp)) {
        const char *fix = pc_ja_nonstandard(cp);
        if (count++ >= 5) continue;
        int k = *fix ? snprintf(list + used, sizeof list - used, PC_("%s%.*s (U+%04X; write %s)"),
                                used ? ", " : "", (int)len, s + pos, (unsigned)cp, fix)
                     : snprintf(list + used, sizeof list - used, "%s%.*s (U+%04X)",
                                used ? ", " : "", (int)len, s + pos, (unsigned)cp);
        if (k > 0 && (size_t)k < sizeof list - used) used += (size_t)k;
        else list[used] = '\0'; /* no half entry, which could end inside a character */
    }
    cell_copy(cell, sizeof cell, s, n);
    e.cell = cell;
    pc_report(c->sink, &e,
              "%zu machine-dependent character%s (機種依存文字) that not every system shows: "
              "%s%s",
              count, count == 1 ? "" : "s", list, count > 5 ? ", ..." : "");
}

/* The text with each machine-dependent character that has a standard
 * spelling replaced by it, into out. */
static pc_status fix_nonstandard(const char *s, size_t n, struct pc_buf *out)
{
    size_t pos = 0, done = 0, len;
    uint32_t cp;
    pc_status st = PC_OK;
    for (; !st && pc_ja_next_nonstandard(s, n, &pos, &len, &cp); pos += len) {
        const char *fix = pc_ja_nonstandard(cp);
        if (!*fix) continue;
        st = pc_buf_append(out, s + done, pos - done);
        if (!st) st = pc_buf_append(out, fix, strlen(fix));
        done = pos + len;
    }
    if (!st) st = pc_buf_append(out, s + done, n - done);
    return st;
}

/* Replaces the value by `to` (n bytes) as one reported change. */
static bool text_change(const struct pc_norm_ctx *c, struct pc_value *v, const char *to, size_t n,
                        const char *rule)
{
    char cell[256], fixed[256];
    cell_copy(cell, sizeof cell, pc_value_text(c->rec->batch, v), v->len);
    cell_copy(fixed, sizeof fixed, to, n);
    report_change(c, c->field, cell, fixed, rule, NULL);
    if (c->flags & PC_CAST_STRICT) return false;
    if (!pc_value_set_text(c->rec->batch, v, to, n)) return true;
    report_nomem(c);
    return false;
}

/* Machine-dependent characters: flagged, and with PC_CAST_FIX replaced
 * where they have a standard spelling (`edit` false: only flagged). */
static bool fix_text(const struct pc_norm_ctx *c, struct pc_value *v, bool edit)
{
    const char *s = pc_value_text(c->rec->batch, v);
    size_t pos = 0, len;
    uint32_t cp;
    if (!rule_on(c, PC_RULE_JA_NONSTANDARD) || !pc_ja_next_nonstandard(s, v->len, &pos, &len, &cp))
        return true;
    if (!edit || !(c->flags & PC_CAST_FIX)) {
        warn_nonstandard(c, s, v->len);
        return true;
    }
    struct pc_buf fixed = {0};
    if (fix_nonstandard(s, v->len, &fixed)) {
        pc_buf_free(&fixed);
        return report_nomem(c), false;
    }
    bool ok = true;
    if (fixed.len != v->len || memcmp(fixed.data, s, v->len) != 0)
        ok = text_change(c, v, fixed.data, fixed.len, "machine-dependent");
    pc_buf_free(&fixed);
    if (ok) warn_nonstandard(c, pc_value_text(c->rec->batch, v), v->len); /* those with no fix */
    return ok;
}

bool pc_norm_text(const struct pc_norm_ctx *c, struct pc_value *v)
{
    if (v->flags & PC_VALUE_JA_PLAIN) return true; /* nothing to fold, fix or warn of */
    const char *s = pc_value_text(c->rec->batch, v);
    bool edit = !(c->flags & PC_CAST_KEEP_TEXT);
    if (edit && rule_on(c, PC_RULE_JA_KANA) && pc_ja_has_halfwidth_kana(s, v->len)) {
        char *folded = malloc(v->len ? v->len : 1);
        if (!folded) return report_nomem(c), false;
        size_t n = pc_ja_fold(s, v->len, folded, PC_JA_FOLD_KANA);
        bool ok = text_change(c, v, folded, n, "kana-width");
        free(folded);
        if (!ok) return false;
    }
    return fix_text(c, v, edit);
}

bool pc_norm_fix(const struct pc_norm_ctx *c, struct pc_value *v)
{
    return !(c->flags & PC_CAST_FIX) || (v->flags & PC_VALUE_JA_PLAIN) || fix_text(c, v, true);
}

void pc_norm_prescan(struct pc_batch *b, const struct pc_row *row)
{
    for (size_t i = 0; i < row->ncells; i++) {
        struct pc_value *v = &PC_VEC_AT(&b->cells, struct pc_cell, row->first_cell + i).v;
        if (v->type != PC_T_STRING) continue;
        const char *s = pc_value_text(b, v);
        size_t pos = 0, len;
        uint32_t cp;
        if (!pc_ja_has_halfwidth_kana(s, v->len) &&
            !pc_ja_next_nonstandard(s, v->len, &pos, &len, &cp))
            v->flags |= PC_VALUE_JA_PLAIN;
    }
}

/* ---- derived fields -------------------------------------------------- */

static const struct pc_value *value_at(const struct pc_record *rec, int slot)
{
    if (slot < 0) return NULL;
    const struct pc_value *v = &pc_record_cell(rec, (size_t)slot)->v;
    if (v->type == PC_T_NULL || v->type == PC_T_ABSENT ||
        ((v->type == PC_T_STRING || v->type == PC_T_ARRAY) && v->len == 0))
        return NULL;
    return v;
}

/* Copies the record into `scratch` so that cells can be added to it (a
 * reader's batch holds the next records right after this one). */
static pc_status own_record(struct pc_record *rec, struct pc_batch *scratch)
{
    if (rec->batch == scratch) return PC_OK;
    pc_batch_reset(scratch);
    if (pc_batch_copy_record(scratch, rec)) return PC_ENOMEM;
    rec->batch = scratch;
    rec->first_cell = 0;
    return PC_OK;
}

static pc_status set_derived(struct pc_record *rec, int *slot, size_t field,
                             struct pc_batch *scratch, const char *text)
{
    size_t n = strlen(text), off;
    if (slot[field] < 0) {
        pc_status st = own_record(rec, scratch);
        if (st) return st;
        struct pc_cell *cell = pc_vec_push(&scratch->cells);
        if (!cell) return PC_ENOMEM;
        cell->label = UINT32_MAX; /* no label of the input: a field of the schema only */
        slot[field] = (int)rec->ncells++;
    }
    if (pc_batch_text(rec->batch, text, n, &off)) return PC_ENOMEM;
    pc_record_cell(rec, (size_t)slot[field])->v =
        (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)n, .off = off};
    return PC_OK;
}

/* What a source gives the fields derived from it: a period's (a time
 * range's) first and last day (time), as ISO text, shorter than 16 bytes. */
struct span {
    int status; /* PC_JA_OK or PC_JA_NONE; PC_JA_BAD is never kept */
    const char *rule;
    char start[16], end[16];
};

struct pc_norm_cache {
    struct cache_slot {
        bool used, time;
        uint8_t len;
        char key[PC_NORM_CACHE_KEY];
        struct span span;
    } slots[PC_NORM_CACHE_SLOTS];
};

struct pc_norm_cache *pc_norm_cache_new(void)
{
    return calloc(1, sizeof(struct pc_norm_cache));
}

void pc_norm_cache_free(struct pc_norm_cache *c)
{
    free(c);
}

_Static_assert((PC_NORM_CACHE_SLOTS & (PC_NORM_CACHE_SLOTS - 1)) == 0, "a power of two");
_Static_assert(PC_NORM_CACHE_KEY <= UINT8_MAX, "a key's length is a byte");

/* The slot of a text; NULL when it is too long to be kept. */
static struct cache_slot *cache_slot(struct pc_norm_cache *c, bool time, const char *s, size_t n)
{
    if (!c || n > PC_NORM_CACHE_KEY) return NULL;
    /* Fibonacci hashing: the top bits of the product spread FNV's */
    uint64_t h = (pc_hash_bytes(s, n) ^ time) * UINT64_C(0x9E3779B97F4A7C15);
    return &c->slots[h >> (64 - __builtin_ctz(PC_NORM_CACHE_SLOTS))];
}

/* The source's span, read once: from the cache when this text was read
 * before. A BAD source is read each time, so that r->why says why. */
static void read_span(struct pc_norm_cache *c, bool time, const char *s, size_t n, struct span *sp,
                      struct pc_ja_result *r)
{
    struct cache_slot *slot = cache_slot(c, time, s, n);
    if (slot && slot->used && slot->time == time && slot->len == n &&
        memcmp(slot->key, s, n) == 0) {
        *sp = slot->span;
        return;
    }
    sp->status = time ? pc_ja_time_range(s, n, r) : pc_ja_period(s, n, r);
    sp->rule = r->rule;
    cell_copy(sp->start, sizeof sp->start, r->text, strlen(r->text));
    cell_copy(sp->end, sizeof sp->end, r->text_end, strlen(r->text_end));
    if (!slot || sp->status == PC_JA_BAD) return;
    *slot = (struct cache_slot){.used = true, .time = time, .len = (uint8_t)n, .span = *sp};
    memcpy(slot->key, s, n);
}

/* Only the first field derived from a source reports on the source. */
static bool first_derived(const struct pc_schema *s, size_t field)
{
    for (size_t i = 0; i < field; i++)
        if (s->fields[i].derive_from == s->fields[field].derive_from) return false;
    return true;
}

/* A source that is no period: said once, as a warning or an error. */
static void report_source(const struct pc_norm_ctx *c, int st, const char *cell,
                          const struct pc_ja_result *r)
{
    const struct pc_schema *s = c->schema;
    const struct pc_field *src = &s->fields[c->field];
    struct pc_buf names = {0};
    for (size_t i = 0; i < s->nfields; i++)
        if (s->fields[i].derive_from == (int)c->field)
            pc_buf_printf(&names, "%s%s", names.len ? ", " : "", s->fields[i].name);
    struct pc_error e = {.code = st == PC_JA_BAD ? PC_INVALID : PC_OK,
                         .severity = st == PC_JA_BAD ? PC_SEV_ERROR : PC_SEV_WARNING,
                         .type = st == PC_JA_BAD ? "type-error" : "period-warning",
                         .line = c->rec->line,
                         .record = c->rec->recno,
                         .field = src->name,
                         .field_number = (int)c->field + 1,
                         .cell = cell};
    if (st == PC_JA_BAD && src->title)
        pc_report(c->sink, &e, "\"%s\" is not a period: %s (%s)", cell, r->why, src->title);
    else if (st == PC_JA_BAD)
        pc_report(c->sink, &e, "\"%s\" is not a period: %s", cell, r->why);
    else if (!names.data)
        pc_report(c->sink, &e,
                  "\"%s\" is not a period planconv can read, so its derived fields are left empty",
                  cell);
    else /* one sentence per number of fields: no English word spliced in */
        pc_report(c->sink, &e,
                  strchr(names.data, ',')
                      ? "\"%s\" is not a period planconv can read, so %s are left empty"
                      : N_("\"%s\" is not a period planconv can read, so %s is left empty"),
                  cell, names.data);
    pc_buf_free(&names);
}

bool pc_derive_fields(const struct pc_schema *s, struct pc_record *rec, int *slot,
                      struct pc_errsink *sink, unsigned flags, struct pc_batch *scratch,
                      struct pc_norm_cache *cache, pc_status *st)
{
    bool ok = true;
    for (size_t i = 0; i < s->nfields && !*st; i++) {
        const struct pc_field *f = &s->fields[i];
        if (f->derive_from < 0 || value_at(rec, slot[i])) continue;
        size_t from = (size_t)f->derive_from;
        const struct pc_value *sv = value_at(rec, slot[from]);
        if (!sv || sv->type != PC_T_STRING) continue;
        bool time = s->fields[from].type == PC_T_TIME;
        const char *text = pc_value_text(rec->batch, sv);
        struct pc_ja_result r;
        struct span sp;
        read_span(cache, time, text, sv->len, &sp, &r);
        int pst = sp.status;
        char cell[256];
        cell_copy(cell, sizeof cell, text, sv->len);
        struct pc_norm_ctx c = {.schema = s, .rec = rec, .sink = sink, .field = from,
                                .flags = flags};
        if (pst != PC_JA_OK) {
            /* a time that is no range needs no end; a bad range is the time's own error */
            if (!time && first_derived(s, i)) report_source(&c, pst, cell, &r);
            if (pst == PC_JA_BAD) ok = false;
            continue;
        }
        const char *value = f->derive_end ? sp.end : sp.start;
        report_change(&c, i, cell, value, sp.rule, s->fields[from].name);
        if (flags & PC_CAST_STRICT)
            ok = false;
        else
            *st = set_derived(rec, slot, i, scratch, value);
    }
    return ok;
}
