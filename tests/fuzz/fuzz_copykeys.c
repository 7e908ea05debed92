/*
 * fuzz_copykeys.c - libFuzzer target for the stored copy keys
 * (cluster/copies.h: the record rc_dedup_record_keys writes at ingest,
 * doc_cluster.copykeys), which `recoupe report` reads back through
 * rc_copies_build_stored: damaged or hostile bytes.
 *
 * Six fixed documents (a dispatch, a copy of it crediting its agency, a
 * longer piece reusing part of it, an unrelated article, a too-short one,
 * an undated copy) stand for a story. The first byte of the input picks
 * the document that takes the first record (its value modulo 6) and, with
 * bit 3 set, gives the others their true records (else none); the rest is
 * cut before every "RCCK" magic into up to 6 records, the k-th going to
 * document (first + k) modulo 6, each in an exact-size heap copy so an
 * over-read is caught. rc_copies_build_stored then runs, as the report
 * does, and its result is checked:
 *  - always: each list holds at most RC_COPIES_PER_DOC copies of other
 *    documents with shares and Jaccards in [0, 1] and known direction and
 *    basis, and the relation is symmetric (same Jaccard, inverse
 *    direction, same basis);
 *  - a record that is not well-formed (by the format restated here:
 *    magic, version 1, indexed flag 0 or 1, then nothing, or a non-zero
 *    text hash, 16 band keys, a fingerprint count <= RC_FP_MAX_SENTENCES
 *    and exactly that many strictly increasing fingerprints) must be
 *    refused: when every record given is malformed or the document's own
 *    true record, the copies are rc_copies_build's, copy for copy;
 *  - a well-formed "not indexed" record is accepted: its document has no
 *    copies.
 * The true records (made by the real encoder at start-up) must give
 * rc_copies_build's copies, and so must no records at all.
 */
#include "cluster/copies.h"
#include "cluster/fingerprint.h"
#include "doc/doc.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../testdoc.h"

enum { NDOCS = 6, NBANDS = 16, FULL_HEAD = 6 + 8 + NBANDS * 8 + 4 };

/* Invented articles (English and French). */
static const char DISPATCH[] =
    "The regional transport authority announced on Tuesday a new night bus network for the "
    "capital.\n"
    "Twelve lines will run every thirty minutes between midnight and five in the morning.\n"
    "The service will start in September after a public consultation held this spring.\n"
    "Unions representing drivers said they were not consulted on the new schedules.\n"
    "The authority estimates the yearly cost of the network at several million euros.";
static const char LONGER[] =
    "Late workers and students have long complained about the lack of transport after midnight.\n"
    "The regional transport authority announced on Tuesday a new night bus network for the "
    "capital.\n"
    "Twelve lines will run every thirty minutes between midnight and five in the morning.\n"
    "The service will start in September after a public consultation held this spring.\n"
    "Shop owners in the old town hope the buses will bring more customers to the evening "
    "markets.\n"
    "Cyclists asked for safe parking spaces near the main stops of the future network.";
static const char OTHER_FR[] =
    "La bibliothèque municipale rouvrira ses portes lundi après six mois de travaux.\n"
    "Les lecteurs découvriront une salle d'étude agrandie et un espace pour les enfants.\n"
    "La mairie prévoit des horaires élargis le samedi jusqu'à la fin de l'année.";
static const char SHORT[] = "Night buses.";

static rc_doc *docs[NDOCS];
static unsigned char *truth[NDOCS]; /* the true record of each document */
static size_t ntruth[NDOCS];
static struct rc_copies *baseline;  /* rc_copies_build's copies */


/* Little-endian unsigned of n bytes at p. */
static uint64_t le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The record format restated: -1 when p[n] is not a well-formed record,
 * 0 for a well-formed "not indexed" one, 1 for an indexed one. */
static int ref_parse(const unsigned char *p, size_t n)
{
    if (n < 6 || memcmp(p, "RCCK", 4) != 0 || p[4] != 1 || p[5] > 1)
        return -1;
    if (p[5] == 0)
        return n == 6 ? 0 : -1;
    if (n < FULL_HEAD || le(p + 6, 8) == 0)
        return -1;
    uint64_t nfp = le(p + FULL_HEAD - 4, 4);
    if (nfp > RC_FP_MAX_SENTENCES || n - FULL_HEAD != nfp * 8)
        return -1;
    for (uint64_t i = 1; i < nfp; i++)
        if (le(p + FULL_HEAD + i * 8, 8) <= le(p + FULL_HEAD + (i - 1) * 8, 8))
            return -1;
    return 1;
}

/* 1 when a and b hold the same copies (floats bit for bit). */
static int same_copies(const struct rc_copies *a, const struct rc_copies *b)
{
    for (size_t i = 0; i < NDOCS; i++) {
        const rc_copy *x, *y;
        size_t mx, my;
        size_t nx = rc_copies_of(a, i, &x, &mx), ny = rc_copies_of(b, i, &y, &my);
        if (nx != ny || mx != my)
            return 0;
        for (size_t k = 0; k < nx; k++)
            if (x[k].doc != y[k].doc || memcmp(&x[k].share, &y[k].share, sizeof(float)) ||
                memcmp(&x[k].jaccard, &y[k].jaccard, sizeof(float)) ||
                x[k].direction != y[k].direction || x[k].basis != y[k].basis)
                return 0;
    }
    return 1;
}

/* Abort unless c's lists are bounded, in range and symmetric. */
static void check_sane(const struct rc_copies *c)
{
    for (size_t i = 0; i < NDOCS; i++) {
        const rc_copy *v;
        size_t more;
        size_t n = rc_copies_of(c, i, &v, &more);
        if (n > RC_COPIES_PER_DOC || more)
            abort();
        for (size_t k = 0; k < n; k++) {
            if (v[k].doc >= NDOCS || v[k].doc == i || !(v[k].share >= 0 && v[k].share <= 1) ||
                !(v[k].jaccard >= 0 && v[k].jaccard <= 1) || v[k].direction > RC_COPY_BY ||
                v[k].basis > RC_BASIS_CREDIT)
                abort();
            const rc_copy *w = copy_of(c, v[k].doc, i);
            int inv = v[k].direction == RC_COPY_FROM ? RC_COPY_BY
                      : v[k].direction == RC_COPY_BY ? RC_COPY_FROM
                                                     : RC_COPY_UNKNOWN;
            if (!w || memcmp(&w->jaccard, &v[k].jaccard, sizeof(float)) || w->direction != inv ||
                w->basis != v[k].basis)
                abort();
        }
    }
}

/* Build the documents, their true records (the real encoder: rc_dedup
 * with rc_dedup_record_keys) and the baseline, once. */
static void setup(void)
{
    if (baseline)
        return;
    docs[0] = mkdoc("dispatch", "en", DISPATCH, "2026-05-04", "Wire", NULL);
    docs[1] = mkdoc("copy", "en", DISPATCH, "2026-05-05", "Daily", "Wire");
    docs[2] = mkdoc("longer", "en", LONGER, "2026-05-05", "Evening", NULL);
    docs[3] = mkdoc("other", "fr", OTHER_FR, "2026-05-05", NULL, NULL);
    docs[4] = mkdoc("short", "en", SHORT, NULL, NULL, NULL);
    docs[5] = mkdoc("undated", "en", DISPATCH, NULL, NULL, NULL);
    rc_dedup *x = rc_dedup_new(0, 0);
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_dedup_record_keys(x, &b);
    for (size_t i = 0; i < NDOCS; i++) {
        const rc_dedup_match *m;
        rc_dedup_add(x, docs[i], &m);
        if (ref_parse((const unsigned char *)b.data, b.len) != (i != 4))
            abort();
        truth[i] = malloc(b.len);
        memcpy(truth[i], b.data, b.len);
        ntruth[i] = b.len;
    }
    rc_buf_cleanup(&b);
    rc_dedup_free(x);
    baseline = rc_copies_build(docs, NDOCS);
    /* the dispatch's copies are found: the checks below mean something */
    if (!copy_of(baseline, 1, 0) || !copy_of(baseline, 2, 0) || !copy_of(baseline, 5, 1))
        abort();
    check_sane(baseline);
    static const unsigned char all[NDOCS] = {1, 1, 1, 1, 1, 1};
    struct rc_copies *c = rc_copies_build_stored(docs, NDOCS, (const unsigned char *const *)truth,
                                                 ntruth, all);
    if (!same_copies(baseline, c))
        abort();
    rc_copies_free(c);
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size < 1)
        return 0;
    size_t first = data[0] % NDOCS;
    int others = data[0] & 8;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    unsigned char *keys[NDOCS] = {0};
    size_t nkeys[NDOCS] = {0};
    unsigned char use[NDOCS] = {0};
    int given[NDOCS] = {0}; /* 0: none; else ref_parse of the fuzzed record + 2 */
    unsigned char *owned[NDOCS] = {0};
    for (size_t i = 0; others && i < NDOCS; i++) {
        keys[i] = truth[i];
        nkeys[i] = ntruth[i];
        use[i] = 1;
    }
    size_t at = 0;
    int plain = 1; /* every fuzzed record malformed or its document's own */
    for (size_t k = 0; k < NDOCS && at < n; k++) {
        size_t end = at + 1;
        while (end + 4 <= n && memcmp(p + end, "RCCK", 4) != 0)
            end++;
        if (end + 4 > n)
            end = n;
        size_t i = (first + k) % NDOCS;
        /* an exact-size heap copy, so any over-read is caught */
        owned[i] = malloc(end - at);
        memcpy(owned[i], p + at, end - at);
        keys[i] = owned[i];
        nkeys[i] = end - at;
        use[i] = 1;
        given[i] = ref_parse(owned[i], nkeys[i]) + 2;
        int own = nkeys[i] == ntruth[i] && memcmp(owned[i], truth[i], ntruth[i]) == 0;
        if (given[i] != 1 && !own)
            plain = 0;
        at = end;
    }
    struct rc_copies *c = rc_copies_build_stored(docs, NDOCS, (const unsigned char *const *)keys,
                                                 nkeys, use);
    check_sane(c);
    if (plain && !same_copies(baseline, c))
        abort();
    for (size_t i = 0; i < NDOCS; i++) {
        const rc_copy *v;
        if (given[i] == 2 && rc_copies_of(c, i, &v, NULL) != 0)
            abort();
    }
    rc_copies_free(c);
    for (size_t i = 0; i < NDOCS; i++)
        free(owned[i]);
    return 0;
}
