#include "extract/gazetteer.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "extract/gazetteer_data.h"
#include "extract/translit.h"
#include "meta/fold.h"
#include "util/mem.h"

typedef struct gaz_ix {
    const char *key;    /* into g_pool */
    uint32_t row;
} gaz_ix;

static gaz_ix *g_exact, *g_phon;
static size_t g_nexact, g_nphon;
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
    atexit(gaz_release);
}

/* Index of the first entry of ix[n] whose key equals k, or n. */
static size_t ix_find(const gaz_ix *ix, size_t n, const char *k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix[mid].key, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(ix[lo].key, k) == 0 ? lo : n;
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
    rc_fold_key(s, n, k, sizeof k);
    size_t i = ix_find(g_exact, g_nexact, k);
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
    if (rc_translit_key(s, n, k, sizeof k) < 4)
        return 0;
    size_t i = ix_find(g_phon, g_nphon, k);
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
