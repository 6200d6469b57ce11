/* The CSV reader: RFC 4180 quoting, line numbers, ragged rows. */
#include "util.h"

#include "formats/csv_tok.h"

static void test_quotes_and_newlines(void **state)
{
    (void)state;
    const char data[] = "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\r\n\"multi\nline\",2,3";
    struct fixture f;
    assert_int_equal(open_reader(&f, "csv", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.ncells, 3);
    assert_int_equal(r.line, 2);
    assert_string_equal(cell_text(&r, 0), "x,1");
    assert_string_equal(cell_text(&r, 1), "he said \"hi\"");
    assert_string_equal(cell_text(&r, 2), "");
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.line, 3);
    assert_string_equal(cell_text(&r, 0), "multi\nline");
    assert_string_equal(cell_text(&r, 2), "3"); /* no newline at the end */
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    const struct pc_label *labels;
    assert_int_equal(f.reader->ops->labels(f.reader, &labels), 3);
    assert_string_equal(labels[2].name, "c");
    assert_int_equal(labels[2].line, 1);
    assert_int_equal(f.errs.len, 0);
    close_reader(&f);
}

/* An empty line is a row of no cells (the pipeline reports it as a blank
 * row), with its own line and record number; a CRLF is one line end. */
static void test_blank_lines_keep_line_numbers(void **state)
{
    (void)state;
    const char data[] = "a,b\r\n\r\n1,\"x\ny\"\n\n2,3\r\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "csv", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    const unsigned long lines[] = {2, 3, 5, 6}, cells[] = {0, 2, 0, 2};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
        assert_int_equal(r.line, lines[i]);
        assert_int_equal(r.recno, i + 1);
        assert_int_equal(r.ncells, cells[i]);
    }
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    close_reader(&f);
}

/* A row keeps all its cells, however many the header has: the pipeline
 * reports each missing or extra cell against the fields. */
static void test_ragged_row_keeps_its_cells(void **state)
{
    (void)state;
    const char data[] = "a,b\n1\n1,2,3\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "csv", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.ncells, 1);
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.ncells, 3);
    assert_string_equal(cell_text(&r, 2), "3");
    assert_int_equal(pc_record_cell(&r, 2)->label, 2);
    assert_int_equal(f.errs.len, 0);
    close_reader(&f);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    const char data[] = "a,b\n1,2\n3,\"open\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "csv", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_INVALID);
    assert_string_equal(f.errs.text,
                        "3:format-error:a quoted field is not closed before the end of the file\n");
    close_reader(&f);
}

/* Rows spanning many chunks: records keep their text across batch restarts. */
static void test_many_chunks(void **state)
{
    (void)state;
    size_t rows = 60000;
    char *data = malloc(rows * 32 + 16);
    size_t n = (size_t)sprintf(data, "id,text\n");
    for (size_t i = 0; i < rows; i++)
        n += (size_t)sprintf(data + n, "%zu,\"row %zu\nsecond line\"\n", i, i);
    struct fixture f;
    assert_int_equal(open_reader(&f, "csv", data, n, NULL), PC_OK);
    struct pc_record r;
    char want[64];
    for (size_t i = 0; i < rows; i++) {
        assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
        assert_int_equal(r.line, 2 + 2 * i);
        sprintf(want, "row %zu\nsecond line", i);
        assert_string_equal(cell_text(&r, 1), want);
    }
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    close_reader(&f);
    free(data);
}

static void test_tsv(void **state)
{
    (void)state;
    const char data[] = "a\tb\nx,y\tz\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "tsv", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_string_equal(cell_text(&r, 0), "x,y");
    assert_string_equal(cell_text(&r, 1), "z");
    close_reader(&f);
}

/* The dialect tokenizer fed one byte at a time: its state carries over
 * every chunk boundary (an escape, a quote pair, a CR LF). */
struct tok_out {
    char text[256];
    size_t len, rows;
};

static void tok_field(void *s, size_t len, void *data)
{
    struct tok_out *o = data;
    o->len += (size_t)snprintf(o->text + o->len, sizeof o->text - o->len, "[%.*s]", (int)len,
                               (const char *)s);
}

static void tok_row(int c, void *data)
{
    struct tok_out *o = data;
    (void)c;
    o->rows++;
    o->len += (size_t)snprintf(o->text + o->len, sizeof o->text - o->len, "|");
}

static void test_dialect_tokenizer_bytewise(void **state)
{
    (void)state;
    const char data[] = "a; \\x;'q''t'\r\n'l\\'';b\\;c\n\n";
    struct pc_csvtok t;
    pc_csvtok_init(&t, ';', '\'', '\\', true, true);
    struct tok_out o = {0};
    for (size_t i = 0; i + 1 < sizeof data; i++)
        assert_int_equal(pc_csvtok_parse(&t, data + i, 1, tok_field, tok_row, &o), 1);
    assert_int_equal(pc_csvtok_fini(&t, tok_field, tok_row, &o), 0);
    /* CR LF: a row end and a blank line end, as libcsv reports them */
    assert_string_equal(o.text, "[a][x][q't]||[l'][b;c]||");
    pc_csvtok_free(&t);
    pc_csvtok_init(&t, ',', '"', -1, true, false);
    assert_int_equal(pc_csvtok_parse(&t, "\"open", 5, tok_field, tok_row, &o), 5);
    assert_int_equal(pc_csvtok_fini(&t, tok_field, tok_row, &o), -1);
    pc_csvtok_free(&t);
}

/* Header rows 2 and 3 joined, row 1 skipped with a warning, a comment
 * row among the data left out. */
static void test_header_rows(void **state)
{
    (void)state;
    const char data[] = "title,,\n大項目,大項目,計\n小1,小2,\n# note\n1,2,3\n";
    struct fixture f;
    memset(&f, 0, sizeof f);
    pc_dialect_init(&f.dialect);
    struct pc_errsink sink = {0};
    assert_int_equal(pc_dialect_set_header_rows(&f.dialect, "2,3", &sink), PC_OK);
    strcpy(f.dialect.comment_char, "#");
    assert_int_equal(open_reader_as(&f, "csv", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.line, 5);
    assert_string_equal(cell_text(&r, 2), "3");
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    const struct pc_label *labels;
    assert_int_equal(f.reader->ops->labels(f.reader, &labels), 3);
    assert_string_equal(labels[0].name, "大項目 小1");
    assert_string_equal(labels[1].name, "大項目 小2");
    assert_string_equal(labels[2].name, "計");
    assert_string_equal(f.errs.text, "1:skipped-row:row 1 is above the header rows and is skipped\n");
    close_reader(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_and_newlines),
        cmocka_unit_test(test_blank_lines_keep_line_numbers),
        cmocka_unit_test(test_ragged_row_keeps_its_cells),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_many_chunks),
        cmocka_unit_test(test_tsv),
        cmocka_unit_test(test_dialect_tokenizer_bytewise),
        cmocka_unit_test(test_header_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
