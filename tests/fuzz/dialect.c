/* A user's Table Dialect descriptor: the input up to its first NUL byte
 * is the dialect, the rest a CSV file read with it (as a plain table and
 * converted to JSON Lines). */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    const uint8_t *nul = memchr(data, 0, size);
    size_t n = nul ? (size_t)(nul - data) : size;
    char dialect[64], table[64];
    int dfd = fuzz_memfd(data, n, dialect);
    int tfd = nul ? fuzz_memfd(nul + 1, size - n - 1, table) : fuzz_memfd("", 0, table);
    if (dfd < 0 || tfd < 0) {
        if (dfd >= 0) close(dfd);
        if (tfd >= 0) close(tfd);
        return 0;
    }
    struct pc_options opt = {.from = "csv", .kind = "table", .dialect_file = dialect,
                             .max_field_size = 4096};
    fuzz_check_status(pc_validate_file(&opt, table, NULL));
    opt.keep_invalid = 1;
    opt.to = "jsonl";
    fuzz_check_status(pc_convert_file(&opt, table, "-", NULL));
    close(dfd);
    close(tfd);
    return 0;
}
