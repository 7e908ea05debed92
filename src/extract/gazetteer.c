#include "extract/gazetteer.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "extract/gazetteer_data.h"
#include "extract/translit.h"
#include "meta/fold.h"
#include "util/hash.h"
#include "util/mem.h"

typedef struct gaz_ix {
    const char *key;    /* into g_pool */
    uint32_t row;
} gaz_ix;

/* Hash index over a sorted gaz_ix array: one slot per distinct key,
 * holding 1 + the index of its first entry (0: empty). Built once,
 * read-only afterwards. */
typedef struct gaz_slot {
    uint64_t hash;      /* key hash */
    uint32_t entry;     /* 1 + index of the first entry, 0: empty */
} gaz_slot;

typedef struct gaz_hix {
    gaz_slot *slots;    /* hash beside entry: one cache line per probe */
    size_t mask;
} gaz_hix;

static gaz_ix *g_exact, *g_phon;
static size_t g_nexact, g_nphon;
static gaz_hix g_hexact, g_hphon;
static char *g_pool;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* qsort comparator on keys, then row (stable order for equal keys). */
static int ix_cmp(const void *a, const void *b)
{
    const gaz_ix *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* atexit hook: release the index. */
static void gaz_release(void)
{
    free(g_exact);
    free(g_phon);
    free(g_pool);
    free(g_hexact.slots);
    free(g_hphon.slots);
}

/* Build h over the sorted ix[n]: each distinct key once, at its first
 * entry. Load factor at most 1/2. */
static void hix_build(gaz_hix *h, const gaz_ix *ix, size_t n)
{
    size_t cap = 64;
    while (cap < 2 * n + 2)
        cap *= 2;
    h->slots = rc_calloc(cap, sizeof *h->slots);
    h->mask = cap - 1;
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(ix[i - 1].key, ix[i].key) == 0)
            continue;
        uint64_t v = rc_hash64(ix[i].key, strlen(ix[i].key), 0);
        size_t s = v & h->mask;
        while (h->slots[s].entry)
            s = (s + 1) & h->mask;
        h->slots[s].entry = (uint32_t)(i + 1);
        h->slots[s].hash = v;
    }
}

/* Build both indexes from the compiled rows (once per process). */
static void gaz_init(void)
{
    size_t n = rc_gaz_nrows, cap = n * 48 + 64, used = 0;
    size_t *off_e = rc_calloc(n, sizeof *off_e), *off_p = rc_calloc(n, sizeof *off_p);
    g_pool = rc_malloc(cap);
    g_exact = rc_calloc(n, sizeof *g_exact);
    g_phon = rc_calloc(n, sizeof *g_phon);
    for (size_t i = 0; i < n; i++) {
        const rc_gaz_row *r = &rc_gaz_rows[i];
        size_t nl = strlen(r->name);
        if (used + 2 * nl * 2 + 16 > cap) {
            cap = cap * 2 + 4 * nl + 16;
            g_pool = rc_realloc(g_pool, cap);
        }
        off_e[i] = used;
        used += rc_fold_key(r->name, nl, g_pool + used, nl * 2 + 4) + 1;
        off_p[i] = used;
        used += rc_translit_key(r->name, nl, g_pool + used, nl * 2 + 4) + 1;
    }
    for (size_t i = 0; i < n; i++) {
        const rc_gaz_row *r = &rc_gaz_rows[i];
        g_exact[g_nexact++] = (gaz_ix){g_pool + off_e[i], (uint32_t)i};
        if (r->kind == RC_GAZ_COUNTRY || r->pop >= 100000)
            g_phon[g_nphon++] = (gaz_ix){g_pool + off_p[i], (uint32_t)i};
    }
    free(off_e);
    free(off_p);
    qsort(g_exact, g_nexact, sizeof *g_exact, ix_cmp);
    qsort(g_phon, g_nphon, sizeof *g_phon, ix_cmp);
    hix_build(&g_hexact, g_exact, g_nexact);
    hix_build(&g_hphon, g_phon, g_nphon);
    atexit(gaz_release);
}

/* Index of the first entry of ix[n] (hash index h) whose key equals
 * k[kl], or n. O(1) expected. */
static size_t ix_find(const gaz_ix *ix, const gaz_hix *h, size_t n, const char *k, size_t kl)
{
    uint64_t v = rc_hash64(k, kl, 0);
    for (size_t s = v & h->mask; h->slots[s].entry; s = (s + 1) & h->mask) {
        if (h->slots[s].hash != v)
            continue;
        const char *e = ix[h->slots[s].entry - 1].key;
        if (memcmp(e, k, kl) == 0 && e[kl] == 0)
            return h->slots[s].entry - 1;
    }
    return n;
}

/* Fill hit from row r. */
static void fill(rc_gaz_hit *hit, uint32_t r)
{
    if (!hit)
        return;
    hit->name = rc_gaz_rows[r].name;
    hit->id = rc_gaz_rows[r].id;
    hit->pop = rc_gaz_rows[r].pop;
    hit->kind = rc_gaz_rows[r].kind;
}

int rc_gaz_find(const char *s, size_t n, rc_gaz_hit *hit)
{
    char k[256];
    pthread_once(&g_once, gaz_init);
    if (n == 0 || n > 200)
        return 0;
    size_t kl = rc_fold_key(s, n, k, sizeof k);
    size_t i = ix_find(g_exact, &g_hexact, g_nexact, k, kl);
    if (i == g_nexact)
        return 0;
    /* several rows may fold alike: prefer countries, then the most populous */
    size_t best = i;
    for (size_t j = i + 1; j < g_nexact && strcmp(g_exact[j].key, k) == 0; j++) {
        const rc_gaz_row *a = &rc_gaz_rows[g_exact[j].row], *b = &rc_gaz_rows[g_exact[best].row];
        if (a->kind < b->kind || (a->kind == b->kind && a->pop > b->pop))
            best = j;
    }
    fill(hit, g_exact[best].row);
    return 1;
}

int rc_gaz_find_phonetic(const char *s, size_t n, rc_gaz_hit *hit)
{
    char k[256];
    pthread_once(&g_once, gaz_init);
    if (n == 0 || n > 200)
        return 0;
    size_t kl = rc_translit_key(s, n, k, sizeof k);
    if (kl < 4)
        return 0;
    size_t i = ix_find(g_phon, &g_hphon, g_nphon, k, kl);
    if (i == g_nphon)
        return 0;
    uint32_t id = rc_gaz_rows[g_phon[i].row].id;
    for (size_t j = i + 1; j < g_nphon && strcmp(g_phon[j].key, k) == 0; j++)
        if (rc_gaz_rows[g_phon[j].row].id != id)
            return 0;       /* two places sound alike: not unambiguous */
    fill(hit, g_phon[i].row);
    return 1;
}

size_t rc_gaz_size(void)
{
    return rc_gaz_nrows;
}
