/* SHA-256 (FIPS 180-4), for the hashes in datapackage.json: none of the
 * libraries planconv already links (glibc, zlib, libxml2, jansson, YAJL,
 * PCRE2, libcsv) exports one, and a crypto library for one digest would be
 * a new dependency. Checked against the FIPS vectors in tests/unit. */
#ifndef PC_SHA256_H
#define PC_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct pc_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
};

void pc_sha256_init(struct pc_sha256 *c);
void pc_sha256_update(struct pc_sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL into `hex`. */
void pc_sha256_final(struct pc_sha256 *c, char hex[65]);

/* The digest of a whole file; 0 on success, -1 (errno set) if unreadable. */
int pc_sha256_file(const char *path, char hex[65], uint64_t *bytes);

#endif
