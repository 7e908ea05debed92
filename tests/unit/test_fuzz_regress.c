/*
 * test_fuzz_regress.c - regression tests for the bugs the fuzz targets
 * (tests/fuzz/fuzz_analysis.c, fuzz_evfeat.c) found, one test per bug,
 * each on the smallest input that showed it.
 */
#include "test.h"
#include "cluster/events.h"
#include "cluster/evfeat.h"
#include "crosscheck/discrepancy.h"
#include "doc/doc.h"
#include "ingest/ingest.h"
#include "pipeline/analysis.h"
#include "pipeline/pipeline.h"
#include "report/render.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

/* 1 when t holds a control byte (C0 but newline, DEL) or a C1 control
 * (UTF-8 C2 80..C2 9F): what could start a terminal escape sequence. */
static int has_control(const char *t)
{
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            return 1;
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return 1;
    }
    return 0;
}

/* Markdown report (fuzz_analysis, markdown.c cell()): the articles table
 * wrote title and outlet as given, so an ESC or C1 sequence in the
 * metadata reached the Markdown output; now they are spaces and the
 * printable rest of the cell stays. */
static void markdown_table_controls(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, "a");
    rc_doc_set(d, &d->title, "\033[31mred\033[0m title \xc2\x9b" "2J end\x07");
    rc_doc_set(d, &d->outlet, "\033]0;pwned\x07 Outlet\x7f");
    rc_doc_set(d, &d->text, "Une phrase.");
    d->text_len = strlen(d->text);
    rc_doc *docs[1] = {d};
    rc_report r = {docs, 1, "test", NULL, NULL, NULL, 0};
    char *mem = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&mem, &n);
    assert_int_equal(rc_report_markdown(fp, &r), RC_OK);
    fclose(fp);
    assert_false(has_control(mem));
    assert_non_null(strstr(mem, " [31mred [0m title  2J end "));
    assert_non_null(strstr(mem, " ]0;pwned  Outlet "));
    free(mem);
    rc_doc_free(d);
}

/* rc_render_md (fuzz_analysis, render.c): a C1 control (U+0080..U+009F,
 * U+009B is a one-byte CSI on some terminals) passed through while C0
 * became a space; now both are spaces, and the characters around them
 * (U+00A0 and up, which share the C2 lead byte) stay. */
static void md_escape_c1(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"a\xc2\x9b" "2J b", "a 2J b"},
        {"\xc2\x80x\xc2\x9f", " x "},
        {"nbsp\xc2\xa0ok \xc2\xa9", "nbsp\xc2\xa0ok \xc2\xa9"},
        {"\033[1m", " \\[1m"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_render_md(&b, cases[i].in, strlen(cases[i].in), 0);
        assert_string_equal(rc_buf_str(&b), cases[i].want);
        rc_buf_cleanup(&b);
    }
}

/* rc_evfeat_decode (fuzz_evfeat, evfeat.c): stored bytes with a
 * publication day or a mentioned day near INT32_MAX were accepted, and
 * the clusterer's retirement sweep then overflowed (last_day + window).
 * Now day numbers outside years 0..9999 are refused; the edges of that
 * range and an ordinary day still decode, and a clusterer fed 1024
 * documents (one sweep) with the edge days runs. */
static void evfeat_decode_day_range(void **state)
{
    (void)state;
    /* 0000-01-01 is day -719528, 9999-12-31 day 2932896 (by hand: year 0
     * is a leap year of 366 days before 0001-01-01, proleptic ordinals) */
    static const struct {
        int which;        /* 0: pub_day, 1: days[0] */
        int32_t day;
        int ok;
    } cases[] = {
        {0, INT32_MAX, 0}, {0, INT32_MIN, 0}, {1, INT32_MAX, 0}, {1, INT32_MIN, 0},
        {0, 19800, 1},     {1, 19800, 1},     {0, -1, 1},  /* 1969-12-31 */
        {0, -719528, 1},   {0, 2932896, 1},   {1, -719529, 0}, {1, 2932897, 0},
    };
    rc_evclust *c = rc_evclust_new(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int32_t one = cases[i].day;
        rc_evfeat f = {0};
        f.date.wday = -1;
        if (cases[i].which == 0) {
            f.pub_gran = RC_DATE_DAY;
            f.pub_year = 2024;
            f.pub_month = 3;
            f.pub_day = one;
        } else {
            f.days = &one;
            f.ndays = 1;
        }
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_evfeat_encode(&f, &b), RC_OK);
        rc_evfeat *g = NULL;
        int rc = rc_evfeat_decode(b.data, b.len, &g);
        assert_int_equal(rc, cases[i].ok ? RC_OK : RC_PARSE);
        assert_int_equal(g != NULL, cases[i].ok);
        if (g) {
            assert_int_equal(cases[i].which ? g->days[0] : g->pub_day, one);
            for (int k = 0; k < 100; k++)
                rc_evclust_add(c, g, -1);
        }
        rc_evfeat_free(g);
        rc_buf_cleanup(&b);
    }
    rc_evfeat f = {0};
    f.date.wday = -1;
    for (int k = 0; k < 1024; k++)
        rc_evclust_add(c, &f, -1);
    assert_true(rc_evclust_count(c) > 0);
    rc_evclust_free(c);
}

/* Number of "date" discrepancies rc_analysis_run finds between the plain
 * texts a and b. */
static size_t date_discrepancies(const char *a, const char *b)
{
    const char *texts[2] = {a, b};
    rc_doc *docs[2];
    for (int i = 0; i < 2; i++) {
        rc_raw raw = {0};
        raw.input = i ? "b" : "a";
        raw.id = raw.input;
        raw.lang = "fr";
        raw.body = texts[i];
        raw.body_len = strlen(texts[i]);
        raw.format = RC_FMT_TEXT;
        assert_int_equal(rc_pipeline_build(&raw, NULL, &docs[i]), RC_OK);
    }
    rc_analysis an;
    rc_analysis_run(&an, docs, 2);
    size_t n = 0;
    for (size_t i = 0; an.discrepancies && i < an.discrepancies->n; i++)
        n += strcmp(an.discrepancies->items[i].kind, "date") == 0;
    rc_analysis_cleanup(&an);
    rc_doc_free(docs[0]);
    rc_doc_free(docs[1]);
    return n;
}

/* Date discrepancies (valuediff.c find_dates): the entries were
 * deduplicated by scanning a list, quadratic in their number (two 31 KB
 * articles with 27k entries spent 1.3 s there); now a hash set. Each
 * (documents, values) pair still gives one entry: a sentence repeated in
 * one article against one day in the other is one discrepancy, two other
 * days are two. */
static void date_discrepancies_once(void **state)
{
    (void)state;
    static const char *const S3 =
        "La réunion du comité régional des transports a eu lieu le 3 mars 2024 à Lyon.\n";
    static const char *const S4 =
        "La réunion du comité régional des transports a eu lieu le 4 mars 2024 à Lyon.\n";
    static const char *const S5 =
        "La réunion du comité régional des transports a eu lieu le 5 mars 2024 à Lyon.\n";
    char a[512], b[512];
    snprintf(a, sizeof a, "%s%s", S3, S3);
    assert_int_equal(date_discrepancies(a, S4), 1);
    snprintf(b, sizeof b, "%s%s", S4, S5);
    assert_int_equal(date_discrepancies(a, b), 2);
    assert_int_equal(date_discrepancies(S3, S3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markdown_table_controls),
        cmocka_unit_test(md_escape_c1),
        cmocka_unit_test(evfeat_decode_day_range),
        cmocka_unit_test(date_discrepancies_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
