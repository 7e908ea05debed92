/*
 * refresh.c - renew stale facts and copy keys records; see refresh.h.
 */
#include "pipeline/refresh.h"
#include "cluster/copies.h"
#include "extract/facts.h"
#include "extract/factscodec.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    BATCH = 256,            /* articles renewed per transaction */
    FACTS_CAP = 1 << 24,    /* a bigger facts record is not stored (as placing) */
    KEYS_WINDOW = 64        /* documents the copy-key index keeps (keys are per article) */
};

typedef struct idlist {
    char **ids;
    size_t n, cap;
} idlist;

/* rc_store_each_cluster_bare callback: keep the row's document id. */
static int on_row(const rc_cluster_row *r, void *ud)
{
    idlist *l = ud;
    if (!r->doc_id)
        return 0;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->ids = rc_reallocarray(l->ids, l->cap, sizeof *l->ids);
    }
    l->ids[l->n++] = rc_strdup(r->doc_id);
    return 0;
}

/* 1 when d's stored facts record is one this program reads (decoded
 * whole: this codec version and extractor, this text, undamaged). */
static int facts_current(rc_doc *d, rc_facts_scratch *sc)
{
    rc_facts *f = NULL;
    return d->stored_facts && rc_facts_decode(d, d->stored_facts, d->nstored_facts, sc, &f) == RC_OK;
}

/* Make document id's records again and rewrite its cluster row with them,
 * the rest of the row as it was. *renewed is set when it was stale.
 * Returns RC_OK or RC_IO (after a message naming the article). */
static int refresh_one(rc_store *s, const char *id, rc_facts_scratch *sc, rc_dedup *dd,
                       rc_buf *xb, rc_buf *kb, rc_buf *fb, int *renewed)
{
    *renewed = 0;
    rc_doc *d = NULL;
    if (rc_store_get(s, id, &d) != RC_OK) {
        fprintf(stderr, "recoupe: %s: error: cannot read the stored article\n", id);
        return RC_IO;
    }
    if (facts_current(d, sc)) {
        rc_doc_free(d);
        return RC_OK;
    }
    /* what placing does (cluster/place.c): the text model, every fact
     * recorded before any merge, the copy keys of the article's words (a
     * refused record leaves d as it was read: no tokens) */
    rc_textmodel_build(d);
    rc_facts *f = rc_facts_new(d);
    rc_extract_all(d, f);
    rc_buf_reset(xb);
    int have_facts = rc_facts_encode(d, f, sc, xb) == RC_OK;
    rc_buf_reset(kb);
    const rc_dedup_match *m;
    rc_dedup_record_keys(dd, kb);
    rc_dedup_add(dd, d, &m);
    rc_dedup_record_keys(dd, NULL);

    rc_cluster_row r;
    int rc = rc_store_get_cluster(s, id, &r);
    if (rc == RC_OK) {
        /* the row's fields point into the store's buffer: copy them */
        rc_buf_reset(fb);
        size_t cl = r.copy_of ? strlen(r.copy_of) + 1 : 0;
        if (rc_buf_append(fb, r.features, r.nfeatures) != 0 ||
            (cl && rc_buf_append(fb, r.copy_of, cl) != 0)) {
            rc = RC_IO;
        } else {
            rc_cluster_row w = r;
            w.doc_id = d->id;
            w.features = r.nfeatures ? fb->data : NULL;
            w.copy_of = cl ? fb->data + r.nfeatures : NULL;
            w.facts = have_facts ? xb->data : NULL;
            w.nfacts = have_facts ? xb->len : 0;
            w.copykeys = kb->len ? kb->data : NULL;
            w.ncopykeys = kb->len;
            rc = rc_store_put_cluster(s, &w) == RC_OK ? RC_OK : RC_IO;
        }
    }
    if (rc == RC_NOTFOUND) /* no longer placed: nothing to renew */
        rc = RC_OK;
    else if (rc != RC_OK)
        fprintf(stderr, "recoupe: %s: error: cannot write the renewed records\n", id);
    else
        *renewed = 1;
    rc_doc_free(d);
    return rc;
}

/* See refresh.h. */
int rc_refresh_store(rc_store *s, rc_refresh_stats *st)
{
    memset(st, 0, sizeof *st);
    idlist l = {0};
    int rc = rc_store_each_cluster_bare(s, INT32_MIN, INT32_MAX, 1, on_row, &l);
    st->placed = l.n;
    rc_facts_scratch *sc = rc_facts_scratch_new();
    rc_dedup *dd = rc_dedup_new(0, KEYS_WINDOW);
    rc_buf xb, kb, fb;
    rc_buf_init(&xb, FACTS_CAP);
    rc_buf_init(&kb, 0);
    rc_buf_init(&fb, 0);
    for (size_t i = 0; rc == RC_OK && i < l.n; i += BATCH) {
        size_t end = i + BATCH < l.n ? i + BATCH : l.n;
        if (rc_store_begin(s) != RC_OK) {
            rc = RC_IO;
            break;
        }
        for (size_t j = i; j < end; j++) {
            int renewed;
            if (refresh_one(s, l.ids[j], sc, dd, &xb, &kb, &fb, &renewed) != RC_OK)
                st->failed++;
            else if (renewed)
                st->renewed++;
            else
                st->current++;
        }
        if (rc_store_commit(s) != RC_OK) {
            fprintf(stderr, "recoupe: error: could not commit the renewed records\n");
            rc = RC_IO;
        }
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.ids[i]);
    free(l.ids);
    rc_buf_cleanup(&xb);
    rc_buf_cleanup(&kb);
    rc_buf_cleanup(&fb);
    rc_dedup_free(dd);
    rc_facts_scratch_free(sc);
    return rc == RC_OK && st->failed == 0 ? RC_OK : RC_IO;
}
