/* The JSON and JSON Lines readers: records, arrays, lines, errors. */
#include "util.h"

static void test_array_of_records(void **state)
{
    (void)state;
    const char data[] = "[\n{\"a\":\"x\",\"b\":[1,\"two\",true]},\n{\"b\":null,\"a\":\"\\u3042\"}\n]\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "json", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.line, 2);
    assert_int_equal(r.ncells, 2);
    const struct pc_value *arr = &pc_record_cell(&r, 1)->v;
    assert_int_equal(arr->type, PC_T_ARRAY);
    assert_int_equal(arr->len, 3);
    assert_int_equal(pc_value_item(r.batch, arr, 0)->type, PC_T_NUMBER);
    assert_int_equal(pc_value_item(r.batch, arr, 2)->type, PC_T_BOOLEAN);
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_int_equal(r.line, 3);
    /* keys in another order map to the same labels */
    assert_int_equal(pc_record_cell(&r, 0)->label, 1);
    assert_int_equal(pc_record_cell(&r, 0)->v.type, PC_T_NULL);
    assert_string_equal(cell_text(&r, 1), "\xE3\x81\x82");
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    close_reader(&f);
}

static void test_lines(void **state)
{
    (void)state;
    const char data[] = "{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}";
    struct fixture f;
    assert_int_equal(open_reader(&f, "jsonl", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    unsigned long lines[] = {1, 3, 4};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
        assert_int_equal(r.line, lines[i]);
    }
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    close_reader(&f);
}

static void expect_error(const char *format, const char *data, const char *want)
{
    struct fixture f;
    assert_int_equal(open_reader(&f, format, data, strlen(data), NULL), PC_OK);
    struct pc_record r;
    pc_status st;
    while ((st = f.reader->ops->next(f.reader, &r)) == PC_OK) continue;
    assert_int_equal(st, PC_INVALID);
    assert_string_equal(f.errs.text, want);
    close_reader(&f);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("json", "\"text\"", "1:format-error:expected an object for each record, found a value\n");
    expect_error("json", "[{\"a\":{\"b\":1}}]",
                 "1:format-error:a record holds an object; values must be text, numbers, "
                 "booleans or arrays of them\n");
    expect_error("json", "[{\"a\":[[1]]}]",
                 "1:format-error:arrays inside arrays have no place in a record\n");
    expect_error("json", "[\n{\"a\":1},\n{\"a\":2,}\n]",
                 "3:format-error:invalid JSON near byte 9 of the line: parse error: invalid "
                 "object key (must be a string)\n");
    expect_error("json", "", "1:format-error:the file is empty; expected a JSON array of records\n");
    expect_error("jsonl", "{\"a\":1}\n{\"a\":", "2:format-error:invalid JSON at the end of the "
                 "input: parse error: premature EOF\n");
}

static void test_duplicate_key_marks_record(void **state)
{
    (void)state;
    const char data[] = "{\"a\":1,\"a\":2}\n{\"a\":3}\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "jsonl", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_true(r.invalid);
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
    assert_false(r.invalid);
    assert_string_equal(f.errs.text, "1:duplicate-label:the key \"a\" appears twice in the record\n");
    close_reader(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_array_of_records),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_duplicate_key_marks_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
