/* Unit tests for src/doc: the document model's setters own their copies. */
#include "test.h"
#include "doc/doc.h"
#include <string.h>

/* Setters copy into the arena; NULL stays NULL. */
static void setters_copy(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    char tmp[32] = "Le Monde";
    rc_doc_set(d, &d->outlet, tmp);
    tmp[0] = 'X';
    assert_string_equal(d->outlet, "Le Monde");
    rc_doc_setn(d, &d->title, "Title here", 5);
    assert_string_equal(d->title, "Title");
    rc_doc_set(d, &d->author, NULL);
    assert_null(d->author);
    rc_doc_free(d);
    rc_doc_free(NULL);
}

/* Credits are deduplicated case-insensitively, in first-seen order. */
static void credits_dedup(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    rc_doc_add_credit(d, "AFP");
    rc_doc_add_credit(d, "Reuters");
    rc_doc_add_credit(d, "afp");
    rc_doc_add_credit(d, "");
    rc_doc_add_credit(d, NULL);
    assert_int_equal(d->ncredits, 2);
    assert_string_equal(d->credits[0], "AFP");
    assert_string_equal(d->credits[1], "Reuters");
    rc_doc_free(d);
}

/* Issues and removed lines accumulate with their strings copied. */
static void issues_and_removed(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    for (int i = 0; i < 50; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "line %d", i);
        rc_doc_add_removed(d, buf, strlen(buf));
    }
    rc_doc_add_issue(d, "weekday", "wrong weekday", "lundi 2/1/2024");
    rc_doc_add_issue(d, "other", NULL, NULL);
    assert_int_equal(d->nremoved, 50);
    assert_string_equal(d->removed[49], "line 49");
    assert_int_equal(d->nissues, 2);
    assert_string_equal(d->issues[0].kind, "weekday");
    assert_string_equal(d->issues[0].evidence, "lundi 2/1/2024");
    assert_string_equal(d->issues[1].description, "");
    assert_null(d->issues[1].evidence);
    rc_doc_free(d);
}

/* Appending many removed lines stays linear: 200,000 entries, all intact,
 * with arena use within a small factor of the payload (the old array
 * copies are geometric, not quadratic). */
static void many_removed_linear(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    for (size_t i = 0; i < 200000; i++) {
        char buf[16];
        int n = snprintf(buf, sizeof buf, "%zu", i);
        rc_doc_add_removed(d, buf, (size_t)n);
    }
    assert_int_equal(d->nremoved, 200000);
    assert_string_equal(d->removed[0], "0");
    assert_string_equal(d->removed[131071], "131071");
    assert_string_equal(d->removed[199999], "199999");
    /* payload: 200k pointers + strings (~16 B each) ~ 4.8 MB; quadratic
     * copying would be ~160 GB */
    assert_true(rc_arena_used(d->arena) < 32u << 20);
    rc_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(setters_copy), cmocka_unit_test(credits_dedup),
        cmocka_unit_test(issues_and_removed), cmocka_unit_test(many_removed_linear),
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
