/*
 * test_clean.c - cleaning and metadata of plain-text articles, on invented
 * French and English articles (table-driven: each case lists what the body
 * must keep, what must go, and the metadata expected).
 */
#include "test.h"
#include "text/clean.h"
#include "util/rc.h"
#include <string.h>

#define MAXS 8

typedef struct clean_case {
    const char *name;
    const char *in;
    const char *keep[MAXS];      /* substrings the body must contain */
    const char *gone[MAXS];      /* substrings the body must not contain */
    const char *removed[MAXS];   /* lines that must be in d->removed */
    const char *title, *published, *dateline, *outlet, *author; /* NULL: must stay NULL */
    const char *credits[MAXS];   /* exactly these credits, in any order */
    const char *issue_evidence;  /* a weekday issue with this evidence, or NULL: none */
} clean_case;

static const clean_case CASES[] = {
    {
        "fr: breadcrumb, title, byline with agency, subhead kept, promo tail",
        "Accueil > Monde > Europe\n\n"
        "Inondations dans le Sud-Ouest : les secours d\xc3\xa9" "bord\xc3\xa9s\n\n"
        "Par Claire Martin avec AFP\n"
        "Les pluies torrentielles ont provoqu\xc3\xa9 d'importantes inondations mardi, selon la pr\xc3\xa9" "fecture.\n\n"
        "Le maire a indiqu\xc3\xa9 \xc3\xa0 l'AFP que deux cents habitants avaient \xc3\xa9t\xc3\xa9 \xc3\xa9vacu\xc3\xa9s.\n\n"
        "Un bilan encore incertain\n\n"
        "Les pompiers ont effectu\xc3\xa9 une quarantaine de sauvetages, a pr\xc3\xa9" "cis\xc3\xa9 le service d\xc3\xa9partemental.\n"
        "Lire aussi : La s\xc3\xa9" "cheresse menace les r\xc3\xa9" "coltes\n"
        "Partager\n"
        "Les plus lus\n"
        "Newsletter\n",
        {"Les pluies torrentielles", "Un bilan encore incertain", "service d\xc3\xa9partemental."},
        {"Accueil", "Par Claire", "Lire aussi", "Partager", "Les plus lus", "Newsletter", "Inondations dans"},
        {"Accueil > Monde > Europe", "Par Claire Martin avec AFP", "Les plus lus"},
        "Inondations dans le Sud-Ouest : les secours d\xc3\xa9" "bord\xc3\xa9s", NULL, NULL, NULL,
        "Claire Martin", {"AFP"}, NULL,
    },
    {
        "fr: header and wire dateline with a wrong weekday",
        " date 2024-03 Lille, France | AFP | lundi 12/03/2024 - Le conseil municipal a adopt\xc3\xa9 "
        "mardi le budget de la ville.\n\n\n\nL'opposition a vot\xc3\xa9 contre, jugeant les hausses d'imp\xc3\xb4ts excessives.\n",
        {"Le conseil municipal a adopt", "L'opposition a vot\xc3\xa9 contre"},
        {"date 2024", "| AFP |", "lundi 12/03"},
        {NULL},
        NULL, "2024-03-12", "Lille", NULL, NULL, {"AFP"}, "Lille, France | AFP | lundi 12/03/2024",
    },
    {
        "fr: header only gives a month",
        " date 2024-09 Une centaine de b\xc3\xa9n\xc3\xa9voles ont nettoy\xc3\xa9 la plage dimanche.\n"
        "La mairie pr\xc3\xa9voit une nouvelle op\xc3\xa9ration au printemps.\n",
        {"Une centaine de b\xc3\xa9n\xc3\xa9voles", "au printemps."},
        {"date 2024"},
        {NULL},
        NULL, "2024-09", NULL, NULL, NULL, {NULL}, NULL,
    },
    {
        "fr: donation tail, outlet self-reference, agency credit line; citations are not credits",
        "Le gouvernement a pr\xc3\xa9sent\xc3\xa9 mercredi un plan de r\xc3\xa9novation des \xc3\xa9" "coles rurales.\n"
        "Selon TASS, cit\xc3\xa9 par Yonhap, le projet aurait \xc3\xa9t\xc3\xa9 \xc3\xa9tudi\xc3\xa9 \xc3\xa0 l'\xc3\xa9tranger.\n"
        "La Voix Libre a contact\xc3\xa9 le minist\xc3\xa8re, qui n'a pas r\xc3\xa9pondu.\n"
        "Les syndicats saluent une avanc\xc3\xa9" "e mais r\xc3\xa9" "clament davantage de moyens.\n"
        "Avec L\xe2\x80\x99" "Associated Press\n"
        "Soutenez La Voix Libre d\xc3\xa8s 2 \xe2\x82\xac\n"
        "Pourquoi avons-nous besoin de vous ?\n"
        "La Voix Libre est un m\xc3\xa9" "dia ind\xc3\xa9pendant financ\xc3\xa9 par ses lecteurs. Votre soutien "
        "nous permet de poursuivre notre travail d'enqu\xc3\xaate.\n",
        {"Le gouvernement a pr\xc3\xa9sent\xc3\xa9", "La Voix Libre a contact\xc3\xa9 le minist\xc3\xa8re",
         "davantage de moyens."},
        {"Soutenez", "Pourquoi avons-nous", "est un m\xc3\xa9" "dia", "Associated Press"},
        {"Avec L\xe2\x80\x99" "Associated Press", "Soutenez La Voix Libre d\xc3\xa8s 2 \xe2\x82\xac"},
        NULL, NULL, NULL, "La Voix Libre", NULL, {"Associated Press"}, NULL,
    },
    {
        "fr: subheads between paragraphs stay, no title from a first sentence",
        "Le festival a attir\xc3\xa9 plus de monde que pr\xc3\xa9vu cette ann\xc3\xa9" "e. Les organisateurs se f\xc3\xa9licitent.\n"
        "Une programmation audacieuse\n"
        "Les concerts du samedi ont afflu\xc3\xa9 jusqu'\xc3\xa0 minuit.\n"
        "Des finances fragiles\n"
        "Le budget reste d\xc3\xa9" "ficitaire malgr\xc3\xa9 la hausse des entr\xc3\xa9" "es.\n",
        {"Une programmation audacieuse", "Des finances fragiles", "Le festival a attir\xc3\xa9"},
        {NULL},
        {NULL},
        NULL, NULL, NULL, NULL, NULL, {NULL}, NULL,
    },
    {
        "fr: outlet-looking byline goes to outlet",
        "Sant\xc3\xa9 publique : la vaccination progresse\n"
        "Par Radio Littoral avec AFP et Reuters\n"
        "La campagne de vaccination a d\xc3\xa9pass\xc3\xa9 ses objectifs, selon l'agence r\xc3\xa9gionale.\n"
        "Les pharmacies ont r\xc3\xa9" "alis\xc3\xa9 un tiers des injections.\n",
        {"La campagne de vaccination"},
        {"Par Radio"},
        {"Par Radio Littoral avec AFP et Reuters"},
        "Sant\xc3\xa9 publique : la vaccination progresse", NULL, NULL, "Radio Littoral", NULL,
        {"AFP", "Reuters"}, NULL,
    },
    {
        "en: breadcrumb, title, byline, dateline after the byline, promo tail",
        "Home | World | Asia\n\n"
        "Floods force thousands from homes in coastal province\n\n"
        "By Daniel Reyes\n"
        "MANILA, Aug 14 (Reuters) - Heavy rains forced thousands of residents to leave their homes on Wednesday, officials said.\n\n"
        "\"We have never seen water this high,\" a village chief told Reuters.\n\n"
        "Rescue efforts\n\n"
        "Military trucks carried families to evacuation centres, the disaster agency said.\n\n"
        "Read more: Typhoon season explained\n"
        "Support our journalism\n"
        "Become a member today and help us keep reporting. Your contribution keeps our newsroom independent.\n"
        "Sign up for our newsletter\n",
        {"Heavy rains forced", "Rescue efforts", "evacuation centres, the disaster agency said."},
        {"MANILA", "(Reuters) -", "By Daniel", "Read more", "Support our", "Become a member", "newsletter"},
        {"Home | World | Asia", "By Daniel Reyes", "Support our journalism"},
        "Floods force thousands from homes in coastal province", NULL, "MANILA", NULL,
        "Daniel Reyes", {"Reuters"}, NULL,
    },
    {
        "en: agency dateline, closing credit, with-AP line, no title",
        "WASHINGTON (AP) \xe2\x80\x94 Lawmakers approved the spending bill late on Thursday after weeks of talks.\n"
        "The measure now goes to the president, who is expected to sign it.\n"
        "Share this article\n"
        "With AP and AFP\n",
        {"Lawmakers approved", "expected to sign it."},
        {"WASHINGTON", "Share this", "With AP"},
        {"Share this article", "With AP and AFP"},
        NULL, NULL, "WASHINGTON", NULL, NULL, {"Associated Press", "AFP"}, NULL,
    },
    {
        "en: donation appeal paragraph and self-description removed, outlet from the appeal",
        "The city council voted to extend the night bus network, a move welcomed by workers' unions.\n"
        "Officials said the first new routes would open in spring.\n"
        "Support Harbour Gazette\n"
        "Harbour Gazette is an independent newsroom funded by readers like you. Donate today to keep local reporting free.\n",
        {"The city council voted", "would open in spring."},
        {"Support Harbour", "independent newsroom"},
        {"Support Harbour Gazette"},
        NULL, NULL, NULL, "Harbour Gazette", NULL, {NULL}, NULL,
    },
    {
        "fr: a page date line gives the day; an appeal opening a promo block names the outlet",
        "Accueil > R\xc3\xa9gions\n\n"
        "Le tramway de la vall\xc3\xa9" "e ouvrira en septembre\n\n"
        "Publi\xc3\xa9 le 07/05/2025 \xc3\xa0 08h30\n\n"
        "La m\xc3\xa9tropole a confirm\xc3\xa9 l'ouverture de la ligne apr\xc3\xa8s trois ans de travaux.\n"
        "Les riverains attendent surtout la fin du chantier.\n\n"
        "Soutenez La Voix des Monts\n"
        "Notre r\xc3\xa9" "daction ne vit que gr\xc3\xa2" "ce \xc3\xa0 vous. Faites un don pour que nous puissions continuer.\n",
        {"La m\xc3\xa9tropole a confirm\xc3\xa9", "fin du chantier."},
        {"Publi\xc3\xa9 le", "Soutenez", "Notre r\xc3\xa9" "daction"},
        {"Publi\xc3\xa9 le 07/05/2025 \xc3\xa0 08h30"},
        "Le tramway de la vall\xc3\xa9" "e ouvrira en septembre", "2025-05-07", NULL,
        "La Voix des Monts", NULL, {NULL}, NULL,
    },
    {
        "en: a dated line refines a month-only header; reader-addressed promo lines with a period go",
        " date 2025-05\nHome | Business\n\nPort strike ends after ten days\n\nBy Marta Lind in Oslo\nMay 19, 2025\n\n"
        "Dock workers returned to work on Monday after the union accepted a new pay offer.\n"
        "Shipping lines said it would take a week to clear the backlog.\n"
        "Most read\n"
        "Council approves new cycle lanes downtown\n"
        "Get our morning briefing in your inbox, every weekday at 7am.\n"
        "Kestrel Daily is funded by its readers. Become a supporter today.\n",
        {"Dock workers returned", "clear the backlog."},
        {"Most read", "cycle lanes", "morning briefing", "funded by"},
        {"Get our morning briefing in your inbox, every weekday at 7am."},
        "Port strike ends after ten days", "2025-05-19", NULL, "Kestrel Daily", "Marta Lind", {NULL},
        NULL,
    },
};

/* Check one case against a fresh document. */
static void run_case(const clean_case *c)
{
    print_message("case: %s\n", c->name);
    rc_doc *d = rc_doc_new();
    int r = rc_clean_text(d, c->in, strlen(c->in), NULL);
    assert_int_equal(r, RC_OK);
    assert_non_null(d->text);
    assert_int_equal(strlen(d->text), d->text_len);
    for (int i = 0; i < MAXS && c->keep[i]; i++)
        if (!strstr(d->text, c->keep[i]))
            fail_msg("%s: lost \"%s\" in:\n%s", c->name, c->keep[i], d->text);
    for (int i = 0; i < MAXS && c->gone[i]; i++)
        if (strstr(d->text, c->gone[i]))
            fail_msg("%s: left \"%s\" in:\n%s", c->name, c->gone[i], d->text);
    for (int i = 0; i < MAXS && c->removed[i]; i++) {
        int found = 0;
        for (size_t k = 0; k < d->nremoved; k++)
            found |= strcmp(d->removed[k], c->removed[i]) == 0;
        if (!found)
            fail_msg("%s: \"%s\" not recorded as removed", c->name, c->removed[i]);
    }
#define FIELD(f)                                   \
    if (c->f)                                      \
        assert_string_equal(d->f ? d->f : "(null)", c->f); \
    else                                           \
        assert_null(d->f);
    FIELD(title);
    FIELD(published);
    FIELD(dateline);
    FIELD(outlet);
    FIELD(author);
    size_t nc = 0;
    for (; nc < MAXS && c->credits[nc]; nc++) {
        int found = 0;
        for (size_t k = 0; k < d->ncredits; k++)
            found |= strcmp(d->credits[k], c->credits[nc]) == 0;
        if (!found)
            fail_msg("%s: credit %s missing", c->name, c->credits[nc]);
    }
    assert_int_equal(d->ncredits, nc);
    if (c->issue_evidence) {
        assert_int_equal(d->nissues, 1);
        assert_string_equal(d->issues[0].kind, "weekday");
        assert_string_equal(d->issues[0].evidence, c->issue_evidence);
    } else {
        assert_int_equal(d->nissues, 0);
    }
    /* a body never starts or ends with spaces and has no blank lines */
    assert_true(d->text_len > 0);
    assert_true(d->text[0] != ' ' && d->text[0] != '\n');
    assert_true(d->text[d->text_len - 1] != ' ' && d->text[d->text_len - 1] != '\n');
    assert_null(strstr(d->text, "\n\n"));
    rc_doc_free(d);
}

/* Every case of the table. */
static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
        run_case(&CASES[i]);
}

/* The weekday issue names the written weekday, the date and the real one. */
static void test_weekday_issue_text(void **state)
{
    (void)state;
    const char *in = "Oslo | Reuters | Friday 2024-11-05 - Ministers met on Tuesday.\n";
    rc_doc *d = rc_doc_new();
    assert_int_equal(rc_clean_text(d, in, strlen(in), NULL), RC_OK);
    assert_int_equal(d->nissues, 1);
    assert_non_null(strstr(d->issues[0].description, "Friday"));
    assert_non_null(strstr(d->issues[0].description, "2024-11-05"));
    assert_non_null(strstr(d->issues[0].description, "Tuesday"));
    assert_string_equal(d->text, "Ministers met on Tuesday.");
    rc_doc_free(d);
}

/* Metadata already set (from JSON input) wins over what the text says. */
static void test_given_metadata_wins(void **state)
{
    (void)state;
    const char *in = "Un titre court pour la page\nPar Radio Exemple avec AFP\n"
                     " Le texte de l'article commence ici et continue.\n";
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->outlet, "Donn\xc3\xa9" "es JSON");
    rc_doc_set(d, &d->title, "Titre JSON");
    assert_int_equal(rc_clean_text(d, in, strlen(in), NULL), RC_OK);
    assert_string_equal(d->outlet, "Donn\xc3\xa9" "es JSON");
    assert_string_equal(d->title, "Titre JSON");
    assert_string_equal(d->text, "Le texte de l'article commence ici et continue.");
    assert_int_equal(d->ncredits, 1);
    rc_doc_free(d);
}

/* line_seen stub: two other documents have the lines listed in ud. */
static unsigned seen_stub(void *ud, const char *group, uint64_t h)
{
    const char *const *lines = ud;
    assert_string_equal(group, "folder");
    for (size_t i = 0; lines[i]; i++)
        if (rc_clean_line_hash(lines[i], strlen(lines[i])) == h)
            return 2;
    return 0;
}

/* Short lines repeated across the group go, even mid-body; repeated
 * sentences stay; digits are squeezed in the hash. */
static void test_repeated_lines(void **state)
{
    (void)state;
    static const char *const seen[] = {
        "Edition du soir - page 7",
        "Les deux pays ont sign\xc3\xa9 un accord l'an dernier.",
        NULL,
    };
    const char *in = "Le port a rouvert lundi apr\xc3\xa8s trois jours de gr\xc3\xa8ve.\n"
                     "EDITION DU SOIR - Page 12\n"
                     "Les dockers ont obtenu une prime.\n"
                     "Un accord fragile\n"
                     "Les deux pays ont sign\xc3\xa9 un accord l'an dernier.\n"
                     "La direction promet de nouvelles embauches.\n";
    rc_doc *d = rc_doc_new();
    d->group = "folder";
    rc_clean_ctx ctx = {seen_stub, (void *)seen, "fr", 0};
    assert_int_equal(rc_clean_text(d, in, strlen(in), &ctx), RC_OK);
    assert_null(strstr(d->text, "EDITION"));
    assert_non_null(strstr(d->text, "Un accord fragile"));
    assert_non_null(strstr(d->text, "Les deux pays ont sign"));
    /* only lines that may be furniture are hashed: the two short lines, not
     * the four body paragraphs */
    assert_int_equal(d->nline_hashes, 2);
    assert_true(d->line_hashes[0] == rc_clean_line_hash("edition du soir - page 3", 24));
    assert_true(d->line_hashes[1] == rc_clean_line_hash("Un accord fragile", 17));
    rc_doc_free(d);

    /* without history the same line is a subhead-like line and stays */
    d = rc_doc_new();
    assert_int_equal(rc_clean_text(d, in, strlen(in), NULL), RC_OK);
    assert_non_null(strstr(d->text, "EDITION DU SOIR"));
    rc_doc_free(d);
}

/* Text extracted from a page's article (from_page): short lines at the
 * edges are the article's headings and short paragraphs and stay; a first
 * line repeating the title, credit lines and promotion lines still go. The
 * same text read as a plain-text page loses its edge lines. */
static void test_from_page(void **state)
{
    (void)state;
    const char *in = "The harbour reopens\n"
                     "Key dates\n"
                     "Ferries will run again from Monday after six weeks of repairs, the port said.\n"
                     "Tickets go on sale on Friday at the usual counters and online.\n"
                     "Winter timetable\n"
                     "Share this article\n"
                     "(Reuters)\n";
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->title, "The Harbour Reopens");
    rc_clean_ctx page = {NULL, NULL, "en", 1};
    assert_int_equal(rc_clean_text(d, in, strlen(in), &page), RC_OK);
    assert_null(strstr(d->text, "The harbour reopens"));
    assert_non_null(strstr(d->text, "Key dates"));
    assert_non_null(strstr(d->text, "Winter timetable"));
    assert_null(strstr(d->text, "Share this article"));
    assert_null(strstr(d->text, "(Reuters)"));
    assert_int_equal(d->ncredits, 1);
    assert_string_equal(d->credits[0], "Reuters");
    rc_doc_free(d);

    d = rc_doc_new();
    rc_clean_ctx plain = {NULL, NULL, "en", 0};
    assert_int_equal(rc_clean_text(d, in, strlen(in), &plain), RC_OK);
    assert_null(strstr(d->text, "Key dates"));
    assert_null(strstr(d->text, "Winter timetable"));
    rc_doc_free(d);
}

/* rc_clean_line_hash: case, spaces, digits and accents are squeezed. */
static void test_line_hash(void **state)
{
    (void)state;
    static const struct { const char *a, *b; int eq; } cases[] = {
        {"Page 2", "page 3", 1},
        {"  Les  plus   lus ", "Les plus lus", 1},
        {"Page 2024", "Page 7", 1},
        {"\xc3\x80 la une", "A LA UNE", 1},
        {"Read more", "Read less", 0},
        {"Page 2", "Page", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        uint64_t ha = rc_clean_line_hash(cases[i].a, strlen(cases[i].a));
        uint64_t hb = rc_clean_line_hash(cases[i].b, strlen(cases[i].b));
        assert_int_equal(ha == hb, cases[i].eq);
    }
    /* long lines hash through several buffers consistently */
    size_t n = 5000;
    char *x = malloc(n), *y = malloc(n + 3);
    assert_non_null(x);
    assert_non_null(y);
    memset(x, 'a', n);
    memset(y, 'A', n + 3);
    y[0] = y[1] = y[2] = ' ';
    assert_true(rc_clean_line_hash(x, n) == rc_clean_line_hash(y, n + 3));
    x[n - 1] = 'b';
    assert_false(rc_clean_line_hash(x, n) == rc_clean_line_hash(y, n + 3));
    free(x);
    free(y);
}

/* Only furniture: RC_EMPTY. Empty input: RC_EMPTY. */
static void test_empty(void **state)
{
    (void)state;
    const char *in = "Partager\nNewsletter\n\n";
    rc_doc *d = rc_doc_new();
    assert_int_equal(rc_clean_text(d, in, strlen(in), NULL), RC_EMPTY);
    assert_int_equal(d->text_len, 0);
    rc_doc_free(d);
    d = rc_doc_new();
    assert_int_equal(rc_clean_text(d, "", 0, NULL), RC_EMPTY);
    rc_doc_free(d);
}

/* A 10 MiB line, many short lines, bytes that are not UTF-8: no crash,
 * and the body is kept. */
static void test_hostile(void **state)
{
    (void)state;
    size_t n = (size_t)10 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = "ab. Cd "[i % 7];
    rc_doc *d = rc_doc_new();
    assert_int_equal(rc_clean_text(d, big, n, NULL), RC_OK);
    assert_true(d->text_len > n - 16);
    rc_doc_free(d);
    for (size_t i = 0; i < n; i++)
        big[i] = (i % 3 == 2) ? '\n' : 'A';
    d = rc_doc_new();
    (void)rc_clean_text(d, big, n, NULL);
    assert_true(d->nline_hashes > 0);
    rc_doc_free(d);
    static const char bad[] = "Par \xff\xfe avec AFP\n\xe2\x80 Texte. \xc3\n(AFP) - \xf0\x9f";
    d = rc_doc_new();
    (void)rc_clean_text(d, bad, sizeof bad - 1, NULL);
    rc_doc_free(d);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_weekday_issue_text),
        cmocka_unit_test(test_given_metadata_wins),
        cmocka_unit_test(test_repeated_lines),
        cmocka_unit_test(test_line_hash),
        cmocka_unit_test(test_from_page),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
