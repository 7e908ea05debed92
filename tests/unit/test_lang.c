/*
 * test_lang.c - language identification on news-like paragraphs written
 * for this test, and the "unsure" answers.
 */
#include "test.h"
#include "text/lang.h"
#include <string.h>

static const struct {
    const char *want;
    const char *text;
} PARAGRAPHS[] = {
    {"fr", "Le conseil municipal a adopté jeudi soir le budget de l\xE2\x80\x99" "an prochain, "
           "malgré l\xE2\x80\x99opposition des élus écologistes qui réclamaient davantage de moyens "
           "pour les transports en commun. La maire a promis une concertation avec les "
           "habitants avant la fin du trimestre."},
    {"en", "The city council approved next year's budget on Thursday evening, despite "
           "objections from several members who wanted more money for public transport. "
           "The mayor promised to consult residents before the end of the quarter and said "
           "the plan would be reviewed in the spring."},
    {"de", "Der Stadtrat hat am Donnerstagabend den Haushalt für das kommende Jahr "
           "beschlossen, obwohl mehrere Mitglieder mehr Geld für den öffentlichen Nahverkehr "
           "gefordert hatten. Die Bürgermeisterin versprach, die Bewohner noch vor dem Ende "
           "des Quartals anzuhören."},
    {"es", "El ayuntamiento aprobó el jueves por la noche el presupuesto del próximo año, "
           "a pesar de las críticas de varios concejales que pedían más dinero para el "
           "transporte público. La alcaldesa prometió consultar a los vecinos antes del "
           "final del trimestre."},
    {"ru", "Городской совет в четверг вечером утвердил бюджет на следующий год, несмотря "
           "на возражения нескольких депутатов, которые требовали больше денег на "
           "общественный транспорт. Мэр пообещала обсудить план с жителями до конца квартала."},
};

/* Each paragraph is identified as its language. */
static void test_paragraphs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof PARAGRAPHS / sizeof *PARAGRAPHS; i++) {
        const char *got = rc_lang_detect(PARAGRAPHS[i].text, strlen(PARAGRAPHS[i].text));
        if (!got || strcmp(got, PARAGRAPHS[i].want) != 0)
            fail_msg("paragraph %zu: got %s, want %s", i, got ? got : "NULL", PARAGRAPHS[i].want);
    }
}

/* Too little text, or no letters, gives NULL rather than a guess. */
static void test_unsure(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "", "Bonjour", "Le maire a parlé.", "12 345 678 - 90 / 17.03.2024 ; 42 %",
        "\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\xB0\xE9\x97\xBB\xE6\x8A\xA5\xE9\x81\x93",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (rc_lang_detect(cases[i], strlen(cases[i])) != NULL)
            fail_msg("case %zu should be unknown", i);
    assert_null(rc_lang_detect(NULL, 10));
}

/* Long text: only the beginning is read, and an unterminated buffer is
 * never read past its length (ASan checks). */
static void test_long_and_unterminated(void **state)
{
    (void)state;
    const char *fr = PARAGRAPHS[0].text;
    size_t len = strlen(fr), n = len * 40;
    char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t i = 0; i < 40; i++)
        memcpy(buf + i * len, fr, len);
    const char *got = rc_lang_detect(buf, n);
    assert_non_null(got);
    assert_string_equal(got, "fr");
    /* exact-size copy of the English paragraph, no NUL */
    const char *en = PARAGRAPHS[1].text;
    char *p = malloc(strlen(en));
    assert_non_null(p);
    memcpy(p, en, strlen(en));
    got = rc_lang_detect(p, strlen(en));
    assert_non_null(got);
    assert_string_equal(got, "en");
    free(p);
    free(buf);
}

/* A NUL inside the text ends the sample there. */
static void test_embedded_nul(void **state)
{
    (void)state;
    char buf[600];
    const char *en = PARAGRAPHS[1].text;
    size_t len = strlen(en);
    memcpy(buf, "Court.", 6);
    buf[6] = '\0';
    memcpy(buf + 7, en, len < sizeof buf - 7 ? len : sizeof buf - 7);
    assert_null(rc_lang_detect(buf, sizeof buf));
}

/* The classifier can be released and is loaded again on demand. */
static void test_cleanup_reload(void **state)
{
    (void)state;
    rc_lang_cleanup();
    const char *got = rc_lang_detect(PARAGRAPHS[2].text, strlen(PARAGRAPHS[2].text));
    assert_non_null(got);
    assert_string_equal(got, "de");
    rc_lang_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_unsure),
        cmocka_unit_test(test_long_and_unterminated),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_cleanup_reload),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rc_lang_cleanup();
    return rc;
}
