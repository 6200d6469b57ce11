/* A set of byte strings, each with a 32-bit value of the caller's (the
 * line that first used it, an index into the caller's own array): the
 * one hash table of the library (unique and foreign keys, nested parents,
 * outline ids, wide rows). A zeroed struct is an empty set.
 *
 * Memory is the point here: a unique or key column holds one entry per
 * distinct value for the whole input (issue 11: at most 64 bytes per id).
 * An entry is 16 bytes: a 32-bit hash (0: empty slot), the value, and
 * where the key's bytes are. The bytes live in blocks that never move (no
 * doubling buffer, no copy when the table grows): 256 bytes at first,
 * doubling to 64 KiB; a key longer than its block gets a block of its own. */
#ifndef PC_HASHSET_H
#define PC_HASHSET_H

#include "core.h"

#define PC_STRSET_RECENT 8 /* keys added last, checked first by pc_strset_has */

struct pc_strset_entry {
    uint32_t hash;  /* never 0 in a used slot */
    uint32_t value; /* the caller's: a line, an index */
    uint64_t ref;   /* block << 16 | offset in block (40 bits), len << 40 (24 bits) */
};

struct pc_strset {
    struct pc_strset_entry *slots;
    size_t cap, count; /* cap is a power of two */
    unsigned shift;    /* 32 - log2(cap) */
    char **blocks;
    size_t nblocks, blocks_cap, block_used; /* block_used: bytes of the last block */
    uint64_t recent[PC_STRSET_RECENT];      /* refs of the keys added last */
    unsigned nrecent;
};

/* Adds the key with *value if it is new (*seen false); else sets *seen and
 * puts the value it was added with into *value. PC_ENOMEM leaves the set
 * as it was. The set copies the key; free it with pc_strset_free. */
pc_status pc_strset_add(struct pc_strset *s, const char *k, size_t n, uint32_t *value, bool *seen);

/* True if the key is in the set; the keys added last are tried first
 * (a reference usually names a record just read). */
bool pc_strset_has(const struct pc_strset *s, const char *k, size_t n);

/* True if the key is in the set, and its value in *value. */
bool pc_strset_get(const struct pc_strset *s, const char *k, size_t n, uint32_t *value);

void pc_strset_free(struct pc_strset *s);

/* FNV-1a over the bytes: the set's hash, and a cheap fingerprint for
 * comparing texts that are not kept. */
uint64_t pc_hash_bytes(const char *s, size_t n);

#endif
