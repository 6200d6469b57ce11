/* The CSV reader: RFC 4180 quoting, line numbers, ragged rows. */
#include "util.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_and_newlines),
        cmocka_unit_test(test_blank_lines_keep_line_numbers),
        cmocka_unit_test(test_ragged_row_keeps_its_cells),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_many_chunks),
        cmocka_unit_test(test_tsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
