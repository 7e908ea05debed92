/*
 * test_textmodel.c - sentence boundaries (abbreviations, initials,
 * numbers, ellipses, quotes, line breaks) and tokens (offsets, elision,
 * numbers with separators, norms, stems and flags). All example sentences
 * are written for this test.
 */
#include "test.h"
#include "doc/doc.h"
#include "text/stem.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include <string.h>

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define RSQ "\xE2\x80\x99" /* ’ */

/* Sentences of text joined by '|' into out (a test-sized buffer). */
static void join_sentences(const char *text, char *out, size_t cap, size_t *count)
{
    rc_arena *a = rc_arena_new();
    rc_span *sp = NULL;
    size_t n = rc_sentences(a, text, strlen(text), &sp);
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t len = sp[i].end - sp[i].start;
        assert_true(sp[i].start < sp[i].end && sp[i].end <= strlen(text));
        assert_true(o + len + 2 < cap);
        if (i)
            out[o++] = '|';
        memcpy(out + o, text + sp[i].start, len);
        o += len;
        out[o] = '\0';
    }
    *count = n;
    rc_arena_free(a);
}

static const struct {
    const char *name, *text, *want;
} SPLITS[] = {
    {"title M.", "M. Garnier a quitté la salle. Personne ne l'a suivi.",
     "M. Garnier a quitté la salle.|Personne ne l'a suivi."},
    {"title MM. and Mme", "MM. Roux et Blanc ont voté contre, comme Mme Perrin. Le texte passe.",
     "MM. Roux et Blanc ont voté contre, comme Mme Perrin.|Le texte passe."},
    {"Dr. Pr. Mlle.", "Le Dr. Vasseur et le Pr. Lemoine ont reçu Mlle. Caron. Ils ont conclu.",
     "Le Dr. Vasseur et le Pr. Lemoine ont reçu Mlle. Caron.|Ils ont conclu."},
    {"English titles", "Mr. Hale met Mrs. Ortiz near St. Mary's church. They spoke briefly.",
     "Mr. Hale met Mrs. Ortiz near St. Mary's church.|They spoke briefly."},
    {"Jr.", "The report was signed by Alan Pierce Jr. Critics were quick to respond.",
     "The report was signed by Alan Pierce Jr. Critics were quick to respond."},
    {"single initial", "La romancière A. Berthier publie un essai. Il paraît lundi.",
     "La romancière A. Berthier publie un essai.|Il paraît lundi."},
    {"several initials", "The novels of K. L. M. Ashdown sold well. Sales have slowed.",
     "The novels of K. L. M. Ashdown sold well.|Sales have slowed."},
    {"page p. and n°", "Voir la p. 14 et le n° 8 du dossier. La suite est en annexe.",
     "Voir la p. 14 et le n° 8 du dossier.|La suite est en annexe."},
    {"etc. before lower case", "Des tables, des chaises, etc. ont été livrées. Tout est prêt.",
     "Des tables, des chaises, etc. ont été livrées.|Tout est prêt."},
    {"etc. ends a sentence", "Il vend du pain, des fruits, etc. Le marché ferme à midi.",
     "Il vend du pain, des fruits, etc.|Le marché ferme à midi."},
    {"thousands with dot", "Environ 12.000 personnes ont défilé. La police compte moins.",
     "Environ 12.000 personnes ont défilé.|La police compte moins."},
    {"decimal", "The index rose 2.75 points on Monday. Bonds were flat.",
     "The index rose 2.75 points on Monday.|Bonds were flat."},
    {"date", "L'accord date du 03/11/2024. Il expire dans deux ans.",
     "L'accord date du 03/11/2024.|Il expire dans deux ans."},
    {"year ends sentence", "The plant closed in 2019. It never reopened.",
     "The plant closed in 2019.|It never reopened."},
    {"ellipsis mid-sentence", "Il hésite... puis il signe. La salle applaudit.",
     "Il hésite... puis il signe.|La salle applaudit."},
    {"ellipsis char ends", "Et puis plus rien\xE2\x80\xA6 Le silence est retombé.",
     "Et puis plus rien\xE2\x80\xA6|Le silence est retombé."},
    {"closing guillemet", "Elle a dit : « Nous resterons. » Puis elle est sortie.",
     "Elle a dit : « Nous resterons. »|Puis elle est sortie."},
    {"closing guillemet NBSP", "« C" RSQ "est non" NNBSP "! »" NBSP "Le ministre a tranché.",
     "« C" RSQ "est non" NNBSP "! »|Le ministre a tranché."},
    {"question then lower case", "« Pourquoi pas ? » a-t-il lancé. Personne n'a répondu.",
     "« Pourquoi pas ? » a-t-il lancé.|Personne n'a répondu."},
    {"closing double quote", "He asked, \"Is it over?\" Nobody answered.",
     "He asked, \"Is it over?\"|Nobody answered."},
    {"closing bracket", "Prices rose (by 4.2% in May.) Then they fell back.",
     "Prices rose (by 4.2% in May.)|Then they fell back."},
    {"?! run", "Really?! Yes, really.", "Really?!|Yes, really."},
    {"url stays", "Details are on www.example.org today. More soon.",
     "Details are on www.example.org today.|More soon."},
    {"newline always splits", "Une ligne sans point\nUne autre ligne",
     "Une ligne sans point|Une autre ligne"},
    {"blank line", "Titre\n\nLe corps commence ici. Il continue.",
     "Titre|Le corps commence ici.|Il continue."},
    {"trim spaces and NBSP", "  " NBSP "Début. " NBSP " Fin.  ", "Début.|Fin."},
    {"digit after period", "Le score final est de 3. 2 buts ont été refusés.",
     "Le score final est de 3.|2 buts ont été refusés."},
};

/* Each text splits into the expected sentences. */
static void test_sentence_table(void **state)
{
    (void)state;
    char got[1024];
    for (size_t i = 0; i < sizeof SPLITS / sizeof *SPLITS; i++) {
        size_t n;
        join_sentences(SPLITS[i].text, got, sizeof got, &n);
        if (strcmp(got, SPLITS[i].want) != 0)
            fail_msg("split '%s':\n  got  %s\n  want %s", SPLITS[i].name, got, SPLITS[i].want);
    }
}

/* Empty and blank texts have no sentences. */
static void test_sentence_empty(void **state)
{
    (void)state;
    rc_arena *a = rc_arena_new();
    rc_span *sp = (rc_span *)1;
    assert_int_equal(rc_sentences(a, "", 0, &sp), 0);
    assert_int_equal(rc_sentences(a, " \n\n \t" NBSP, 7, &sp), 0);
    rc_arena_free(a);
}

/* Model of text in language lang (NULL allowed). */
static rc_doc *model(const char *text, const char *lang)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    if (lang)
        rc_doc_set(d, &d->lang, lang);
    rc_textmodel_build(d);
    return d;
}

/* Tokens of text joined by '|' (exact source bytes). */
static void join_tokens(const rc_doc *d, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < d->ntokens; i++) {
        size_t len = d->tokens[i].end - d->tokens[i].start;
        assert_true(o + len + 2 < cap);
        if (i)
            out[o++] = '|';
        memcpy(out + o, d->text + d->tokens[i].start, len);
        o += len;
        out[o] = '\0';
    }
}

static const struct {
    const char *name, *text, *want;
} TOKENS[] = {
    {"elision ’", "l" RSQ "aide", "l" RSQ "|aide"},
    {"elision capital '", "L'État décide.", "L'|État|décide|."},
    {"elision jusqu’", "jusqu" RSQ "à lundi", "jusqu" RSQ "|à|lundi"},
    {"elision lorsqu' and qu'", "lorsqu'il dit qu'elle part", "lorsqu'|il|dit|qu'|elle|part"},
    {"no elision inside word", "aujourd'hui et presqu" RSQ "île", "aujourd'hui|et|presqu" RSQ "île"},
    {"English contraction", "They don't know.", "They|don't|know|."},
    {"possessive", "the players' union", "the|players|'|union"},
    {"hyphenated word", "peut-être l'Arc-en-Ciel", "peut-être|l'|Arc-en-Ciel"},
    {"word with digits", "le COVID-19 et le G7", "le|COVID-19|et|le|G7"},
    {"thousands NBSP", "8" NBSP "000 bénévoles", "8" NBSP "000|bénévoles"},
    {"thousands NNBSP", "2" NNBSP "500" NNBSP "000 euros", "2" NNBSP "500" NNBSP "000|euros"},
    {"thousands space", "les 3 400 salariés", "les|3 400|salariés"},
    {"thousands dot", "24.000 manifestants", "24.000|manifestants"},
    {"thousands comma", "6,000 volunteers", "6,000|volunteers"},
    {"decimal comma percent", "3,5 %", "3,5|%"},
    {"date", "le 03/11/2024 à midi", "le|03/11/2024|à|midi"},
    {"time and ordinal", "à 10h30 le 1er mai", "à|10h30|le|1er|mai"},
    {"year then count not merged", "en 2025 200 personnes", "en|2025|200|personnes"},
    {"group of 4 not merged", "les 12 3456 cas", "les|12|3456|cas"},
    {"n°", "le n° 12", "le|n°|12"},
    {"ellipsis run", "Fin... ou pas", "Fin|...|ou|pas"},
    {"guillemets", "« oui »", "«|oui|»"},
    {"trailing hyphen", "pré- et post-opératoire", "pré|-|et|post-opératoire"},
};

/* Each text tokenises into the expected pieces. */
static void test_token_table(void **state)
{
    (void)state;
    char got[512];
    for (size_t i = 0; i < sizeof TOKENS / sizeof *TOKENS; i++) {
        rc_doc *d = model(TOKENS[i].text, "fr");
        join_tokens(d, got, sizeof got);
        if (strcmp(got, TOKENS[i].want) != 0)
            fail_msg("tokens '%s':\n  got  %s\n  want %s", TOKENS[i].name, got, TOKENS[i].want);
        rc_doc_free(d);
    }
}

/* Offsets round-trip: tokens are ordered, inside their sentence, cover all
 * non-space text, and folding their exact bytes gives their norm. */
static void test_offsets_roundtrip(void **state)
{
    (void)state;
    const char *text =
        "Selon l" RSQ "Institut, 1" NBSP "250 élèves (soit 3,2 %) ont réussi l'examen.\n"
        "« C" RSQ "est une première », a déclaré M. Aubry le 05/02/2024… "
        "THE END? Ω-Δ ß Straße!";
    rc_doc *d = model(text, "fr");
    rc_arena *a = rc_arena_new();
    assert_true(d->ntokens > 20);
    size_t prev_end = 0;
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *t = &d->tokens[i];
        assert_true(t->start < t->end && t->end <= d->text_len);
        assert_true(t->start >= prev_end);
        for (size_t k = prev_end; k < t->start;) {   /* only spaces between */
            int32_t cp;
            k += rc_utf8_decode(text, d->text_len, k, &cp);
            assert_true(rc_uc_is_space(cp));
        }
        prev_end = t->end;
        assert_true(t->sentence < d->nsentences);
        const rc_span *s = &d->sentences[t->sentence];
        assert_true(t->start >= s->start && t->end <= s->end);
        size_t fl;
        const char *f = rc_utf8_fold(a, text + t->start, t->end - t->start,
                                     RC_FOLD_CASE | RC_FOLD_QUOTES, &fl);
        if (strcmp(f, t->norm) != 0)
            fail_msg("token %zu '%.*s': norm '%s' want '%s'", i, (int)(t->end - t->start),
                     text + t->start, t->norm, f);
    }
    rc_arena_free(a);
    rc_doc_free(d);
}

/* Index of the first token whose source bytes are w, or fail. */
static const rc_token *find_tok(const rc_doc *d, const char *w)
{
    for (size_t i = 0; i < d->ntokens; i++)
        if (d->tokens[i].end - d->tokens[i].start == strlen(w) &&
            memcmp(d->text + d->tokens[i].start, w, strlen(w)) == 0)
            return &d->tokens[i];
    fail_msg("token '%s' not found", w);
    return NULL;
}

/* Norms, stems and flags of French tokens. */
static void test_flags_norms_stems(void **state)
{
    (void)state;
    rc_doc *d = model("Les élections de L" RSQ "OCDE ont 2" NBSP "000 observateurs. "
                      "Le vote continuera demain.", "fr");
    const rc_token *t = find_tok(d, "Les");
    assert_int_equal(t->flags, RC_TOK_WORD | RC_TOK_CAP | RC_TOK_STOP | RC_TOK_SENT_START);
    assert_string_equal(t->norm, "les");
    t = find_tok(d, "élections");
    assert_int_equal(t->flags, RC_TOK_WORD);
    assert_string_equal(t->stem, "élect");
    t = find_tok(d, "L" RSQ);
    assert_string_equal(t->norm, "l'");
    assert_int_equal(t->flags, RC_TOK_WORD | RC_TOK_CAP | RC_TOK_STOP);
    t = find_tok(d, "OCDE");
    assert_int_equal(t->flags, RC_TOK_WORD | RC_TOK_CAP | RC_TOK_UPPER);
    assert_string_equal(t->norm, "ocde");
    t = find_tok(d, "2" NBSP "000");
    assert_int_equal(t->flags, RC_TOK_NUM);
    assert_string_equal(t->norm, "2 000");
    assert_ptr_equal(t->stem, t->norm);
    t = find_tok(d, ".");
    assert_int_equal(t->flags, RC_TOK_PUNCT);
    assert_int_equal(t->sentence, 0);
    t = find_tok(d, "Le");
    assert_true(t->flags & RC_TOK_SENT_START);
    assert_int_equal(t->sentence, 1);
    t = find_tok(d, "continuera");
    size_t sl;
    const char *want = rc_stem("fr", "continuera", 10, &sl);
    assert_int_equal(strlen(t->stem), sl);
    assert_memory_equal(t->stem, want, sl);
    assert_string_not_equal(t->stem, t->norm);
    /* single capital letter is CAP but not UPPER */
    rc_doc_free(d);
    d = model("A votre avis", "fr");
    assert_int_equal(d->tokens[0].flags, RC_TOK_WORD | RC_TOK_CAP | RC_TOK_SENT_START);
    rc_doc_free(d);
}

/* With a stemmer, tokens that fold to the same norm share one norm string
 * (and its stem), whatever their case or position, and have the stem and
 * stopword flag of rc_stem_stop; different norms stay apart. */
static void test_shared_norms(void **state)
{
    (void)state;
    rc_doc *d = model("Les maisons voisines. LES MAISONS et les maisons voisines.", "fr");
    size_t nmaisons = 0, nles = 0;
    const rc_token *m0 = NULL, *l0 = NULL, *v0 = NULL;
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *t = &d->tokens[i];
        const rc_token **first = strcmp(t->norm, "maisons") == 0 ? &m0
                                 : strcmp(t->norm, "les") == 0   ? &l0
                                 : strcmp(t->norm, "voisines") == 0 ? &v0 : NULL;
        if (!first)
            continue;
        if (!*first)
            *first = t;
        assert_ptr_equal(t->norm, (*first)->norm);
        assert_ptr_equal(t->stem, (*first)->stem);
        assert_int_equal(t->flags & RC_TOK_STOP, (*first)->flags & RC_TOK_STOP);
        nmaisons += first == &m0;
        nles += first == &l0;
    }
    assert_int_equal(nmaisons, 3);
    assert_int_equal(nles, 3);
    assert_non_null(v0);
    assert_ptr_not_equal(m0->norm, v0->norm);
    size_t sl;
    int stop = -1;
    const char *want = rc_stem_stop("fr", "maisons", 7, &sl, &stop);
    assert_int_equal(strlen(m0->stem), sl);
    assert_memory_equal(m0->stem, want, sl);
    assert_int_equal(!!(m0->flags & RC_TOK_STOP), stop);
    (void)rc_stem_stop("fr", "les", 3, &sl, &stop);
    assert_int_equal(stop, 1);
    assert_true(l0->flags & RC_TOK_STOP);
    rc_doc_free(d);
}

/* Token keys beside the tokens: each is its norm's length, 32-bit FNV-1a
 * hash (the hash itself checked against the FNV-1a steps written out for
 * "le") and ASCII flag; the stems and stopword flags of a text longer than
 * the prefetch distance are those of rc_stem_stop one word at a time. */
static void test_token_keys(void **state)
{
    (void)state;
    uint32_t h = 2166136261u;
    h = (h ^ 'l') * 16777619u;
    h = (h ^ 'e') * 16777619u;
    assert_int_equal(rc_tokkey_hash("le", 2), h);
    assert_int_equal(rc_tokkey_hash("", 0), 2166136261u);
    rc_doc *d = model("Le vote des \xc3\x89lecteurs continuera demain, le vote des "
                      "\xc3\xa9lecteurs continuait hier. Les votes continuent "
                      "aujourd" RSQ "hui et les \xc3\xa9lections suivront.", "fr");
    assert_non_null(d->tokkeys);
    assert_true(d->ntokens > 20);
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *t = &d->tokens[i];
        const rc_tokkey *k = &d->tokkeys[i];
        size_t n = strlen(t->norm);
        assert_int_equal(k->len, n);
        assert_int_equal(k->hash, rc_tokkey_hash(t->norm, n));
        int ascii = 1;
        for (size_t j = 0; j < n; j++)
            ascii &= (unsigned char)t->norm[j] < 0x80;
        assert_int_equal(k->ascii, ascii);
        if (!(t->flags & RC_TOK_WORD))
            continue;
        size_t sl;
        int stop = -1;
        const char *st = rc_stem_stop("fr", t->norm, n, &sl, &stop);
        assert_int_equal(strlen(t->stem), sl);
        assert_memory_equal(t->stem, st, sl);
        assert_int_equal(!!(t->flags & RC_TOK_STOP), stop);
    }
    assert_int_equal(d->tokkeys[find_tok(d, "\xc3\x89lecteurs") - d->tokens].ascii, 0);
    assert_int_equal(d->tokkeys[find_tok(d, "vote") - d->tokens].ascii, 1);
    rc_doc_free(d);
    /* a model with sentences only has no keys */
    d = rc_doc_new();
    rc_doc_set(d, &d->text, "Un mot.");
    d->text_len = strlen(d->text);
    rc_textmodel_sentences(d);
    assert_null(d->tokkeys);
    rc_doc_free(d);
}

/* Without a language: no stems (stem == norm) and no stopword flags. */
static void test_no_lang(void **state)
{
    (void)state;
    rc_doc *d = model("Les élections continuent.", NULL);
    assert_int_equal(d->ntokens, 4);
    for (size_t i = 0; i < d->ntokens; i++) {
        assert_string_equal(d->tokens[i].stem, d->tokens[i].norm);
        assert_false(d->tokens[i].flags & RC_TOK_STOP);
    }
    rc_doc_free(d);
}

/* Building again replaces the model instead of appending to it. */
static void test_rebuild(void **state)
{
    (void)state;
    rc_doc *d = model("Un. Deux. Trois.", "fr");
    size_t nt = d->ntokens, ns = d->nsentences;
    assert_int_equal(ns, 3);
    rc_textmodel_build(d);
    assert_int_equal(d->ntokens, nt);
    assert_int_equal(d->nsentences, ns);
    d->text = NULL;
    rc_textmodel_build(d);
    assert_int_equal(d->ntokens, 0);
    assert_int_equal(d->nsentences, 0);
    rc_doc_free(d);
}

/* Hostile input: a long line without punctuation, a long run of periods,
 * one huge word and invalid bytes finish and stay within the text. */
static void test_hostile(void **state)
{
    (void)state;
    size_t n = 2u << 20;
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = (i % 5 == 4) ? ' ' : 'a';
    buf[n] = '\0';
    rc_doc *d = model(buf, "fr");
    assert_int_equal(d->nsentences, 1);
    assert_true(d->ntokens >= n / 5);
    rc_doc_free(d);

    memset(buf, 'x', n);                    /* one word of 2 MiB */
    d = model(buf, "en");
    assert_int_equal(d->ntokens, 1);
    assert_int_equal(d->tokens[0].end, n);
    rc_doc_free(d);

    for (size_t i = 0; i < n; i++)          /* ". . . . " */
        buf[i] = (i % 2) ? ' ' : '.';
    d = model(buf, "fr");
    assert_true(d->nsentences >= 1);
    rc_doc_free(d);

    memset(buf, ' ', n);                    /* spaces then a period */
    buf[0] = 'A';
    buf[1] = '.';
    buf[n - 1] = 'b';
    d = model(buf, "fr");
    assert_int_equal(d->nsentences, 1);
    rc_doc_free(d);
    free(buf);

    d = model("\xFF\xFE" "abc\xC3. D\xE9" "but \xED\xA0\x80.", "fr");
    for (size_t i = 0; i < d->ntokens; i++)
        assert_true(d->tokens[i].end <= d->text_len);
    rc_doc_free(d);
}

/* rc_textmodel_token_from_near: from every hint (and one past the end),
 * the answer of rc_textmodel_token_from for every byte position, token
 * starts, their neighbours and the text's end included. */
static void test_token_from_near(void **state)
{
    (void)state;
    rc_doc *d = model("Le 17 juin, M. Dupont a dit : \xc2\xab Non, jamais. \xc2\xbb Fin du texte ici.", "fr");
    assert_true(d->ntokens > 8);
    for (size_t hint = 0; hint <= d->ntokens + 1; hint++)
        for (uint32_t pos = 0; pos <= (uint32_t)d->text_len + 1; pos++)
            assert_int_equal(rc_textmodel_token_from_near(d, hint, pos),
                             rc_textmodel_token_from(d, pos));
    rc_doc_free(d);
}

/* rc_textmodel_sentences: the same sentences as rc_textmodel_build, no
 * tokens. */
static void test_sentences_only(void **state)
{
    (void)state;
    const char *text = "M. Dupont est arriv\xc3\xa9 hier. Il a dit : \xc2\xab Non. \xc2\xbb\n"
                       "Le 17/06/2025, 1.000 personnes. Fin";
    rc_doc *full = model(text, "fr");
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, "fr");
    rc_textmodel_sentences(d);
    assert_int_equal(d->nsentences, full->nsentences);
    for (size_t i = 0; i < d->nsentences; i++) {
        assert_int_equal(d->sentences[i].start, full->sentences[i].start);
        assert_int_equal(d->sentences[i].end, full->sentences[i].end);
    }
    assert_int_equal(d->ntokens, 0);
    assert_null(d->tokens);
    rc_doc_free(d);
    rc_doc_free(full);
}

/* rc_textmodel_tokens over the sentences rc_textmodel_sentences made:
 * the tokens of rc_textmodel_build (spans, sentence, flags, norm, stem,
 * keys), the sentences left as they were; over sentences given by hand,
 * tokens only inside them. */
static void test_tokens_over_sentences(void **state)
{
    (void)state;
    const char *text = "M. Dupont est arriv\xc3\xa9 hier. L" RSQ "aide vient. \xc2\xab Non. \xc2\xbb\n"
                       "Le 17/06/2025, 1 000 personnes ont march\xc3\xa9. Fin";
    rc_doc *full = model(text, "fr");
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, "fr");
    rc_textmodel_sentences(d);
    rc_span *sent = d->sentences;
    rc_textmodel_tokens(d);
    assert_ptr_equal(d->sentences, sent);
    assert_int_equal(d->nsentences, full->nsentences);
    assert_int_equal(d->ntokens, full->ntokens);
    assert_true(d->ntokens > 20);
    assert_non_null(d->tokkeys);
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *a = &d->tokens[i], *b = &full->tokens[i];
        assert_int_equal(a->start, b->start);
        assert_int_equal(a->end, b->end);
        assert_int_equal(a->sentence, b->sentence);
        assert_int_equal(a->flags, b->flags);
        assert_string_equal(a->norm, b->norm);
        assert_string_equal(a->stem, b->stem);
        assert_int_equal(d->tokkeys[i].hash, full->tokkeys[i].hash);
        assert_int_equal(d->tokkeys[i].len, full->tokkeys[i].len);
    }
    /* one hand-made sentence over "Dupont est": two tokens, both in it */
    static rc_span one = {3, 13};
    d->sentences = &one;
    d->nsentences = 1;
    rc_textmodel_tokens(d);
    assert_int_equal(d->ntokens, 2);
    assert_string_equal(d->tokens[0].norm, "dupont");
    assert_true(d->tokens[0].flags & RC_TOK_SENT_START);
    assert_int_equal(d->tokens[1].end, 13);
    rc_doc_free(d);
    rc_doc_free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence_table),
        cmocka_unit_test(test_sentence_empty),
        cmocka_unit_test(test_token_table),
        cmocka_unit_test(test_token_from_near),
        cmocka_unit_test(test_sentences_only),
        cmocka_unit_test(test_tokens_over_sentences),
        cmocka_unit_test(test_offsets_roundtrip),
        cmocka_unit_test(test_flags_norms_stems),
        cmocka_unit_test(test_shared_norms),
        cmocka_unit_test(test_token_keys),
        cmocka_unit_test(test_no_lang),
        cmocka_unit_test(test_rebuild),
        cmocka_unit_test(test_hostile),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rc_stem_cleanup();
    return rc;
}
