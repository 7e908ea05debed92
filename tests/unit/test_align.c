/*
 * test_align.c - claim alignment (crosscheck/align.h) over units of one
 * class (the same sentence in many documents): the class walks the
 * candidate index once and each unit takes the class's candidates, its
 * own document left out. A sentence in 40 documents (more candidates
 * than the per-unit cap, and twice in one document) and one in 6
 * documents (fewer than the cap) each form one claim group over all
 * their documents, the repeated sentence's two units included.
 * Articles invented for this test.
 */
#include "test.h"
#include "crosscheck/align.h"
#include "meta/fold.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"
#include <stdio.h>
#include <string.h>

enum { NDOC = 40, NSMALL = 6 };

/* The group of the unit of document doc whose sentence holds needle
 * (the k-th such unit of that document), or SIZE_MAX. */
static size_t group_of(const rc_align *al, rc_doc *const *docs, size_t doc, const char *needle,
                       size_t k)
{
    for (size_t u = 0; u < al->nunits; u++) {
        const rc_align_unit *un = &al->units[u];
        if (un->doc != doc)
            continue;
        const rc_doc *d = docs[doc];
        rc_span sp = d->sentences[un->sentence];
        if (!rc_find(d->text + sp.start, sp.end - sp.start, needle, strlen(needle)))
            continue;
        if (k-- == 0)
            return un->group;
    }
    return SIZE_MAX;
}

/* One template sentence in NDOC documents (twice in the first), another
 * in NSMALL: one group each, over all their documents. */
static void test_class_groups(void **state)
{
    (void)state;
    static const char *const FILL[] = {"Rain", "Wind", "Snow", "Fog", "Hail"};
    rc_doc *docs[NDOC];
    size_t group[NDOC];
    char text[1024];
    for (size_t i = 0; i < NDOC; i++) {
        rc_doc *d = rc_doc_new();
        char id[16];
        snprintf(id, sizeof id, "d%zu", i);
        rc_doc_set(d, &d->id, id);
        rc_doc_set(d, &d->lang, "en");
        /* a sentence of its own, the template (twice in d0), and the
         * smaller template in the first NSMALL documents */
        snprintf(text, sizeof text,
                 "%s reached district number %zu early on day %zu of the season. "
                 "The harbour authority of Velmont closed the northern pier after the storm "
                 "damaged its loading cranes. %s%s",
                 FILL[i % 5], i * 7 + 3, i + 1,
                 i == 0 ? "The harbour authority of Velmont closed the northern pier after the "
                          "storm damaged its loading cranes. "
                        : "",
                 i < NSMALL ? "Fishermen of the Brask cooperative protested against the quota "
                              "reform outside the regional council."
                            : "");
        rc_doc_set(d, &d->text, text);
        d->text_len = strlen(text);
        docs[i] = d;
        group[i] = i;
    }
    rc_analysis a;
    rc_analysis_extract(&a, docs, NDOC);
    rc_align *al = rc_align_new(docs, a.facts, group, NDOC);
    assert_non_null(al);
    size_t g = group_of(al, docs, 0, "northern pier", 0);
    assert_true(g != SIZE_MAX);
    /* the repeated sentence of d0 joins the same group */
    assert_int_equal(group_of(al, docs, 0, "northern pier", 1), g);
    for (size_t i = 1; i < NDOC; i++)
        assert_int_equal(group_of(al, docs, i, "northern pier", 0), g);
    assert_int_equal(al->groups[g].ndocs, NDOC);
    assert_int_equal(al->groups[g].nunits, NDOC + 1);
    size_t h = group_of(al, docs, 0, "Brask", 0);
    assert_true(h != SIZE_MAX && h != g);
    for (size_t i = 1; i < NSMALL; i++)
        assert_int_equal(group_of(al, docs, i, "Brask", 0), h);
    assert_int_equal(al->groups[h].ndocs, NSMALL);
    rc_align_free(al);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < NDOC; i++)
        rc_doc_free(docs[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
