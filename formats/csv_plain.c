/* The CSV reader's fast path beside libcsv (csv_plain.h). */
#include "csv_plain.h"

#include <string.h>

/* A cell of the row being split: its text in the chunk, from `off`. */
struct pc_csvplain_cell {
    size_t off, len;
    bool doubled; /* quoted, with "" inside */
};

void pc_csvplain_init(struct pc_csvplain *f, const struct csv_parser *p)
{
    *f = (struct pc_csvplain){
        .delim = p->delim_char, .quote = p->quote_char, .row_state = p->pstate};
    /* a dialect whose delimiter is its quote or a line end is libcsv's */
    f->on = f->delim != f->quote && f->delim != '\r' && f->delim != '\n' && f->quote != '\r' &&
            f->quote != '\n';
    pc_vec_init(&f->cells, sizeof(struct pc_csvplain_cell));
}

void pc_csvplain_free(struct pc_csvplain *f)
{
    pc_vec_free(&f->cells);
    pc_buf_free(&f->undoubled);
}

size_t pc_csv_find_special(const char *s, size_t n, unsigned char delim, unsigned char quote)
{
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t d = ones * delim, q = ones * quote, r = ones * '\r', l = ones * '\n';
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* the lowest flagged byte of each test is exact, so is their or's */
        uint64_t m = PC_HAS_ZERO_BYTE(x ^ d) | PC_HAS_ZERO_BYTE(x ^ q) | PC_HAS_ZERO_BYTE(x ^ r) |
                     PC_HAS_ZERO_BYTE(x ^ l);
        if (m) return i + (size_t)__builtin_ctzll(m) / 8; /* little-endian: lowest address */
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == delim || c == quote || c == '\r' || c == '\n') break;
    }
    return i;
}

/* The end of the quoted cell whose opening quote is at s[j]: the index
 * of its closing quote, with *doubled set if quotes are doubled inside;
 * 0 when the chunk ends first (or with a quote that may be doubled by
 * the next chunk's first byte). */
static size_t closing_quote(const struct pc_csvplain *f, const char *s, size_t n, size_t j,
                            bool *doubled)
{
    for (size_t k = j + 1;;) {
        const char *q = memchr(s + k, f->quote, n - k);
        if (!q) return 0;
        size_t at = (size_t)(q - s);
        if (at + 1 == n) return 0;
        if ((unsigned char)s[at + 1] != f->quote) return at;
        *doubled = true;
        k = at + 2;
    }
}

static void emit_row(struct pc_csvplain *f, const char *s, int end, pc_csv_field_fn on_field,
                     pc_csv_row_fn on_row, void *data)
{
    for (size_t i = 0; i < f->cells.len; i++) {
        const struct pc_csvplain_cell *c = &PC_VEC_AT(&f->cells, struct pc_csvplain_cell, i);
        if (!c->doubled) { /* libcsv's own callbacks take a non-const buffer */
            on_field((void *)(s + c->off), c->len, data);
            continue;
        }
        f->undoubled.len = 0;
        if (pc_buf_reserve(&f->undoubled, c->len + 1)) {
            f->fatal = PC_ENOMEM;
            return;
        }
        for (size_t k = c->off; k < c->off + c->len; k++) {
            f->undoubled.data[f->undoubled.len++] = s[k];
            if ((unsigned char)s[k] == f->quote) k++;
        }
        on_field(f->undoubled.data, f->undoubled.len, data);
    }
    on_row(end, data);
}

/* Splits the rows at the start of s[0..n) that libcsv would read without
 * a question; returns where the first other row starts (n: none). */
static size_t split_rows(struct pc_csvplain *f, const char *s, size_t n, pc_csv_field_fn on_field,
                         pc_csv_row_fn on_row, void *data)
{
    size_t row = 0;
    while (row < n && !f->fatal) {
        unsigned char c = (unsigned char)s[row];
        if (c == '\r' || c == '\n') { /* a line end before any cell: libcsv reports it alone */
            on_row(c, data);
            row++;
            continue;
        }
        f->cells.len = 0;
        size_t j = row;
        for (;;) {
            struct pc_csvplain_cell cell = {0};
            if (c == f->quote) {
                size_t close = closing_quote(f, s, n, j, &cell.doubled);
                if (!close) return row;
                cell.off = j + 1;
                cell.len = close - j - 1;
                j = close + 1;
                c = (unsigned char)s[j];
                if (c != f->delim && c != '\r' && c != '\n') return row; /* libcsv's: an error */
            } else {
                size_t k = j + pc_csv_find_special(s + j, n - j, f->delim, f->quote);
                if (k == n || (unsigned char)s[k] == f->quote) return row;
                cell.off = j;
                cell.len = k - j;
                j = k;
                c = (unsigned char)s[j];
            }
            struct pc_csvplain_cell *slot = pc_vec_push(&f->cells);
            if (!slot) {
                f->fatal = PC_ENOMEM;
                return row;
            }
            *slot = cell;
            if (c != f->delim) break; /* a line end: the row is whole */
            if (++j == n) return row;
            c = (unsigned char)s[j];
        }
        emit_row(f, s, c, on_field, on_row, data);
        row = j + 1;
    }
    return row;
}

size_t pc_csvplain_parse(struct pc_csvplain *f, struct csv_parser *p, const char *s, size_t n,
                         pc_csv_field_fn on_field, pc_csv_row_fn on_row, void *data)
{
    size_t done = 0;
    while (done < n && !f->fatal) {
        if (f->on && p->pstate == f->row_state && p->entry_pos == 0) {
            done += split_rows(f, s + done, n - done, on_field, on_row, data);
            if (done == n || f->fatal) break;
        }
        /* libcsv up to the next line end, where it may end the row */
        const char *lf = memchr(s + done, '\n', n - done);
        size_t k = lf ? (size_t)(lf - s) + 1 - done : n - done;
        size_t took = csv_parse(p, s + done, k, on_field, on_row, data);
        done += took;
        if (took < k) break;
    }
    return done;
}
