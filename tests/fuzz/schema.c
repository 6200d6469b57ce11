/* The schema loader: a user's Table Schema descriptor is input too. The
 * input is the descriptor; it is loaded, exported in every form, and used
 * to validate and convert small fixed tables, so that every property the
 * loader accepts is also exercised by casting (every type, Japanese forms
 * with and without normalization), the label checks and the key checks.
 * No crash, leak, or error without a type and a whole message. */
#include "fuzz.h"

#include <string.h>

static const char *const exports[] = {"table-schema", "json-schema", "xsd"};

/* A header, a repeated row (keys), a blank row, a short and a long row,
 * and values of several types. */
static const char keys_table[] = "id,name,n,when,ok\n"
                                 "1,a,2,2024-01-02,true\n"
                                 "1,a,2,2024-01-02,true\n"
                                 ",,,,\n"
                                 "2,b\n"
                                 "3,c,x,2024-13-01,no,extra\n";

/* Cells every type sees: numbers, dates, JSON, Japanese forms, empties. */
static const char types_table[] =
    "a,b,c,d,e,f\n"
    "1,2023-06-06,\"{\"\"k\"\": [1]}\",true,令和5年6月6日,15:00:00\n"
    ",-1.5e3,\"[1, 2]\",0,１，２００,P1Y\n"
    "x,NaN,,yes,ｶﾅ･①,\"180, 90\"\n";

static void check_error(void *ud, const struct pc_error *e)
{
    (void)ud;
    if (!e->message || !e->type) fuzz_fail("an error without a message or type");
    if (strlen(e->message) == 0) fuzz_fail("an empty message");
}

static void run_table(const char *schema_path, const char *table, size_t n)
{
    char table_path[64];
    int tfd = fuzz_memfd(table, n, table_path);
    if (tfd < 0) return;
    struct pc_options opt = {.from = "csv", .schema_file = schema_path, .on_error = check_error};
    fuzz_check_status(pc_validate_file(&opt, table_path, NULL));
    opt.normalize = 1;
    fuzz_check_status(pc_validate_file(&opt, table_path, NULL));
    opt.to = "json";
    opt.keep_invalid = 1;
    fuzz_check_status(pc_convert_file(&opt, table_path, "-", NULL));
    close(tfd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    char schema_path[64];
    int fd = fuzz_memfd(data, size, schema_path);
    if (fd < 0) return 0;
    FILE *null = fopen("/dev/null", "w");
    for (size_t i = 0; null && i < sizeof exports / sizeof *exports; i++)
        fuzz_check_status(pc_schema_export_file(schema_path, exports[i], null, check_error, NULL));
    if (null) fclose(null);
    run_table(schema_path, keys_table, sizeof keys_table - 1);
    run_table(schema_path, types_table, sizeof types_table - 1);
    close(fd);
    return 0;
}
