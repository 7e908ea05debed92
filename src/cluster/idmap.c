/*
 * idmap.c - capped multimap from 64-bit keys to id lists; see idmap.h.
 */
#include "cluster/idmap.h"
#include "util/mem.h"
#include <string.h>

#define INLINE_IDS 2u

/* The stored form of a key: 0 marks empty slots, so key 0 becomes 1. */
static uint64_t fix_key(uint64_t k)
{
    return k ? k : 1;
}

/* Home slot of key k (keys are hashes already; mix the high bits in). */
static size_t home(const rc_idmap *m, uint64_t k)
{
    return (size_t)((k ^ (k >> 29)) * 0x9E3779B97F4A7C15ull >> 7) & m->mask;
}

/* The id array of slot s. */
static uint32_t *slot_ids(rc_idmap_slot *s)
{
    return s->cap ? s->u.ids : s->u.inl;
}

/* Prepare an empty map; see idmap.h. */
void rc_idmap_init(rc_idmap *m, uint32_t list_cap)
{
    m->mask = 63;
    m->slots = rc_calloc(m->mask + 1, sizeof *m->slots);
    m->used = 0;
    m->list_cap = list_cap ? list_cap : 1;
}

/* Release the map; see idmap.h. */
void rc_idmap_cleanup(rc_idmap *m)
{
    if (!m->slots)
        return;
    for (size_t i = 0; i <= m->mask; i++)
        if (m->slots[i].key && m->slots[i].cap)
            free(m->slots[i].u.ids);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* Index of key k's slot, or of the empty slot where it would go. */
static size_t find(const rc_idmap *m, uint64_t k)
{
    size_t i = home(m, k);
    while (m->slots[i].key && m->slots[i].key != k)
        i = (i + 1) & m->mask;
    return i;
}

/* Double the table (load factor kept under 1/2). */
static void grow(rc_idmap *m)
{
    rc_idmap_slot *old = m->slots;
    size_t oldn = m->mask + 1;
    m->mask = oldn * 2 - 1;
    m->slots = rc_calloc(m->mask + 1, sizeof *m->slots);
    for (size_t i = 0; i < oldn; i++)
        if (old[i].key)
            m->slots[find(m, old[i].key)] = old[i];
    free(old);
}

/* Append id to key's list; see idmap.h. */
int rc_idmap_add(rc_idmap *m, uint64_t key, uint32_t id)
{
    uint64_t k = fix_key(key);
    if ((m->used + 1) * 2 > m->mask + 1)
        grow(m);
    size_t i = find(m, k);
    rc_idmap_slot *s = &m->slots[i];
    if (!s->key) {
        s->key = k;
        s->n = 0;
        s->cap = 0;
        m->used++;
    }
    if (s->n >= m->list_cap)
        return 0;
    if (!s->cap && s->n == INLINE_IDS) {
        uint32_t *ids = rc_malloc(4 * sizeof *ids);
        memcpy(ids, s->u.inl, sizeof s->u.inl);
        s->u.ids = ids;
        s->cap = 4;
    } else if (s->cap && s->n == s->cap) {
        s->cap *= 2;
        s->u.ids = rc_reallocarray(s->u.ids, s->cap, sizeof *s->u.ids);
    }
    slot_ids(s)[s->n++] = id;
    return 1;
}

/* Empty slot i and shift the following cluster back (no tombstones). */
static void delete_slot(rc_idmap *m, size_t i)
{
    if (m->slots[i].cap)
        free(m->slots[i].u.ids);
    size_t j = i;
    for (;;) {
        j = (j + 1) & m->mask;
        if (!m->slots[j].key)
            break;
        size_t h = home(m, m->slots[j].key);
        /* move j back to i when its home is not in (i, j] cyclically */
        int stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
        if (!stays) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    memset(&m->slots[i], 0, sizeof m->slots[i]);
    m->used--;
}

/* Remove id from key's list; see idmap.h. */
void rc_idmap_remove(rc_idmap *m, uint64_t key, uint32_t id)
{
    size_t i = find(m, fix_key(key));
    rc_idmap_slot *s = &m->slots[i];
    if (!s->key)
        return;
    uint32_t *ids = slot_ids(s);
    for (uint32_t j = 0; j < s->n; j++) {
        if (ids[j] != id)
            continue;
        memmove(ids + j, ids + j + 1, (s->n - j - 1) * sizeof *ids);
        s->n--;
        break;
    }
    if (!s->n)
        delete_slot(m, i);
}

/* The ids of key; see idmap.h. */
const uint32_t *rc_idmap_get(const rc_idmap *m, uint64_t key, size_t *n)
{
    size_t i = find(m, fix_key(key));
    rc_idmap_slot *s = &m->slots[i];
    if (!s->key) {
        *n = 0;
        return NULL;
    }
    *n = s->n;
    return slot_ids(s);
}
