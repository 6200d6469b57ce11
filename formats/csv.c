/* CSV (RFC 4180) and TSV: read with libcsv fed in chunks, written directly.
 *
 * Canonical output, which round trips depend on: the header is the
 * schema's field names; a cell is quoted only when it holds the
 * delimiter, a double quote, CR or LF; lines end in LF (CRLF with
 * --excel, which also writes a UTF-8 BOM). */
#include "csv_plain.h"
#include "csv_tok.h"
#include "csv_wide.h"
#include "format.h"
#include "header_join.h"
#include "table_hints.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct csv_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    const struct pc_dialect *d;
    struct csv_parser parser;
    struct pc_csvplain plain; /* libcsv's fast path */
    struct pc_csvtok tok;     /* instead of libcsv when the dialect needs it */
    bool use_tok;
    struct pc_batch batch;
    struct pc_mark row; /* the row being parsed */
    struct pc_vec labels; /* struct pc_label */
    bool header_done, eof;
    pc_status fatal;
    unsigned long line;      /* newlines passed, as libcsv reports them */
    unsigned long row_line;  /* line the current row starts on; 0: none yet */
    unsigned long chunk_line; /* newlines before the current chunk */
    unsigned long recno;
    /* Rows as the dialect counts them: every row, blank lines too (a CR
     * LF pair is one line end); `content` leaves out commentChar rows,
     * for headerRows (a comment above the header is no header row). */
    unsigned long rowno, content;
    bool after_cr;
    /* header rows: the cells of the row being read, and the labels
     * they make */
    struct pc_buf hdr_text;
    struct pc_vec hdr_cells; /* struct hdr_cell */
    struct pc_header_join join;
    bool header_hinted; /* a warning about the header's layout was given */
};

struct hdr_cell {
    size_t off, len;
};

static unsigned long newlines(const char *s, size_t n)
{
    unsigned long k = 0;
    for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++) k++;
    return k;
}

static void add_label(struct csv_reader *r, const char *s, size_t len)
{
    struct pc_label *l = pc_vec_push(&r->labels);
    if (!l || !(l->name = pc_strndup(s, len))) {
        if (l) r->labels.len--;
        r->fatal = PC_ENOMEM;
        return;
    }
    l->line = r->row_line;
    l->column = r->labels.len; /* a cell's label is its column */
}

static pc_status too_big(struct csv_reader *r, unsigned long line)
{
    return r->fatal = pc_reader_too_large(r->ctx.sink, line, r->recno + 1, r->ctx.max_field_size);
}

/* Whether a field holds a line end: inline, 8 bytes at a time, as fields
 * are short and a memchr call per field costs more than the scan. */
static bool has_newline(const void *p, size_t n)
{
    const char *s = p;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        x ^= 0x0A0A0A0A0A0A0A0Aull;
        if (PC_HAS_ZERO_BYTE(x)) return true;
    }
    for (; i < n; i++)
        if (s[i] == '\n') return true;
    return false;
}

/* A cell of a row above the data: kept until the row ends. */
static void add_header_cell(struct csv_reader *r, const char *s, size_t len)
{
    struct hdr_cell *c = pc_vec_push(&r->hdr_cells);
    if (!c || pc_buf_append(&r->hdr_text, s, len)) {
        r->fatal = PC_ENOMEM;
        return;
    }
    c->off = r->hdr_text.len - len;
    c->len = len;
}

static void on_field(void *s, size_t len, void *data)
{
    struct csv_reader *r = data;
    if (r->fatal) return;
    if (!r->row_line) r->row_line = r->line + 1;
    if (len > r->ctx.max_field_size) {
        too_big(r, r->row_line);
        return;
    }
    if (!r->header_done) {
        add_header_cell(r, s, len);
    } else {
        /* the common case inline: room for the cell and the text (with
         * its NUL) is there, so no call, no zeroing, one copy */
        struct pc_vec *cells = &r->batch.cells;
        struct pc_buf *text = &r->batch.text;
        struct pc_cell *c = cells->len < cells->cap
                                ? &PC_VEC_AT(cells, struct pc_cell, cells->len++)
                                : pc_vec_push(cells);
        if (!c || (text->cap - text->len <= len && pc_buf_reserve(text, len + 1))) {
            r->fatal = PC_ENOMEM;
            return;
        }
        size_t off = text->len;
        if (len) memcpy(text->data + off, s, len);
        text->len += len;
        text->data[text->len] = '\0';
        uint32_t type = PC_T_STRING;
        if (r->d->has_null_sequence && strcmp(text->data + off, r->d->null_sequence) == 0)
            type = PC_T_NULL;
        *c = (struct pc_cell){.label = (uint32_t)(cells->len - 1 - r->row.cell),
                              .v = {.type = type, .len = (uint32_t)len, .off = off}};
    }
    if (has_newline(s, len)) r->line += newlines(s, len);
}

/* The header's labels are checked against the schema by the pipeline
 * (blank, duplicate, missing, extra labels, as fieldsMatch says), and row
 * checking goes on. One case stops here: when the kind is to be guessed
 * from a header that names one column of many, the first row is a title,
 * as spreadsheets export them, and no kind can be guessed from it. */
static void check_header(struct csv_reader *r)
{
    r->header_done = true;
    if (r->ctx.schema) return;
    size_t named = 0;
    for (size_t i = 0; i < r->labels.len; i++)
        named += PC_VEC_AT(&r->labels, struct pc_label, i).name[0] != '\0';
    if (named == 1 && r->labels.len > 2)
        r->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "blank-label", r->row_line, 0,
                                   "the first row names one column of %zu: it looks like a "
                                   "title; the header must be the first row",
                                   r->labels.len);
}

/* Whether the row (first cell s) is a comment the dialect skips. */
static bool is_comment(const struct csv_reader *r, const char *first, size_t len)
{
    const char *cc = r->d->comment_char;
    return *cc && first && len >= strlen(cc) && memcmp(first, cc, strlen(cc)) == 0;
}

/* One header row's cells become part of each label (header_join.c). */
static void merge_header_row(struct csv_reader *r)
{
    size_t n = r->hdr_cells.len;
    const char **cells = malloc((n ? n : 1) * sizeof *cells);
    size_t *lens = malloc((n ? n : 1) * sizeof *lens);
    for (size_t i = 0; cells && lens && i < n; i++) {
        const struct hdr_cell *c = &PC_VEC_AT(&r->hdr_cells, struct hdr_cell, i);
        cells[i] = r->hdr_text.data + c->off;
        lens[i] = c->len;
    }
    if (!cells || !lens || pc_header_join_row(&r->join, cells, lens, n)) r->fatal = PC_ENOMEM;
    free(cells);
    free(lens);
}

/* Labels for a table without a header: field1, field2 ... as
 * Frictionless names them, as many as the first record has cells. */
static void number_labels(struct csv_reader *r, size_t n)
{
    for (size_t i = r->labels.len; i < n && !r->fatal; i++) {
        char name[32];
        int k = snprintf(name, sizeof name, "field%zu", i + 1);
        add_label(r, name, (size_t)k);
    }
}

/* A row above the data ended: a comment, a header row, or a row the
 * header rows leave out (reported). */
static void end_header_row(struct csv_reader *r)
{
    const struct pc_dialect *d = r->d;
    const struct hdr_cell *c0 =
        r->hdr_cells.len ? &PC_VEC_AT(&r->hdr_cells, struct hdr_cell, 0) : NULL;
    const char *first = c0 ? r->hdr_text.data + c0->off : NULL;
    bool comment = c0 && is_comment(r, first, c0->len);
    if (!comment) r->content++;
    if (comment || pc_dialect_row_listed(d->comment_rows, d->ncomment_rows, r->rowno)) {
        /* skipped as the dialect says */
    } else if (pc_dialect_row_listed(d->header_rows, d->nheader_rows, r->content)) {
        struct pc_row_gist g = {0};
        for (size_t i = 0; i < r->hdr_cells.len; i++)
            pc_row_gist_add(&g, r->hdr_text.data + PC_VEC_AT(&r->hdr_cells, struct hdr_cell, i).off,
                            PC_VEC_AT(&r->hdr_cells, struct hdr_cell, i).len);
        if (!d->header_rows_given && !*d->comment_char)
            r->header_hinted = pc_hint_header_row(r->ctx.sink, r->row_line, &g);
        if (!d->header_rows_given && !r->header_hinted && g.nonempty == 1 && g.ncells > 2) {
            pc_hint_title_row(r->ctx.sink, r->row_line, &g);
            r->header_hinted = true;
        }
        merge_header_row(r);
    } else if (r->row_line) {
        struct pc_error e = {.code = PC_OK, .type = "skipped-row", .line = r->row_line,
                             .severity = PC_SEV_WARNING};
        pc_report(r->ctx.sink, &e, "row %lu is above the header rows and is skipped", r->rowno);
    }
    r->hdr_cells.len = r->hdr_text.len = 0;
    if (r->content < d->header_rows[d->nheader_rows - 1] || r->fatal) return;
    for (size_t i = 0; i < r->join.n && !r->fatal; i++) {
        const char *name = pc_header_join_label(&r->join, i);
        add_label(r, name, strlen(name));
    }
    if (!r->fatal) check_header(r);
}

/* Counts the row that just ended, as the dialect numbers rows; false
 * for the LF of a CR LF pair, which ends no row. */
static bool count_row(struct csv_reader *r, int c)
{
    bool blank_lf = !r->row_line && c == '\n' && r->after_cr;
    r->after_cr = c == '\r';
    if (blank_lf || !(r->row_line || c == '\n' || c == '\r')) return false;
    r->rowno++;
    return true;
}

static void end_data_row(struct csv_reader *r)
{
    size_t ncells = r->batch.cells.len - r->row.cell;
    const struct pc_value *v0 =
        ncells ? &PC_VEC_AT(&r->batch.cells, struct pc_cell, r->row.cell).v : NULL;
    const struct pc_dialect *d = r->d;
    if ((v0 && is_comment(r, pc_value_text(&r->batch, v0), v0->len)) ||
        pc_dialect_row_listed(d->comment_rows, d->ncomment_rows, r->rowno)) {
        r->batch.cells.len = r->row.cell; /* skipped as the dialect says */
        return;
    }
    if (!d->header) number_labels(r, ncells);
    struct pc_row *row = pc_vec_push(&r->batch.rows);
    if (!row) {
        r->fatal = PC_ENOMEM;
        return;
    }
    row->first_cell = r->row.cell;
    row->ncells = ncells;
    row->line = r->row_line;
    row->recno = ++r->recno;
    /* the first few non-empty cells tell a footnote or a total: a row
     * costs no more than that */
    struct pc_row_gist g = {0};
    for (size_t i = 0; i < ncells && g.nonempty < PC_GIST_CELLS; i++) {
        const struct pc_value *v = &PC_VEC_AT(&r->batch.cells, struct pc_cell, row->first_cell + i).v;
        pc_row_gist_add(&g, pc_value_text(&r->batch, v), v->len);
    }
    g.ncells = ncells;
    /* a one-cell "header" over wider rows was a title (a blank row may
     * come between them) */
    if (row->recno <= 5 && d->header && !d->header_rows_given && !r->header_hinted &&
        r->labels.len == 1 && g.ncells >= 3) {
        pc_hint_title_row(r->ctx.sink, PC_VEC_AT(&r->labels, struct pc_label, 0).line, &g);
        r->header_hinted = true;
    }
    pc_hint_data_row(r->ctx.sink, row->line, row->recno, &g);
}

/* Every row is handed on with all its cells, however many: the pipeline
 * reports missing and extra cells against the fields it expects. An empty
 * line is a row of no cells (a blank row), but for the LF of a CRLF and
 * the end of the input. */
static void on_row(int c, void *data)
{
    struct csv_reader *r = data;
    if (r->fatal) return;
    bool counted = count_row(r, c);
    if (!r->header_done) {
        if (counted) end_header_row(r);
    } else if (counted) {
        if (!r->row_line) r->row_line = r->line + 1; /* an empty line: a blank row */
        end_data_row(r);
    }
    if (c == '\n') r->line++;
    r->row_line = 0;
    r->row = pc_batch_mark(&r->batch);
}

static size_t parse(struct csv_reader *r, const char *p, size_t n)
{
    if (r->use_tok) return pc_csvtok_parse(&r->tok, p, n, on_field, on_row, r);
    return pc_csvplain_parse(&r->plain, &r->parser, p, n, on_field, on_row, r);
}

static pc_status parse_chunk(struct csv_reader *r)
{
    const char *p;
    size_t n;
    pc_status st = pc_istream_next(r->ctx.in, &p, &n);
    if (st) return st;
    if (n == 0) {
        r->eof = true;
        int rc = r->use_tok ? pc_csvtok_fini(&r->tok, on_field, on_row, r)
                            : csv_fini(&r->parser, on_field, on_row, r);
        if (rc != 0)
            return pc_reader_error(r->ctx.sink, PC_INVALID, "format-error",
                                   r->row_line ? r->row_line : r->line + 1, r->recno + 1,
                                   "a quoted field is not closed before the end of the file");
        return r->fatal;
    }
    size_t done = parse(r, p, n);
    if (r->fatal) return r->fatal;
    if (done < n) {
        if (r->use_tok ? r->tok.fatal != PC_OK
                       : r->plain.fatal || csv_error(&r->parser) == CSV_ENOMEM)
            return PC_ENOMEM;
        return pc_reader_error(r->ctx.sink, PC_INVALID, "format-error",
                               r->chunk_line + newlines(p, done) + 1, r->recno + 1,
                               "a double quote is misplaced: quote the whole cell and double "
                               "the quotes inside it");
    }
    r->chunk_line += newlines(p, n);
    /* a field still open at the chunk's end: its row starts after the
     * last line end libcsv reported, unless a field of it was done */
    size_t open = r->use_tok ? pc_csvtok_pending(&r->tok) : r->parser.entry_pos;
    if (open > r->ctx.max_field_size) return too_big(r, r->row_line ? r->row_line : r->line + 1);
    return PC_OK;
}

static pc_status csv_next(struct pc_reader *base, struct pc_record *rec)
{
    struct csv_reader *r = (struct csv_reader *)base;
    for (;;) {
        if (pc_batch_take(&r->batch, rec) == PC_OK) return PC_OK;
        if (r->fatal) return r->fatal;
        if (r->eof) return PC_END;
        pc_batch_restart(&r->batch, &r->row);
        pc_status st = parse_chunk(r);
        if (st) return r->fatal = st;
    }
}

static size_t csv_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct csv_reader *r = (struct csv_reader *)base;
    *labels = r->labels.data;
    return r->header_done ? r->labels.len : 0;
}

static void csv_reader_free(struct pc_reader *base)
{
    struct csv_reader *r = (struct csv_reader *)base;
    csv_free(&r->parser);
    pc_csvplain_free(&r->plain);
    pc_csvtok_free(&r->tok);
    pc_batch_free(&r->batch);
    for (size_t i = 0; i < r->labels.len; i++)
        free(PC_VEC_AT(&r->labels, struct pc_label, i).name);
    pc_vec_free(&r->labels);
    pc_buf_free(&r->hdr_text);
    pc_vec_free(&r->hdr_cells);
    pc_header_join_free(&r->join);
    free(r);
}

static const struct pc_reader_ops csv_reader_ops = {csv_next, csv_labels, csv_reader_free};

/* RFC 4180: spaces are part of a field (libcsv would trim unquoted ones) */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Counts `delim` outside quotes on each complete line of head (up to 5). */
static size_t count_per_line(const char *head, size_t n, char delim, size_t *counts)
{
    size_t lines = 0, count = 0;
    bool quoted = false;
    for (size_t i = 0; i < n && lines < 5; i++) {
        char c = head[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == delim) count++;
        if (c == '\n') counts[lines++] = count, count = 0;
    }
    return lines;
}

/* The delimiter of a .csv that says none, as Python's csv.Sniffer would
 * find it: a comma unless the comma's count varies from line to line and
 * that of ; | or tab does not (it is then the most frequent). */
static char sniff_delimiter(const char *head, size_t n)
{
    static const char candidates[] = {',', ';', '|', '\t'};
    char best = ',';
    size_t best_count = 0;
    for (size_t k = 0; k < sizeof candidates; k++) {
        size_t counts[5], lines = count_per_line(head, n, candidates[k], counts);
        bool same = lines > 0 && counts[0] > 0;
        for (size_t i = 1; same && i < lines; i++) same = counts[i] == counts[0];
        if (!same) continue;
        if (candidates[k] == ',') return ',';
        if (counts[0] > best_count) best = candidates[k], best_count = counts[0];
    }
    return best;
}

/* Caller frees *out with its ops->free. */
static pc_status reader_new(const struct pc_read_ctx *ctx, unsigned char delim,
                            struct pc_reader **out)
{
    struct pc_dialect *d = ctx->dialect;
    if (d->delimiter < 0 && delim == ',') {
        const char *head;
        size_t n;
        pc_status st = pc_istream_peek(ctx->in, &head, &n);
        if (st) return st;
        d->delimiter = (unsigned char)sniff_delimiter(head, n);
    }
    struct csv_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    /* REPALL_NL reports every line end, so blank lines keep the count. */
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
        free(r);
        return PC_ENOMEM;
    }
    if (d->delimiter >= 0) delim = (unsigned char)d->delimiter;
    unsigned char quote = d->quote_char >= 0 ? (unsigned char)d->quote_char : '"';
    /* libcsv (the fast path) knows no escape character, no undoubled
     * quotes and trims trailing spaces with leading ones */
    r->use_tok = d->escape_char >= 0 || !d->double_quote || d->skip_initial_space;
    pc_csvtok_init(&r->tok, delim, quote, d->escape_char, d->double_quote, d->skip_initial_space);
    csv_set_delim(&r->parser, delim);
    csv_set_quote(&r->parser, quote);
    csv_set_space_func(&r->parser, no_space);
    pc_csvplain_init(&r->plain, &r->parser);
    /* libcsv grows a field's buffer by this much at a time: its 128-byte
     * default makes a 16 MB field take 128K reallocs, quadratic where
     * realloc copies (ASan, other mallocs) */
    csv_set_blk_size(&r->parser, 1u << 20);
    r->base.ops = &csv_reader_ops;
    r->ctx = *ctx;
    r->d = d;
    r->header_done = !d->header;
    r->join.join = d->header_join;
    pc_batch_init(&r->batch);
    pc_vec_init(&r->hdr_cells, sizeof(struct hdr_cell));
    pc_vec_init(&r->labels, sizeof(struct pc_label));
    *out = &r->base;
    return PC_OK;
}

static pc_status csv_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    return reader_new(ctx, ',', out);
}

static pc_status tsv_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    return reader_new(ctx, '\t', out);
}

/* ---- writer ------------------------------------------------------------ */

struct csv_writer {
    struct pc_writer base;
    struct pc_write_ctx ctx;
    char delim;
    const char *eol;
    size_t eol_len;
};

/* Whether s holds a byte that forces quoting: the delimiter, '"', CR or
 * LF. */
static bool needs_quotes(const struct csv_writer *w, const char *s, size_t n)
{
    return pc_csv_find_special(s, n, (unsigned char)w->delim, '"') < n;
}

static void write_quoted_part(struct pc_ostream *o, const char *s, size_t n)
{
    const char *q;
    while ((q = memchr(s, '"', n))) {
        size_t k = (size_t)(q - s) + 1;
        pc_out_write(o, s, k);
        pc_out_write(o, "\"", 1);
        s += k;
        n -= k;
    }
    pc_out_write(o, s, n);
}

bool pc_csv_is_formula(const char *s, size_t n)
{
    if (n == 0 || !s[0] || !strchr("=+-@\t\r", s[0])) return false;
    if (s[0] != '+' && s[0] != '-') return true;
    size_t i = 1;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) i++;
    return i < n || i == 1;
}

static void write_text(struct csv_writer *w, const char *s, size_t n)
{
    struct pc_ostream *o = w->ctx.out;
    bool guard = w->ctx.excel && pc_csv_is_formula(s, n);
    if (!needs_quotes(w, s, n)) {
        if (guard) pc_out_write(o, "'", 1);
        pc_out_write(o, s, n);
        return;
    }
    pc_out_write(o, "\"", 1);
    if (guard) pc_out_write(o, "'", 1);
    write_quoted_part(o, s, n);
    pc_out_write(o, "\"", 1);
}

/* An array is one cell, its items joined by the field's separator. */
static void write_cell(struct csv_writer *w, const struct pc_batch *b, const struct pc_value *v,
                       const struct pc_field *f)
{
    struct pc_ostream *o = w->ctx.out;
    json_t *spelled = v->type != PC_T_BOOLEAN ? NULL
                      : v->len == 4           ? f->true_values
                                              : f->false_values;
    if (json_array_size(spelled)) { /* a boolean as the field writes it: its first true/false value */
        json_t *first = json_array_get(spelled, 0);
        write_text(w, json_string_value(first), json_string_length(first));
        return;
    }
    if (v->type != PC_T_ARRAY) {
        write_text(w, pc_value_text(b, v), v->len);
        return;
    }
    bool quote = false;
    for (uint32_t i = 0; i < v->len && !quote; i++) {
        const struct pc_value *it = pc_value_item(b, v, i);
        quote = needs_quotes(w, pc_value_text(b, it), it->len);
    }
    const char *sep = f->separator ? f->separator : ";";
    if (quote) pc_out_write(o, "\"", 1);
    if (v->len && w->ctx.excel &&
        pc_csv_is_formula(pc_value_text(b, pc_value_item(b, v, 0)), pc_value_item(b, v, 0)->len))
        pc_out_write(o, "'", 1);
    for (uint32_t i = 0; i < v->len; i++) {
        const struct pc_value *it = pc_value_item(b, v, i);
        if (i) pc_out_str(o, sep);
        if (quote)
            write_quoted_part(o, pc_value_text(b, it), it->len);
        else
            pc_out_write(o, pc_value_text(b, it), it->len);
    }
    if (quote) pc_out_write(o, "\"", 1);
}

static pc_status csv_write_record(struct pc_writer *base, const struct pc_record *rec)
{
    struct csv_writer *w = (struct csv_writer *)base;
    const struct pc_schema *s = w->ctx.schema;
    size_t start = w->ctx.out->buf.len;
    for (size_t i = 0; i < s->nfields; i++) {
        if (i) pc_out_byte(w->ctx.out, w->delim);
        int slot = rec->slot[i];
        if (slot < 0) continue;
        const struct pc_value *v = &pc_record_cell(rec, (size_t)slot)->v;
        if (v->type != PC_T_NULL && v->type != PC_T_ABSENT)
            write_cell(w, rec->batch, v, &s->fields[i]);
    }
    /* an empty line would be read back as no record at all */
    if (w->ctx.out->buf.len == start) pc_out_write(w->ctx.out, "\"\"", 2);
    pc_out_write(w->ctx.out, w->eol, w->eol_len);
    pc_out_maybe_flush(w->ctx.out);
    return w->ctx.out->status;
}

static pc_status csv_finish_output(struct pc_writer *base)
{
    return ((struct csv_writer *)base)->ctx.out->status;
}

static void csv_writer_free(struct pc_writer *base)
{
    free(base);
}

static const struct pc_writer_ops csv_writer_ops = {csv_write_record, csv_finish_output, csv_writer_free};

static pc_status writer_new(const struct pc_write_ctx *ctx, char delim, struct pc_writer **out)
{
    struct csv_writer *w = calloc(1, sizeof *w);
    if (!w) return PC_ENOMEM;
    w->base.ops = &csv_writer_ops;
    w->ctx = *ctx;
    w->delim = delim;
    w->eol = ctx->excel ? "\r\n" : "\n";
    w->eol_len = strlen(w->eol);
    struct pc_ostream *o = ctx->out;
    if (ctx->excel) pc_out_write(o, "\xEF\xBB\xBF", 3);
    for (size_t i = 0; i < ctx->schema->nfields; i++) {
        const char *name = ctx->schema->fields[i].name;
        if (i) pc_out_write(o, &delim, 1);
        write_text(w, name, strlen(name));
    }
    pc_out_write(o, w->eol, w->eol_len);
    *out = &w->base;
    return PC_OK;
}

/* The wide option picks the wide writer (formats/csv_wide.c). */
static pc_status pick_writer(const struct pc_write_ctx *ctx, const char *format, char delim,
                             struct pc_writer **out)
{
    bool wide = false;
    pc_status st = pc_format_option_bool(ctx->options, format, "wide", ctx->sink, &wide);
    if (st) return st;
    return wide ? pc_csv_wide_writer_new(ctx, delim, out) : writer_new(ctx, delim, out);
}

static pc_status csv_writer_new(const struct pc_write_ctx *ctx, struct pc_writer **out)
{
    return pick_writer(ctx, "csv", ',', out);
}

static pc_status tsv_writer_new(const struct pc_write_ctx *ctx, struct pc_writer **out)
{
    return pick_writer(ctx, "tsv", '\t', out);
}

/* ---- probe ------------------------------------------------------------- */

/* Counts `delim` on the first lines: the same non-zero count on each is
 * a table. */
static int probe_delim(const char *head, size_t n, char delim)
{
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\r' || head[i] == '\n')) i++;
    if (i < n && (head[i] == '{' || head[i] == '[' || head[i] == '<')) return 0;
    long first = -1;
    int lines = 0, same = 0;
    long count = 0;
    bool quoted = false;
    for (; i < n && lines < 5; i++) {
        char c = head[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == delim) count++;
        if (c == '\n') {
            if (first < 0) first = count;
            else if (count == first) same++;
            lines++;
            count = 0;
        }
    }
    if (first <= 0) return 0;
    return same == lines - 1 ? 60 : 30;
}

static int csv_probe(const char *head, size_t n)
{
    return probe_delim(head, n, ',');
}

static int tsv_probe(const char *head, size_t n)
{
    return probe_delim(head, n, '\t');
}

static const char *const csv_ext[] = {"csv", NULL};
static const char *const tsv_ext[] = {"tsv", "tab", NULL};

static const char *const wide_keys[] = {"wide", NULL};
const struct pc_format pc_format_csv = {"csv",     "text/csv", PC_FORMAT_TABULAR, csv_ext, wide_keys,
                                        csv_probe, csv_reader_new, csv_writer_new};
const struct pc_format pc_format_tsv = {"tsv",     "text/tab-separated-values", PC_FORMAT_TABULAR, tsv_ext, wide_keys,
                                        tsv_probe, tsv_reader_new, tsv_writer_new};
