/* SHA-256 for the hashes in datapackage.json: a thin layer over libmd's
 * SHA256Init/Update/End (Debian's libmd-dev) that also counts the bytes,
 * since a Data Package resource gives both. Checked against the FIPS
 * vectors in tests/unit. */
#ifndef PC_SHA256_H
#define PC_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <sha2.h>

struct pc_sha256 {
    SHA2_CTX md;
    uint64_t bytes;
};

void pc_sha256_init(struct pc_sha256 *c);
void pc_sha256_update(struct pc_sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL into `hex`. */
void pc_sha256_final(struct pc_sha256 *c, char hex[65]);

/* The digest of a whole file; 0 on success, -1 (errno set) if unreadable. */
int pc_sha256_file(const char *path, char hex[65], uint64_t *bytes);

#endif
