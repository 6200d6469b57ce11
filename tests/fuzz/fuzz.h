/* Shared by the fuzz targets: the input goes through the real stream layer
 * as a file (a memfd, named by its /proc path), never a shortcut.
 * Each target defines LLVMFuzzerTestOneInput; libFuzzer drives it with
 * -DPLANCONV_FUZZ=ON, and replay.c drives it from files in every build. */
#ifndef PC_FUZZ_H
#define PC_FUZZ_H

#include "planconv.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A memfd holding data; *path names it for open(2). -1 on failure. */
static inline int fuzz_memfd(const void *data, size_t size, char path[64])
{
    int fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd < 0) return -1;
    const char *p = data;
    while (size > 0) {
        ssize_t k = write(fd, p, size);
        if (k <= 0) {
            close(fd);
            return -1;
        }
        p += k;
        size -= (size_t)k;
    }
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

/* An input of two files: the bytes up to the first NUL are a descriptor,
 * the rest a table (empty without a NUL). Both become memfds named in
 * desc and table; 0, or -1 with nothing left open. Close both fds. */
static inline int fuzz_descriptor_and_table(const uint8_t *data, size_t size, int fds[2],
                                            char desc[64], char table[64])
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t n = nul ? (size_t)(nul - data) : size;
    fds[0] = fuzz_memfd(data, n, desc);
    fds[1] = nul ? fuzz_memfd(nul + 1, size - n - 1, table) : fuzz_memfd("", 0, table);
    if (fds[0] >= 0 && fds[1] >= 0) return 0;
    if (fds[0] >= 0) close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
    return -1;
}

/* Output written to stdout goes nowhere. */
static inline void fuzz_quiet_stdout(void)
{
    static int done;
    if (done) return;
    done = 1;
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, 1);
        close(null);
    }
}

static inline void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz: %s\n", what);
    abort();
}

/* pc_status values a run may end with; anything else is a bug. */
static inline void fuzz_check_status(pc_status st)
{
    if (st != PC_OK && st != PC_INVALID && st != PC_EUSAGE && st != PC_EIO)
        fuzz_fail(st == PC_ENOMEM ? "out of memory" : "internal error");
}

#endif
