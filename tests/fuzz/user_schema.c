/* A user's Table Schema descriptor (named user_schema, apart from any
 * other schema target): the input up to its first NUL byte is the
 * descriptor, the rest a CSV file. The descriptor is loaded, exported in
 * every form, and the CSV validated and converted against it. */
#include "fuzz.h"

#include <string.h>

static const char *const exports[] = {"table-schema", "json-schema", "xsd", "markdown"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    char schema[64], table[64];
    int fds[2];
    if (fuzz_descriptor_and_table(data, size, fds, schema, table)) return 0;
    FILE *out = fopen("/dev/null", "w");
    for (size_t i = 0; out && i < sizeof exports / sizeof *exports; i++)
        fuzz_check_status(pc_schema_export_file(schema, exports[i], out, NULL, NULL));
    if (out) fclose(out);
    struct pc_options opt = {.from = "csv", .schema_file = schema, .max_field_size = 4096};
    fuzz_check_status(pc_validate_file(&opt, table, NULL));
    opt.keep_invalid = 1;
    opt.to = size & 1 ? "xml" : "jsonl";
    fuzz_check_status(pc_convert_file(&opt, table, "-", NULL));
    close(fds[0]);
    close(fds[1]);
    return 0;
}
