/*
 * test_framing.c - distinctive terms and omissions (crosscheck/framing.h)
 * on invented French and English coverage of one invented event.
 */
#include "test.h"
#include "crosscheck/framing.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"
#include <math.h>
#include <time.h>

/* A document with text, language and outlet, tokens built. */
static rc_doc *mkdoc(const char *id, const char *lang, const char *outlet, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->outlet, outlet);
    rc_textmodel_build(d);
    return d;
}

/* 1 when a framing row's terms contain one whose text equals w (folded by
 * the caller: invented words are lower case). */
static int has_term(const rc_framing_doc *fd, const char *w)
{
    for (size_t i = 0; i < fd->nscores; i++)
        if (strstr(fd->scores[i].term, w))
            return 1;
    return 0;
}

/* 1 when a row's omissions name w. */
static int has_omission(const rc_framing_doc *fd, const char *w)
{
    for (size_t i = 0; i < fd->nomissions; i++)
        if (strstr(fd->omissions[i].term, w))
            return 1;
    return 0;
}

static const char *FR[][3] = {
    {"a", "Le Quotidien",
     "Les dockers du port de Brégançon sont en grève depuis lundi pour les salaires. "
     "Le syndicat dénonce un sabotage organisé par la direction. "
     "Ce sabotage du dialogue social inquiète les dockers. "
     "Le maire de Brégançon appelle au calme."},
    {"b", "La Gazette",
     "La grève des dockers paralyse le port de Brégançon depuis lundi. "
     "Les salaires sont au coeur du conflit, a appris la Gazette auprès du syndicat. "
     "Le maire de Brégançon a reçu les dockers mardi."},
    {"c", "Le Matin",
     "Au port de Brégançon, les dockers poursuivent la grève. "
     "Ils réclament une hausse des salaires. "
     "Le maire de Brégançon espère une sortie rapide du conflit."},
    {"d", "Info Express",
     "Le port est bloqué par une grève des dockers. "
     "Les navires attendent au large depuis lundi. "
     "La direction du port propose une médiation."},
};

/* A loaded word used only by one outlet comes out for it and for no other;
 * words every outlet uses do not; what most others say and one leaves out
 * is its omission. */
static void test_french_group(void **state)
{
    (void)state;
    rc_doc *docs[4];
    for (size_t i = 0; i < 4; i++)
        docs[i] = mkdoc(FR[i][0], "fr", FR[i][1], FR[i][2]);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 4);
    rc_framing *f = rc_framing_build(&a);
    assert_int_equal(f->ndocs, 4);
    assert_true(has_term(&f->docs[0], "sabotage"));
    for (size_t i = 1; i < 4; i++)
        assert_false(has_term(&f->docs[i], "sabotage"));
    for (size_t i = 0; i < 4; i++) {
        assert_false(has_term(&f->docs[i], "grève"));
        assert_false(has_term(&f->docs[i], "dockers"));
        /* the outlet's own name is no term */
        assert_false(has_term(&f->docs[i], "Gazette"));
    }
    /* the count of the loaded word is reported */
    for (size_t i = 0; i < f->docs[0].nscores; i++)
        if (strcmp(f->docs[0].scores[i].term, "sabotage") == 0) {
            assert_int_equal(f->docs[0].scores[i].count, 2);
            assert_int_equal(f->docs[0].scores[i].others_count, 0);
            assert_true(f->docs[0].scores[i].z >= RC_FRAMING_Z_MIN);
        }
    /* d leaves out the wages and the town the three others name */
    assert_true(has_omission(&f->docs[3], "salaires"));
    assert_true(has_omission(&f->docs[3], "Brégançon"));
    for (size_t i = 0; i < 3; i++)
        assert_false(has_omission(&f->docs[i], "salaires"));
    rc_framing_free(f);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 4; i++)
        rc_doc_free(docs[i]);
}

static const char *EN[][3] = {
    {"e", "Daily Post",
     "Farmers blocked the motorway near Eastfold on Friday over fuel prices. "
     "Police cleared the motorway in the evening."},
    {"f", "The Courier",
     "Angry farmers blocked the motorway near Eastfold over fuel prices. "
     "The regime of taxes is a scandal, one farmer said. "
     "It is a scandal for every family."},
    {"g", "Morning News",
     "The motorway near Eastfold was blocked by farmers protesting fuel prices. "
     "Traffic resumed after police intervened."},
};

/* English articles form their own comparison; a French article in the
 * same group is compared with the French background, not with them. */
static void test_english_and_language_split(void **state)
{
    (void)state;
    rc_doc *docs[4];
    for (size_t i = 0; i < 3; i++)
        docs[i] = mkdoc(EN[i][0], "en", EN[i][1], EN[i][2]);
    docs[3] = mkdoc(FR[0][0], "fr", FR[0][1], FR[0][2]);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 4);
    rc_framing *f = rc_framing_build(&a);
    assert_true(has_term(&f->docs[1], "scandal"));
    assert_false(has_term(&f->docs[0], "scandal"));
    assert_false(has_term(&f->docs[2], "scandal"));
    for (size_t i = 0; i < 3; i++) {
        assert_false(has_term(&f->docs[i], "motorway"));
        assert_false(has_term(&f->docs[i], "farmers"));
    }
    /* the lone French article is not framed by English words */
    for (size_t i = 0; i < f->docs[3].nscores; i++)
        assert_null(strstr(f->docs[3].scores[i].term, "motorway"));
    rc_framing_free(f);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 4; i++)
        rc_doc_free(docs[i]);
}

/* A sub-group against the run as background: the loaded word still comes
 * out for its article when the group is three articles of a larger run. */
static void test_subgroup(void **state)
{
    (void)state;
    rc_doc *docs[4];
    for (size_t i = 0; i < 4; i++)
        docs[i] = mkdoc(FR[i][0], "fr", FR[i][1], FR[i][2]);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 4);
    rc_framing_background *bg = rc_framing_background_new(&a);
    size_t group[3] = {0, 1, 2};
    rc_framing *f = rc_framing_group(&a, bg, group, 3);
    assert_int_equal(f->ndocs, 3);
    assert_int_equal(f->docs[2].doc, 2);
    assert_true(has_term(&f->docs[0], "sabotage"));
    assert_false(has_term(&f->docs[1], "sabotage"));
    /* two others of three: omissions need both */
    assert_false(has_omission(&f->docs[0], "salaires"));
    rc_framing_free(f);
    rc_framing_background_free(bg);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 4; i++)
        rc_doc_free(docs[i]);
}

/* 1 when some term of the row starts with the bytes w (case kept). */
static int has_term_prefix(const rc_framing_doc *fd, const char *w)
{
    for (size_t i = 0; i < fd->nscores; i++)
        if (strncmp(fd->scores[i].term, w, strlen(w)) == 0)
            return 1;
    return 0;
}

/* Furniture is no framing: a sentence-initial capital is shown folded;
 * words of dates and spelled-out figures, function words the stopword
 * list lacks and the newsroom's words about itself are no terms. */
static void test_no_furniture(void **state)
{
    (void)state;
    static const char *T[][3] = {
        {"a", "Le Quotidien",
         "Représailles contre les grévistes au port de Brégançon, dénoncent les dockers. "
         "Quarante-quatre dockers ont été sanctionnés en novembre, a appris notre journal. "
         "Cette grève des dockers dure, alors que la direction refuse toute discussion."},
        {"b", "La Gazette",
         "La grève des dockers paralyse le port de Brégançon depuis lundi. "
         "La direction refuse de discuter avec les dockers."},
        {"c", "Le Matin",
         "Au port de Brégançon, les dockers poursuivent la grève. "
         "La direction du port refuse la discussion."},
    };
    rc_doc *docs[3];
    for (size_t i = 0; i < 3; i++)
        docs[i] = mkdoc(T[i][0], "fr", T[i][1], T[i][2]);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 3);
    rc_framing *f = rc_framing_build(&a);
    const rc_framing_doc *fd = &f->docs[0];
    assert_true(has_term(fd, "représailles"));
    assert_false(has_term_prefix(fd, "Représailles"));
    static const char *const NO[] = {"uarante", "novembre", "ette", "journal", "alors"};
    for (size_t i = 0; i < sizeof NO / sizeof NO[0]; i++)
        if (has_term(fd, NO[i]))
            fail_msg("furniture term %s", NO[i]);
    rc_framing_free(f);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 3; i++)
        rc_doc_free(docs[i]);
}

/* Empty group, empty documents and 200 near-identical articles: no crash,
 * bounded time. */
static void test_bounded(void **state)
{
    (void)state;
    enum { N = 200 };
    rc_doc *docs[N];
    char text[2048];
    for (size_t i = 0; i < N; i++) {
        int n = snprintf(text, sizeof text, "%s Article numéro %zu sur la grève.",
                         FR[i % 4][2], i);
        assert_true(n > 0);
        char id[16];
        snprintf(id, sizeof id, "x%zu", i);
        docs[i] = mkdoc(id, "fr", FR[i % 4][1], i == 7 ? "" : text);
    }
    rc_analysis a;
    rc_analysis_extract(&a, docs, N);
    rc_framing *f0 = rc_framing_group(&a, NULL, NULL, 0);
    assert_int_equal(f0->ndocs, 0);
    rc_framing_free(f0);
    clock_t t0 = clock();
    rc_framing *f = rc_framing_build(&a);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(f->ndocs, N);
    assert_int_equal(f->docs[7].nscores, 0);
    assert_true(secs < 5.0); /* under a second unsanitised; ASan is slower */
    rc_framing_free(f);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < N; i++)
        rc_doc_free(docs[i]);
}

/* 1 when some term of the row holds an ASCII digit. */
static int has_digit_term(const rc_framing_doc *fd)
{
    for (size_t i = 0; i < fd->nscores; i++)
        if (strpbrk(fd->scores[i].term, "0123456789"))
            return 1;
    return 0;
}

/* Frame article "a" of text against two others as long, of other
 * invented words (its words are then distinctive against them): 1 when
 * it gets a term holding a digit, and *named when one of its terms
 * contains "grobnik". */
static int digit_term_of(const char *text, int *named)
{
    char other[2][4096];
    for (size_t o = 0; o < 2; o++) {
        size_t ot = 0;
        for (size_t k = 0; k < 50; k++) {
            int m = snprintf(other[o] + ot, sizeof other[o] - ot,
                             "The %c%c%cmok met it; the farmers saw the motorway. ",
                             (char)('a' + o), (char)('a' + k % 26), (char)('a' + k / 26));
            assert_true(m > 0 && (size_t)m < sizeof other[o] - ot);
            ot += (size_t)m;
        }
    }
    rc_doc *docs[3];
    docs[0] = mkdoc("a", "en", "Daily Herald", text);
    docs[1] = mkdoc("b", "en", "Morning Star", other[0]);
    docs[2] = mkdoc("c", "en", "Evening Post", other[1]);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 3);
    rc_framing *f = rc_framing_build(&a);
    *named = has_term(&f->docs[0], "grobnik");
    int digit = has_digit_term(&f->docs[0]);
    rc_framing_free(f);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 3; i++)
        rc_doc_free(docs[i]);
    return digit;
}

/* A word holding a digit is no term, wherever the digit sits and however
 * long the word (ASCII words are checked a machine word at a time, the
 * last read overlapping: every length from 2 to 17, a digit at the
 * second, a middle and the last letter, each length on its own so that
 * the top terms have room for all three), nor a non-ASCII one; an
 * invented word without digits used as often is. */
static void test_digit_words(void **state)
{
    (void)state;
    static const char *const LETTERS = "qzvwrtyplkmnbvcxj";
    for (size_t len = 1; len <= 17; len++) {
        char text[1024];
        size_t at = 0;
        /* len 1: the non-ASCII word instead */
        size_t pos[3] = {1, len / 2, len - 1};
        for (size_t k = 0; k < 3; k++) {
            char w[32];
            if (len == 1) {
                snprintf(w, sizeof w, "zé%cq", (char)('4' + k));
            } else {
                memcpy(w, LETTERS, len);
                w[pos[k]] = (char)('1' + (len + k) % 9);
                w[len] = '\0';
            }
            int n = snprintf(text + at, sizeof text - at, "The %s met %s; %s saw %s. ", w, w,
                             w, w);
            assert_true(n > 0 && (size_t)n < sizeof text - at);
            at += (size_t)n;
        }
        int n = snprintf(text + at, sizeof text - at,
                         "The grobnik met grobnik; grobnik saw grobnik.");
        assert_true(n > 0 && (size_t)n < sizeof text - at);
        int named = 0;
        if (digit_term_of(text, &named))
            fail_msg("a word of length %zu holding a digit is a term", len);
        assert_true(named);
    }
}

/* rc_framing_may_reach never drops what rc_framing_fw_z would keep: over
 * a table of boundary cases (a ratio of rates of exactly 2 and just
 * around it, undefined rates) and 1,000,000 random counts and priors
 * (a fixed LCG), a 0 always comes with a delta below RC_FRAMING_DELTA_MIN
 * or NAN; and it does drop: a ratio of 1.5 gives 0, one of 2.5 gives 1,
 * and most random cases with a delta below the bound are dropped. */
static void test_may_reach(void **state)
{
    (void)state;
    /* ratio r = ((ya + aw) / da) / ((yo + aw) / dob), da = na + a0 - ya - aw */
    double delta;
    /* ya 3, yo 1, aw 1: (4 / da) / (2 / dob), na = no: r = 2 * dob / da */
    assert_int_equal(rc_framing_may_reach(3, 1000, 1, 1000, 1, 500), 1);   /* r ~ 2.004 */
    assert_true(rc_framing_fw_z(3, 1000, 1, 1000, 1, 500, &delta) > 0);
    assert_true(delta >= RC_FRAMING_DELTA_MIN);
    assert_int_equal(rc_framing_may_reach(2, 1000, 1, 1000, 1, 500), 0);   /* r ~ 1.5 */
    assert_int_equal(rc_framing_may_reach(4, 1000, 1, 1000, 1, 500), 1);   /* r ~ 2.5 */
    assert_int_equal(rc_framing_may_reach(1, 10, 0, 10, 0.01, 1), 1);
    /* undefined: a rate's denominator not positive */
    assert_int_equal(rc_framing_may_reach(5, 1, 0, 10, 0.01, 1), 0);
    assert_true(isnan(rc_framing_fw_z(5, 1, 0, 10, 0.01, 1, &delta)));
    uint64_t x = 0x2545F4914F6CDD1Dull;
    size_t below = 0, dropped = 0;
    for (int i = 0; i < 1000000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        double ya = (double)((x >> 10) % 40), yo = (double)((x >> 20) % 60);
        double na = ya + (double)((x >> 30) % 5000), no = yo + (double)((x >> 43) % 50000);
        double a0 = 1 + (double)((x >> 13) % 60000);
        double aw = 0.01 + (double)((x >> 5) % 1000) / 100.0;
        if (i % 4 == 0) {
            /* near the bound: yo chosen for a ratio of about 2 */
            double da = na + a0 - ya - aw, dob = no + a0 - yo - aw;
            if (da > 0 && dob > 0) {
                double y = (ya + aw) * dob / (2.0 * da) - aw;
                if (y >= 0 && y < no)
                    yo = floor(y + 0.5);
            }
        }
        int may = rc_framing_may_reach(ya, na, yo, no, aw, a0);
        double z = rc_framing_fw_z(ya, na, yo, no, aw, a0, &delta);
        int reach = !isnan(z) && delta >= RC_FRAMING_DELTA_MIN;
        if (reach && !may)
            fail_msg("dropped a reaching delta %.17g (ya %g na %g yo %g no %g aw %g a0 %g)",
                     delta, ya, na, yo, no, aw, a0);
        if (!reach) {
            below++;
            dropped += !may;
        }
    }
    assert_true(below > 100000);
    assert_true(dropped * 10 > below * 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_group),
        cmocka_unit_test(test_english_and_language_split),
        cmocka_unit_test(test_subgroup),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_no_furniture),
        cmocka_unit_test(test_digit_words),
        cmocka_unit_test(test_may_reach),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
