/* The dialect tokenizer (see csv_tok.h). A byte at a time: it is used
 * only where a dialect asks for what libcsv's fast path cannot do. */
#include "csv_tok.h"

#include <stdlib.h>

enum {
    START_FIELD,     /* at the start of a cell */
    IN_FIELD,        /* in an unquoted cell */
    IN_QUOTED,       /* in a quoted cell */
    QUOTE_IN_QUOTED, /* a quote in a quoted cell: doubled, or its end */
    AFTER_QUOTED,    /* after a quoted cell's closing quote (doubleQuote false) */
    ESCAPED,         /* after the escape character, unquoted */
    ESCAPED_QUOTED   /* after the escape character, quoted */
};

void pc_csvtok_init(struct pc_csvtok *t, int delim, int quote, int escape, bool double_quote,
                    bool skip_space)
{
    *t = (struct pc_csvtok){.delim = delim,
                            .quote = quote,
                            .escape = escape,
                            .double_quote = double_quote,
                            .skip_space = skip_space};
}

static void add(struct pc_csvtok *t, int c)
{
    char b = (char)c;
    if (!t->fatal && pc_buf_append(&t->field, &b, 1)) t->fatal = PC_ENOMEM;
}

static void end_field(struct pc_csvtok *t, pc_csvtok_field_fn on_field, void *data)
{
    if (t->fatal) return;
    /* NUL-terminated, as libcsv's callers may read one past the end */
    if (pc_buf_reserve(&t->field, 1)) {
        t->fatal = PC_ENOMEM;
        return;
    }
    t->field.data[t->field.len] = '\0';
    on_field(t->field.data, t->field.len, data);
    t->field.len = 0;
    t->row_open = true;
    t->state = START_FIELD;
}

static void end_row(struct pc_csvtok *t, int c, pc_csvtok_field_fn on_field,
                    pc_csvtok_row_fn on_row, void *data)
{
    /* a line end with nothing before it is a blank line: a row end only */
    if (t->row_open || t->state != START_FIELD) end_field(t, on_field, data);
    on_row(c, data);
    t->row_open = false;
    t->state = START_FIELD;
}

static bool is_end(int c)
{
    return c == '\n' || c == '\r';
}

size_t pc_csvtok_parse(struct pc_csvtok *t, const char *p, size_t n, pc_csvtok_field_fn on_field,
                       pc_csvtok_row_fn on_row, void *data)
{
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)p[i]; /* compared with -1 (none) as well */
        if (t->fatal) return i;
        switch (t->state) {
        case START_FIELD:
            if (is_end(c))
                end_row(t, c, on_field, on_row, data);
            else if (c == t->quote)
                t->state = IN_QUOTED, t->row_open = true;
            else if (c == t->escape)
                t->state = ESCAPED, t->row_open = true;
            else if (c == t->delim)
                end_field(t, on_field, data);
            else if (c == ' ' && t->skip_space)
                t->row_open = true;
            else
                add(t, c), t->state = IN_FIELD;
            break;
        case IN_FIELD:
            if (is_end(c))
                end_row(t, c, on_field, on_row, data);
            else if (c == t->escape)
                t->state = ESCAPED;
            else if (c == t->delim)
                end_field(t, on_field, data);
            else
                add(t, c); /* a quote inside an unquoted cell is text, as in Python */
            break;
        case ESCAPED:
            add(t, c), t->state = IN_FIELD;
            break;
        case ESCAPED_QUOTED:
            add(t, c), t->state = IN_QUOTED;
            break;
        case IN_QUOTED:
            if (c == t->escape)
                t->state = ESCAPED_QUOTED;
            else if (c == t->quote)
                t->state = t->double_quote ? QUOTE_IN_QUOTED : AFTER_QUOTED;
            else
                add(t, c);
            break;
        case QUOTE_IN_QUOTED:
            if (c == t->quote) {
                add(t, c);
                t->state = IN_QUOTED;
                break;
            }
            /* the quote closed the cell */
            __attribute__((fallthrough));
        case AFTER_QUOTED:
            if (is_end(c))
                end_row(t, c, on_field, on_row, data);
            else if (c == t->delim)
                end_field(t, on_field, data);
            else
                return i;
            break;
        }
    }
    return t->fatal ? 0 : n;
}

int pc_csvtok_fini(struct pc_csvtok *t, pc_csvtok_field_fn on_field, pc_csvtok_row_fn on_row,
                   void *data)
{
    if (t->state == IN_QUOTED || t->state == ESCAPED_QUOTED) return -1;
    if (t->row_open || t->state != START_FIELD) end_row(t, -1, on_field, on_row, data);
    return 0;
}

void pc_csvtok_free(struct pc_csvtok *t)
{
    pc_buf_free(&t->field);
}
