/* The set of byte strings (see hashset.h). */
#include "hashset.h"

#include <stdlib.h>
#include <string.h>

#define SET_BLOCK_BITS 16
#define SET_BLOCK ((size_t)1 << SET_BLOCK_BITS)
#define SET_LONG 0xFFFFFFu /* len field of a key of 16 MiB or more: its size_t length leads it */

uint64_t pc_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = pc_hash_bytes(s, n);
    uint32_t x = (uint32_t)(h ^ (h >> 32));
    return x ? x : 1;
}

/* The key's bytes and length for a ref. */
static const char *set_key(const struct pc_strset *s, uint64_t ref, size_t *n)
{
    const char *p = s->blocks[(ref & 0xFFFFFFFFFFull) >> SET_BLOCK_BITS] + (ref & (SET_BLOCK - 1));
    size_t len = (size_t)(ref >> 40);
    if (len == SET_LONG) {
        memcpy(&len, p, sizeof len);
        p += sizeof len;
    }
    *n = len;
    return p;
}

static bool set_same(const struct pc_strset *s, uint64_t ref, const char *k, size_t n)
{
    size_t len = (size_t)(ref >> 40);
    if (len != SET_LONG && len != n) return false;
    const char *p = set_key(s, ref, &len);
    return len == n && memcmp(p, k, n) == 0;
}

/* Slot index: Fibonacci hashing spreads FNV's bits over the table. */
static size_t set_slot(const struct pc_strset *s, uint32_t h)
{
    return (size_t)((uint32_t)(h * 2654435769u) >> s->shift);
}

static struct pc_strset_entry *set_find(const struct pc_strset *s, const char *k, size_t n,
                                        uint32_t h)
{
    if (!s->cap) return NULL;
    for (size_t i = set_slot(s, h);; i = (i + 1) & (s->cap - 1)) {
        struct pc_strset_entry *e = &s->slots[i];
        if (!e->hash) return e;
        if (e->hash == h && set_same(s, e->ref, k, n)) return e;
    }
}

static pc_status set_grow(struct pc_strset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 16;
    if (cap > ((size_t)1 << 32)) return PC_ENOMEM; /* the hash has 32 bits */
    struct pc_strset_entry *old = s->slots;
    size_t oldcap = s->cap;
    unsigned oldshift = s->shift;
    s->slots = calloc(cap, sizeof *s->slots);
    if (!s->slots) {
        s->slots = old;
        return PC_ENOMEM;
    }
    s->cap = cap;
    s->shift = oldcap ? oldshift - 1 : 32 - 4;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].hash) {
            size_t j = set_slot(s, old[i].hash);
            while (s->slots[j].hash) j = (j + 1) & (cap - 1);
            s->slots[j] = old[i];
        }
    free(old);
    return PC_OK;
}

/* The size of block i: small first blocks, so that a set that holds a few
 * short keys (one per column of a 100,000-column table, as infer keeps)
 * costs bytes, not 64 KiB; from the ninth block on, SET_BLOCK. */
static size_t block_size(size_t i)
{
    return i < SET_BLOCK_BITS - 8 ? (size_t)256 << i : SET_BLOCK;
}

/* Copies the key into the blocks; its ref through *ref. */
static pc_status set_store(struct pc_strset *s, const char *k, size_t n, uint64_t *ref)
{
    size_t need = n >= SET_LONG ? n + sizeof n : n;
    size_t cap = s->nblocks ? block_size(s->nblocks - 1) : 0;
    if (!s->nblocks || s->block_used + need > cap || s->block_used == cap) {
        if (s->nblocks == s->blocks_cap) {
            size_t bcap = s->blocks_cap ? s->blocks_cap * 2 : 16;
            char **b = realloc(s->blocks, bcap * sizeof *b);
            if (!b) return PC_ENOMEM;
            s->blocks = b;
            s->blocks_cap = bcap;
        }
        if (s->nblocks >= ((size_t)1 << 24)) return PC_ENOMEM; /* 24 bits of block number */
        cap = block_size(s->nblocks);
        char *b = malloc(need > cap ? need : cap);
        if (!b) return PC_ENOMEM;
        s->blocks[s->nblocks++] = b;
        s->block_used = 0;
    }
    char *p = s->blocks[s->nblocks - 1] + s->block_used;
    if (n >= SET_LONG) {
        memcpy(p, &n, sizeof n);
        memcpy(p + sizeof n, k, n);
    } else if (n) {
        memcpy(p, k, n);
    }
    *ref = (uint64_t)(s->nblocks - 1) << SET_BLOCK_BITS | s->block_used |
           (uint64_t)(n >= SET_LONG ? SET_LONG : n) << 40;
    /* a block of its own (a long key) is full */
    s->block_used = need > cap ? cap : s->block_used + need;
    return PC_OK;
}

pc_status pc_strset_add(struct pc_strset *s, const char *k, size_t n, uint32_t *value, bool *seen)
{
    uint32_t h = hash_bytes(k, n);
    struct pc_strset_entry *e = set_find(s, k, n, h);
    *seen = e && e->hash;
    if (*seen) {
        *value = e->value;
        return PC_OK;
    }
    if ((s->count + 1) * 10 > s->cap * 7) { /* keep probes short: load under 0.7 */
        if (set_grow(s)) return PC_ENOMEM;
        e = set_find(s, k, n, h);
    }
    uint64_t ref;
    if (set_store(s, k, n, &ref)) return PC_ENOMEM;
    *e = (struct pc_strset_entry){.hash = h, .value = *value, .ref = ref};
    s->recent[s->nrecent++ % PC_STRSET_RECENT] = ref;
    s->count++;
    return PC_OK;
}

bool pc_strset_has(const struct pc_strset *s, const char *k, size_t n)
{
    /* references mostly name a record just read (a child after its
     * parent): those need no hashing and no probe of the big table */
    unsigned m = s->nrecent < PC_STRSET_RECENT ? s->nrecent : PC_STRSET_RECENT;
    for (unsigned i = 1; i <= m; i++)
        if (set_same(s, s->recent[(s->nrecent - i) % PC_STRSET_RECENT], k, n)) return true;
    struct pc_strset_entry *e = set_find(s, k, n, hash_bytes(k, n));
    return e && e->hash;
}

bool pc_strset_get(const struct pc_strset *s, const char *k, size_t n, uint32_t *value)
{
    struct pc_strset_entry *e = set_find(s, k, n, hash_bytes(k, n));
    if (!e || !e->hash) return false;
    *value = e->value;
    return true;
}

void pc_strset_free(struct pc_strset *s)
{
    free(s->slots);
    for (size_t i = 0; i < s->nblocks; i++) free(s->blocks[i]);
    free(s->blocks);
}
