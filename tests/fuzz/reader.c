/* One fuzz target per reader: FUZZ_FORMAT (csv, tsv, json, jsonl, xml, ndl,
 * minutes-text) is set at compile time. The input is validated through the
 * whole pipeline with -k table and with each bundled kind, then converted
 * (kind guessed, --keep-invalid) to a writer picked by the input's length,
 * so the writers see whatever the reader lets through. */
#include "fuzz.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT must name the reader under test"
#endif

static const char *const kinds[] = {"table", "plan-items", "roadmap", "minutes"};
static const char *const outputs[] = {"csv", "tsv", "json", "jsonl", "xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    char path[64];
    int fd = fuzz_memfd(data, size, path);
    if (fd < 0) return 0;
    struct pc_options opt = {.from = FUZZ_FORMAT, .max_field_size = 4096};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        opt.kind = kinds[i];
        fuzz_check_status(pc_validate_file(&opt, path, NULL));
    }
    opt.kind = NULL;
    opt.keep_invalid = 1;
    opt.excel = size & 1;
    opt.to = outputs[size % (sizeof outputs / sizeof *outputs)];
    fuzz_check_status(pc_convert_file(&opt, path, "-", NULL));
    close(fd);
    return 0;
}
