/*
 * idmap.h - a multimap from 64-bit keys to short lists of 32-bit ids, with
 * removal, used by the copy detector's indexes (LSH band buckets, sentence
 * fingerprints, exact text hashes).
 *
 * Open addressing with linear probing and backward-shift deletion, so the
 * table holds only live keys and its memory follows the live entries (it
 * shrinks never, but is reused). Every list is capped: rc_idmap_add refuses
 * an id once its key already holds `cap` ids, which bounds the candidates
 * a hot key (thousands of identical copies, a boilerplate sentence) can
 * produce. Ids are kept in insertion order.
 *
 * Ownership: rc_idmap_init() / rc_idmap_cleanup(). Lists returned by
 * rc_idmap_get stay valid until the next add or remove.
 */
#ifndef RC_CLUSTER_IDMAP_H
#define RC_CLUSTER_IDMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct rc_idmap_slot {
    uint64_t key;       /* 0: empty (key 0 is stored as 1) */
    uint32_t n, cap;    /* ids held; allocated room (0: inline only) */
    union {
        uint32_t inl[2];
        uint32_t *ids;
    } u;
} rc_idmap_slot;

typedef struct rc_idmap {
    rc_idmap_slot *slots;
    size_t mask;        /* slot count - 1 (a power of two) */
    size_t used;        /* live keys */
    uint32_t list_cap;  /* most ids per key */
} rc_idmap;

/* Prepare an empty map whose keys hold at most list_cap ids (>= 1). */
void rc_idmap_init(rc_idmap *m, uint32_t list_cap);
/* Release the map's memory. */
void rc_idmap_cleanup(rc_idmap *m);
/* Append id to key's list. Returns 1 when added, 0 when the list was full
 * (the id is not recorded). */
int rc_idmap_add(rc_idmap *m, uint64_t key, uint32_t id);
/* Remove id from key's list (the key goes when its list empties). A
 * missing key or id is a no-op. */
void rc_idmap_remove(rc_idmap *m, uint64_t key, uint32_t id);
/* The ids of key (insertion order) and their count in *n; NULL and 0 when
 * the key is absent. */
const uint32_t *rc_idmap_get(const rc_idmap *m, uint64_t key, size_t *n);

#endif
