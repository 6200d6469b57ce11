/* The CSV fast path against libcsv alone (tests/unit/csv_plain_diff.h):
 * the first byte picks the dialect and the chunk sizes, the rest is the
 * CSV. Any difference in what they call back aborts. */
#include "fuzz.h"

#include "tests/unit/csv_plain_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    static const unsigned char delims[] = {',', ';', '\t', '|'};
    static const size_t sizes[] = {1, 2, 3, 7, 64, 4096, 256 * 1024, 5};
    unsigned pick = data[0];
    unsigned char delim = delims[pick & 3], quote = pick & 4 ? '\'' : '"';
    size_t chunks[3] = {sizes[(pick >> 3) & 7], sizes[(pick >> 5) & 7], 0};
    if (!csv_plain_same(delim, quote, (const char *)data + 1, size - 1, chunks))
        fuzz_fail("the fast path and libcsv differ");
    return 0;
}
