/*
 * test_fuzz_regress.c - regression tests for the bugs the fuzz targets
 * (tests/fuzz/fuzz_analysis.c, fuzz_evfeat.c) found, one test per bug,
 * each on the smallest input that showed it.
 */
#include "test.h"
#include "doc/doc.h"
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
    rc_report r = {docs, 1, "test", NULL, NULL, NULL};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markdown_table_controls),
        cmocka_unit_test(md_escape_c1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
