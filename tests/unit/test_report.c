/* Unit tests for src/report: the JSON contract and Markdown escaping. */
#include "test.h"
#include "report/report.h"
#include "report/facts_text.h"
#include "util/rc.h"
#include <jansson.h>
#include <string.h>

/* A document with hostile text and a few metadata fields. */
static rc_doc *sample(void)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, "doc|1");
    rc_doc_set(d, &d->lang, "fr");
    rc_doc_set(d, &d->published, "2026-05");
    rc_doc_set(d, &d->title, "Un <b>titre</b> | avec \"guillemets\"");
    rc_doc_add_credit(d, "AFP");
    const char *text = "Ligne « un ».\nLigne <script>alert(1)</script> \\ fin.";
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->sentences = rc_arena_calloc(d->arena, 2, sizeof *d->sentences);
    d->sentences[0] = (rc_span){0, 15};
    d->sentences[1] = (rc_span){16, (uint32_t)d->text_len};
    d->nsentences = 2;
    rc_doc_add_issue(d, "weekday", "jeudi n'est pas le bon jour", "jeudi 01/01/2026");
    rc_doc_add_removed(d, "Les plus lus", 12);
    return d;
}

/* Write the report into a memory buffer and return it (caller frees). */
static char *render(int json, rc_doc *d)
{
    char *mem = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&mem, &n);
    rc_report r = {&d, 1, "test", NULL, NULL, NULL, 0};
    assert_int_equal(json ? rc_report_json(fp, &r) : rc_report_markdown(fp, &r), RC_OK);
    fclose(fp);
    return mem;
}

/* The JSON parses back, with every contract key and exact field values. */
static void json_contract(void **state)
{
    (void)state;
    rc_doc *d = sample();
    char *out = render(1, d);
    json_error_t err;
    json_t *r = json_loads(out, 0, &err);
    assert_non_null(r);
    static const char *keys[] = {"documents", "events", "stories", "entities", "quantities", "dates",
                                 "quotes", "citations", "claims", "discrepancies", "framing"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        assert_true(json_is_array(json_object_get(r, keys[i])));
    json_t *doc = json_array_get(json_object_get(r, "documents"), 0);
    assert_string_equal(json_string_value(json_object_get(doc, "id")), "doc|1");
    assert_string_equal(json_string_value(json_object_get(doc, "text")), d->text);
    assert_string_equal(json_string_value(json_object_get(doc, "title")), d->title);
    assert_string_equal(json_string_value(json_object_get(doc, "published")), "2026-05");
    assert_true(json_is_null(json_object_get(doc, "outlet")));
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "credits"), 0)), "AFP");
    json_t *s1 = json_array_get(json_object_get(doc, "sentences"), 1);
    assert_int_equal(json_integer_value(json_array_get(s1, 0)), 16);
    json_t *x = json_array_get(json_object_get(r, "discrepancies"), 0);
    assert_string_equal(json_string_value(json_object_get(x, "kind")), "weekday");
    assert_string_equal(json_string_value(json_array_get(json_object_get(x, "documents"), 0)), "doc|1");
    json_decref(r);
    free(out);
    rc_doc_free(d);
}

/* Markdown cells escape pipes and HTML so article text cannot break the
 * table or inject markup. */
static void markdown_escapes(void **state)
{
    (void)state;
    rc_doc *d = sample();
    char *out = render(0, d);
    assert_non_null(strstr(out, "| doc\\|1 |"));
    assert_non_null(strstr(out, "Un &lt;b&gt;titre&lt;/b&gt; \\| avec"));
    assert_null(strstr(out, "<b>"));
    assert_non_null(strstr(out, "Les plus lus"));
    assert_non_null(strstr(out, "jeudi n'est pas le bon jour"));
    free(out);
    rc_doc_free(d);
}

/* Facts become quantities[], dates[], quotes[] and citations[] elements
 * whose text is the exact span of the document, with the bound's name and
 * the speaker's entity id. */
static void json_facts(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    const char *text = "About 300 nurses marched on 4 May, the union said. \"We will not stop\", said Ada Lind.";
    rc_doc_set(d, &d->id, "f1");
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_facts *f = rc_facts_new(d);
    rc_mention *m = rc_facts_add_mention(d, f);
    m->start = 76; m->end = 84; m->type = RC_ENT_PERSON; m->entity = 4;
    rc_quantity *q = rc_facts_add_quantity(d, f);
    q->start = 0; q->end = 16; q->value = 300; q->bound = RC_BOUND_ABOUT; q->approximate = 1;
    q->counts = "nurses";
    rc_date *t = rc_facts_add_date(d, f);
    t->start = 28; t->end = 33; snprintf(t->value, sizeof t->value, "2026-05-04");
    rc_quote *qu = rc_facts_add_quote(d, f);
    qu->start = 52; qu->end = 68; qu->speaker = "Ada Lind"; qu->speaker_mention = 0;
    rc_citation *c = rc_facts_add_citation(d, f);
    c->start = 35; c->end = 50; c->source = "the union"; c->source_mention = -1;

    char *mem = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&mem, &n);
    rc_report r = {&d, 1, "test", &f, NULL, NULL, 0};
    assert_int_equal(rc_report_json(fp, &r), RC_OK);
    fclose(fp);
    json_error_t err;
    json_t *j = json_loads(mem, 0, &err);
    assert_non_null(j);
    json_t *jq = json_array_get(json_object_get(j, "quantities"), 0);
    assert_string_equal(json_string_value(json_object_get(jq, "text")), "About 300 nurses");
    assert_true(json_real_value(json_object_get(jq, "value")) == 300.0);
    assert_string_equal(json_string_value(json_object_get(jq, "bound")), "about");
    assert_true(json_is_true(json_object_get(jq, "approximate")));
    assert_string_equal(json_string_value(json_object_get(jq, "counts")), "nurses");
    json_t *jd = json_array_get(json_object_get(j, "dates"), 0);
    assert_string_equal(json_string_value(json_object_get(jd, "text")), "4 May");
    assert_string_equal(json_string_value(json_object_get(jd, "value")), "2026-05-04");
    json_t *ju = json_array_get(json_object_get(j, "quotes"), 0);
    assert_string_equal(json_string_value(json_object_get(ju, "text")), "We will not stop");
    assert_string_equal(json_string_value(json_object_get(ju, "speaker_entity")), "E5");
    json_t *jc = json_array_get(json_object_get(j, "citations"), 0);
    assert_string_equal(json_string_value(json_object_get(jc, "source")), "the union");
    assert_string_equal(json_string_value(json_object_get(jc, "text")), "the union said.");
    assert_true(json_is_null(json_object_get(jc, "source_entity")));
    json_decref(j);
    free(mem);
    rc_doc_free(d);
}

/* show --facts, plain: nested facts are marked with balanced markers and
 * their values; a fact crossing its enclosing one is clipped to it. */
static void facts_text_plain(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    const char *text = "\"About 300 nurses\" came, said Ada Lind on 4 May.";
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_facts *f = rc_facts_new(d);
    rc_quote *qu = rc_facts_add_quote(d, f);
    qu->start = 1; qu->end = 17; qu->speaker = "Ada Lind";
    rc_quantity *q = rc_facts_add_quantity(d, f);
    q->start = 1; q->end = 17; q->value = 300; q->bound = RC_BOUND_ABOUT;
    rc_mention *m = rc_facts_add_mention(d, f);
    m->start = 30; m->end = 38; m->type = RC_ENT_PERSON; m->entity = 0;
    rc_date *t = rc_facts_add_date(d, f);
    t->start = 42; t->end = 47; snprintf(t->value, sizeof t->value, "2026-05-04");
    rc_mention *bad = rc_facts_add_mention(d, f); /* crosses the quote's end */
    bad->start = 11; bad->end = 25; bad->type = RC_ENT_OTHER; bad->entity = -1;

    char *mem = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&mem, &n);
    assert_int_equal(rc_report_facts_text(fp, d, f, 0), RC_OK);
    fclose(fp);
    assert_non_null(strstr(mem, "\"«« {{About 300 [nurses]{other}}}{~300} »»{Ada Lind}\" came, said "
                                "[Ada Lind]{person E1} on <<4 May>>{2026-05-04}."));
    assert_null(strstr(mem, "\x1b["));
    free(mem);
    mem = NULL;
    fp = open_memstream(&mem, &n);
    assert_int_equal(rc_report_facts_text(fp, d, f, 1), RC_OK);
    fclose(fp);
    assert_non_null(strstr(mem, "\x1b[1;36mAda Lind"));
    free(mem);
    rc_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_contract), cmocka_unit_test(markdown_escapes),
        cmocka_unit_test(json_facts), cmocka_unit_test(facts_text_plain),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
