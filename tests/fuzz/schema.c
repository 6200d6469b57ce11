/* A user's Table Schema descriptor is input too: the bytes are loaded as
 * --schema, exported, and used to validate a small fixed table whose cells
 * every type sees (numbers, dates, JSON, Japanese forms, empty cells). No
 * crash, leak or message without a type; only a run's normal statuses. */
#include "fuzz.h"

#include <string.h>

static const char table[] =
    "a,b,c,d,e,f\n"
    "1,2023-06-06,\"{\"\"k\"\": [1]}\",true,令和5年6月6日,15:00:00\n"
    ",-1.5e3,\"[1, 2]\",0,１，２００,P1Y\n"
    "x,NaN,,yes,ｶﾅ･①,\"180, 90\"\n";

static void check(void *ud, const struct pc_error *e)
{
    (void)ud;
    if (!e->message || !e->type) fuzz_fail("an error without a message or type");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char schema_path[64], table_path[64];
    fuzz_quiet_stdout();
    int sfd = fuzz_memfd(data, size, schema_path);
    int tfd = fuzz_memfd(table, sizeof table - 1, table_path);
    if (sfd >= 0 && tfd >= 0) {
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            fuzz_check_status(pc_schema_export_file(schema_path, "table-schema", null, check, NULL));
            fuzz_check_status(pc_schema_export_file(schema_path, "json-schema", null, check, NULL));
            fclose(null);
        }
        struct pc_options opt = {.schema_file = schema_path, .from = "csv", .on_error = check};
        struct pc_stats st;
        fuzz_check_status(pc_validate_file(&opt, table_path, &st));
        opt.normalize = 1;
        fuzz_check_status(pc_validate_file(&opt, table_path, &st));
    }
    if (sfd >= 0) close(sfd);
    if (tfd >= 0) close(tfd);
    return 0;
}
