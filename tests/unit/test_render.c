/* Unit tests for the human reports (src/report/render.c, terminal.c,
 * markdown.c, html.c, filter.c): escaping, wrapping, hostile text, the
 * report tree and the event filter. */
#include "test.h"
#include "report/render.h"
#include "report/report.h"
#include "util/rc.h"
#include <jansson.h>
#include <string.h>
#include <strings.h>

/* ---- escaping (tables) ---- */

typedef struct esc_case {
    const char *in;
    size_t max;
    const char *want;
} esc_case;

/* rc_render_html: the five significant characters as entities, control
 * characters dropped, caps cut at a code point. */
static void html_escape(void **state)
{
    (void)state;
    static const esc_case cases[] = {
        {"<script>alert(1)</script>", 0, "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"\"' &", 0, "&quot;&#39; &amp;"},
        {"a&amp;b", 0, "a&amp;amp;b"},
        {"tab\there\nline", 0, "tab\there\nline"},
        {"bell\a esc\033[31m", 0, "bell esc[31m"},
        {"plain text é", 0, "plain text é"},
        {"ééé", 3, "é…"},   /* 3 bytes: the second é would be cut in two */
        {"abcdef", 4, "abcd…"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_render_html(&b, cases[i].in, strlen(cases[i].in), cases[i].max);
        assert_string_equal(rc_buf_str(&b), cases[i].want);
        rc_buf_cleanup(&b);
    }
}

/* rc_render_md: Markdown punctuation backslash-escaped, HTML characters as
 * entities, line breaks as spaces. */
static void md_escape(void **state)
{
    (void)state;
    static const esc_case cases[] = {
        {"*bold* _em_ `code`", 0, "\\*bold\\* \\_em\\_ \\`code\\`"},
        {"[link](http://x) | # ~", 0, "\\[link\\](http://x) \\| \\# \\~"},
        {"<script>alert(1)</script>", 0, "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"a\\b & c", 0, "a\\\\b &amp; c"},
        {"two\nlines\r", 0, "two lines "},
        {"1 000 sapeurs, l'aide", 0, "1 000 sapeurs, l'aide"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_render_md(&b, cases[i].in, strlen(cases[i].in), cases[i].max);
        assert_string_equal(rc_buf_str(&b), cases[i].want);
        rc_buf_cleanup(&b);
    }
}

/* rc_render_term_clean: no control character (so no escape sequence from
 * an article) survives; blanks collapse. */
static void term_clean(void **state)
{
    (void)state;
    static const esc_case cases[] = {
        {"a\033[2Jb", 0, "a [2Jb"},
        {"  two\n\nlines  ", 0, "two lines"},
        {"c1\xc2\x9b" "31m", 0, "c1 31m"}, /* U+009B, the one-byte CSI */
        {"keep « guillemets »", 0, "keep « guillemets »"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_render_term_clean(&b, cases[i].in, strlen(cases[i].in), cases[i].max);
        assert_string_equal(rc_buf_str(&b), cases[i].want);
        rc_buf_cleanup(&b);
    }
}

/* ---- width and wrapping ---- */

/* Display widths: accents 1, CJK 2, combining marks and SGR 0. */
static void width(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t w;
    } cases[] = {
        {"abc", 3}, {"é", 1}, {"e\xcc\x81", 1}, {"漢字", 4}, {"\033[1;32mok\033[0m", 2}, {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_render_width(cases[i].s, strlen(cases[i].s)), cases[i].w);
}

/* The longest line of s in display columns, and its number of lines. */
static size_t widest(const char *s, size_t *lines)
{
    size_t w = 0;
    *lines = 0;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t x = rc_render_width(s, n);
        w = x > w ? x : w;
        (*lines)++;
        s += n + (e != NULL);
    }
    return w;
}

/* Wrapping: every line within the width, words kept whole when they fit,
 * a word longer than the line cut, indents applied, colour codes free. */
static void wrap(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t first, indent, width;
        const char *want;
    } cases[] = {
        {"one two three", 0, 0, 80, "one two three\n"},
        {"aaaa bbbb cccc dddd", 0, 0, 9, "aaaa bbbb\ncccc dddd\n"},
        {"aaaa bbbb cccc", 4, 4, 13, "aaaa bbbb\n    cccc\n"},
        {"abcdefghijklmnop", 0, 0, 8, "abcdefgh\nijklmnop\n"},
        {"\033[1maaaa\033[0m bbbb", 0, 0, 9, "\033[1maaaa\033[0m bbbb\n"},
        {"été été été", 0, 0, 8, "été été\nété\n"},
        {"", 0, 0, 80, "\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_render_wrap(&b, cases[i].text, cases[i].first, cases[i].indent, cases[i].width);
        assert_string_equal(rc_buf_str(&b), cases[i].want);
        rc_buf_cleanup(&b);
    }
    /* a long paragraph of mixed words at 80 columns with an indent of 6 */
    rc_buf text, b;
    rc_buf_init(&text, 0);
    rc_buf_init(&b, 0);
    for (int i = 0; i < 300; i++)
        rc_buf_puts(&text, i % 7 == 0 ? "reconstruction " : i % 5 == 0 ? "漢字漢字 " : "é, a ");
    rc_buf_puts(&text, "x123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890");
    rc_buf_puts(&b, "      ");
    rc_render_wrap(&b, rc_buf_str(&text), 6, 6, 80);
    size_t lines;
    assert_true(widest(rc_buf_str(&b), &lines) <= 80);
    assert_true(lines > 10);
    rc_buf_cleanup(&text);
    rc_buf_cleanup(&b);
}

/* ---- whole reports over a hostile document ---- */

/* A document whose title, outlet, text and credits carry HTML, quotes and
 * a terminal escape sequence. */
static rc_doc *hostile_doc(const char *id)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->lang, "fr");
    rc_doc_set(d, &d->published, "2026-05-04");
    rc_doc_set(d, &d->title, "Titre <script>alert(1)</script> \"' & \033[2J");
    rc_doc_set(d, &d->outlet, "Outlet <script>alert(1)</script> \"' &");
    rc_doc_add_credit(d, "<script>alert(1)</script>");
    const char *text = "Première phrase <script>alert(1)</script>.\nSeconde \"' & phrase \033[31mrouge.";
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->sentences = rc_arena_calloc(d->arena, 2, sizeof *d->sentences);
    d->sentences[0] = (rc_span){0, 43};
    d->sentences[1] = (rc_span){44, (uint32_t)d->text_len};
    d->nsentences = 2;
    return d;
}

/* Add to tree t one claim over documents a and b with hostile text and a
 * support entry in b's second sentence, and one event holding a. */
static void add_claim_and_event(json_t *t, const char *a, const char *b)
{
    json_t *c = json_pack("{s:s, s:s, s:[s,s], s:[s], s:i, s:s, s:[]}", "id", "C1", "text",
                          "Claim <script>alert(1)</script> \"' & *bold*", "documents", a, b, "origins",
                          "TASS <script>", "independent_origins", 1, "status", "single_origin", "notes");
    json_t *sup = json_array();
    json_array_append_new(sup, json_pack("{s:s, s:s, s:i, s:i, s:s, s:b, s:s}", "document", b, "text",
                                         "Seconde <script>", "start", 50, "end", 60, "origin", "TASS <script>",
                                         "relay", 1, "stance", "asserted"));
    json_object_set_new(c, "support", sup);
    json_array_append_new(json_object_get(t, "claims"), c);
    json_array_append_new(json_object_get(t, "events"),
                          json_pack("{s:s, s:s, s:s, s:[s], s:[]}", "id", "EV1", "date", "2026-05-04", "label",
                                    "Event <script>alert(1)</script>", "documents", a, "timeline"));
}

/* Render into memory with fn and return the output (caller frees). */
static char *render_with(int which, const rc_report *r, const json_t *t, int color)
{
    char *mem = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&mem, &n);
    rc_term_opts o = {color, 80};
    int rc = which == 0   ? rc_report_html(fp, t)
             : which == 1 ? rc_report_terminal(fp, t, &o)
             : which == 2 ? rc_report_markdown_tree(fp, r, t)
                          : rc_report_json_tree(fp, t);
    assert_int_equal(rc, RC_OK);
    fclose(fp);
    return mem;
}

/* 1 when s holds needle, ignoring ASCII case. */
static int has_nocase(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return 1;
    return 0;
}

/* HTML: no raw <script anywhere (title, text, outlet, credits, claim,
 * origin, event label), the escaped forms present, sentence anchors and a
 * claim link to the supporting sentence, the matrix cell with its origin. */
static void html_hostile(void **state)
{
    (void)state;
    rc_doc *docs[2] = {hostile_doc("a<1>"), hostile_doc("b\"2")};
    rc_report r = {docs, 2, "test", NULL, NULL, NULL, 0};
    json_t *t = rc_report_tree(&r, 1);
    add_claim_and_event(t, "a<1>", "b\"2");
    char *html = render_with(0, &r, t, 0);
    assert_false(has_nocase(html, "<script"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(html, "&quot;&#39; &amp;"));
    assert_null(strchr(html, '\033'));
    assert_non_null(strstr(html, "id=\"doc-1-s-1\""));
    assert_non_null(strstr(html, "href=\"#doc-1-s-1\""));
    assert_non_null(strstr(html, "data-claim=\"C1\""));
    assert_non_null(strstr(html, "data-origin=\"TASS &lt;script&gt;\" data-relay=\"1\""));
    assert_non_null(strstr(html, "data-docs=\"b&quot;2\""));
    assert_null(strstr(html, "http"));  /* nothing fetched: no URL at all in the page */
    free(html);
    json_decref(t);
    rc_doc_free(docs[0]);
    rc_doc_free(docs[1]);
}

/* Terminal: without colour no escape byte at all (the article's own ESC
 * is neutralised), lines within 80 columns; with colour, SGR codes. */
static void terminal_plain_and_color(void **state)
{
    (void)state;
    rc_doc *docs[2] = {hostile_doc("a1"), hostile_doc("b2")};
    rc_report r = {docs, 2, "test", NULL, NULL, NULL, 0};
    json_t *t = rc_report_tree(&r, 0);
    add_claim_and_event(t, "a1", "b2");
    char *plain = render_with(1, &r, t, 0);
    assert_null(strchr(plain, '\033'));
    size_t lines;
    assert_true(widest(plain, &lines) <= 80);
    assert_non_null(strstr(plain, "One origin, relayed"));
    assert_non_null(strstr(plain, "1 independent origin"));
    assert_non_null(strstr(plain, "== Event EV1 · 2026-05-04 =="));
    assert_non_null(strstr(plain, "== Other articles =="));   /* b2 is in no event */
    char *color = render_with(1, &r, t, 1);
    assert_non_null(strstr(color, "\033[1m"));
    assert_null(strstr(color, "\033[2J"));                    /* the article's sequence never */
    free(plain);
    free(color);
    json_decref(t);
    rc_doc_free(docs[0]);
    rc_doc_free(docs[1]);
}

/* Markdown: the per-event section with the claim escaped. */
static void markdown_event(void **state)
{
    (void)state;
    rc_doc *docs[1] = {hostile_doc("a1")};
    rc_report r = {docs, 1, "test", NULL, NULL, NULL, 0};
    json_t *t = rc_report_tree(&r, 0);
    add_claim_and_event(t, "a1", "a1");
    char *md = render_with(2, &r, t, 0);
    assert_non_null(strstr(md, "## Event EV1 · 2026-05-04: Event &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(md, "- Claim &lt;script&gt;alert(1)&lt;/script&gt; \"' &amp; \\*bold\\* — **1** independent origin"));
    assert_false(has_nocase(md, "<script"));
    free(md);
    json_decref(t);
    rc_doc_free(docs[0]);
}

/* The tree written back in rc_report_json's layout is byte-identical to
 * rc_report_json; without text the documents lose only "text". */
static void tree_equals_json(void **state)
{
    (void)state;
    rc_doc *docs[2] = {hostile_doc("a1"), hostile_doc("b2")};
    rc_report r = {docs, 2, "test", NULL, NULL, NULL, 0};
    char *mem = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&mem, &n);
    assert_int_equal(rc_report_json(fp, &r), RC_OK);
    fclose(fp);
    json_t *t = rc_report_tree(&r, 1);
    char *again = render_with(3, &r, t, 0);
    assert_string_equal(again, mem);
    json_decref(t);
    t = rc_report_tree(&r, 0);
    const json_t *d = json_array_get(json_object_get(t, "documents"), 0);
    assert_null(json_object_get(d, "text"));
    assert_non_null(json_object_get(d, "sentences"));
    free(again);
    free(mem);
    json_decref(t);
    rc_doc_free(docs[0]);
    rc_doc_free(docs[1]);
}

/* --event: only the event's documents and the claims touching them; an
 * unknown id changes nothing and says RC_NOTFOUND. */
static void event_filter(void **state)
{
    (void)state;
    rc_doc *docs[3] = {hostile_doc("a1"), hostile_doc("b2"), hostile_doc("c3")};
    rc_report r = {docs, 3, "test", NULL, NULL, NULL, 0};
    json_t *t = rc_report_tree(&r, 0);
    add_claim_and_event(t, "a1", "b2");
    json_array_append_new(json_object_get(t, "claims"),
                          json_pack("{s:s, s:s, s:[s]}", "id", "C2", "text", "other", "documents", "c3"));
    assert_int_equal(rc_report_tree_event(t, "nosuch"), RC_NOTFOUND);
    assert_int_equal(json_array_size(json_object_get(t, "documents")), 3);
    assert_int_equal(rc_report_tree_event(t, "EV1"), RC_OK);
    const json_t *ds = json_object_get(t, "documents");
    assert_int_equal(json_array_size(ds), 1);
    assert_string_equal(rc_jstr(json_array_get(ds, 0), "id"), "a1");
    const json_t *cs = json_object_get(t, "claims");
    assert_int_equal(json_array_size(cs), 1);
    assert_string_equal(rc_jstr(json_array_get(cs, 0), "id"), "C1");
    json_decref(t);
    for (int i = 0; i < 3; i++)
        rc_doc_free(docs[i]);
}

/* Missing keys everywhere: the renderers still write a report. */
static void tolerant_of_missing_keys(void **state)
{
    (void)state;
    json_t *t = json_pack("{s:[{}], s:[{s:s}], s:[{s:i}], s:[7], s:{}}", "documents", "claims", "text", "x",
                          "discrepancies", "evidence", 3, "framing", "events");
    rc_report r = {NULL, 0, "test", NULL, NULL, NULL, 0};
    char *a = render_with(0, &r, t, 0);
    char *b = render_with(1, &r, t, 0);
    char *c = render_with(2, &r, t, 0);
    assert_non_null(strstr(a, "</html>"));
    assert_non_null(strstr(b, "== All articles =="));
    assert_non_null(strstr(c, "## All articles"));
    free(a);
    free(b);
    free(c);
    json_decref(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_escape),      cmocka_unit_test(md_escape),
        cmocka_unit_test(term_clean),       cmocka_unit_test(width),
        cmocka_unit_test(wrap),             cmocka_unit_test(html_hostile),
        cmocka_unit_test(terminal_plain_and_color), cmocka_unit_test(markdown_event),
        cmocka_unit_test(tree_equals_json), cmocka_unit_test(event_filter),
        cmocka_unit_test(tolerant_of_missing_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
