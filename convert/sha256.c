/* SHA-256 over libmd (see sha256.h). */
#include "sha256.h"

#include <fcntl.h>
#include <unistd.h>

void pc_sha256_init(struct pc_sha256 *c)
{
    SHA256Init(&c->md);
    c->bytes = 0;
}

void pc_sha256_update(struct pc_sha256 *c, const void *data, size_t n)
{
    SHA256Update(&c->md, data, n);
    c->bytes += n;
}

void pc_sha256_final(struct pc_sha256 *c, char hex[65])
{
    SHA256End(&c->md, hex); /* lowercase hex and a NUL: SHA256_DIGEST_STRING_LENGTH is 65 */
}

int pc_sha256_file(const char *path, char hex[65], uint64_t *bytes)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct pc_sha256 c;
    pc_sha256_init(&c);
    unsigned char buf[1 << 16];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) pc_sha256_update(&c, buf, (size_t)n);
    close(fd);
    if (n < 0) return -1;
    *bytes = c.bytes;
    pc_sha256_final(&c, hex);
    return 0;
}
