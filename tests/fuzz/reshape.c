/* The wide-sheet reshaping: CSV read as a roadmap (one column per fiscal
 * year pivoted to long rows, key cells filled down as the input's length
 * picks), then written back in wide form, so both directions of
 * convert/reshape.c see whatever the reader lets through. */
#include "fuzz.h"

static const char *const fill[][3] = {
    {"reshape:fill-down=always", NULL},
    {"reshape:fill-down=never", NULL},
    {"reshape:pivot=no", NULL},
    {"csv:wide=yes", NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    char path[64];
    int fd = fuzz_memfd(data, size, path);
    if (fd < 0) return 0;
    struct pc_options opt = {
        .from = "csv", .kind = "roadmap", .max_field_size = 4096, .format_options = fill[size % 3]};
    fuzz_check_status(pc_validate_file(&opt, path, NULL));
    opt.format_options = fill[3];
    opt.keep_invalid = 1;
    opt.to = "csv";
    fuzz_check_status(pc_convert_file(&opt, path, "-", NULL));
    close(fd);
    return 0;
}
