/* A user's Table Dialect descriptor: the input up to its first NUL byte
 * is the dialect, the rest a CSV file read with it (as a plain table and
 * converted to JSON Lines). */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    char dialect[64], table[64];
    int fds[2];
    if (fuzz_descriptor_and_table(data, size, fds, dialect, table)) return 0;
    struct pc_options opt = {.from = "csv", .kind = "table", .dialect_file = dialect,
                             .max_field_size = 4096};
    fuzz_check_status(pc_validate_file(&opt, table, NULL));
    opt.keep_invalid = 1;
    opt.to = "jsonl";
    fuzz_check_status(pc_convert_file(&opt, table, "-", NULL));
    close(fds[0]);
    close(fds[1]);
    return 0;
}
