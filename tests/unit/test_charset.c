/*
 * test_charset.c - charset labels, precedence (BOM, HTTP, meta, guess) and
 * conversions to UTF-8 with replacement counting and the cap.
 */
#include "test.h"
#include "ingest/charset.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

/* Label resolution, table-driven. */
static void test_labels(void **state)
{
    (void)state;
    static const struct {
        const char *label, *name; /* name NULL: unknown */
    } t[] = {
        {"utf-8", "utf-8"}, {" UTF8 ", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"},
        {"ISO-8859-1", "windows-1252"}, {"latin1", "windows-1252"}, {"US-ASCII", "windows-1252"},
        {"ascii", "windows-1252"}, {"cp1252", "windows-1252"}, {"iso-8859-2", "iso-8859-2"},
        {"ISO8859-15", "iso-8859-15"}, {"iso_8859-16", "iso-8859-16"}, {"latin9", "iso-8859-15"},
        {"iso-8859-9", "windows-1254"}, {"windows-1251", "windows-1251"}, {"CP1250", "windows-1250"},
        {"koi8-r", "koi8-r"}, {"KOI8-U", "koi8-u"}, {"Shift_JIS", "shift_jis"}, {"sjis", "shift_jis"},
        {"EUC-JP", "euc-jp"}, {"euc-kr", "euc-kr"}, {"gb2312", "gbk"}, {"GBK", "gbk"},
        {"gb18030", "gb18030"}, {"big5", "big5"}, {"utf-16", "utf-16le"}, {"UTF-16BE", "utf-16be"},
        {"iso-8859-12", NULL}, {"windows-1259", NULL}, {"utf-9", NULL}, {"", NULL}, {"x-user-defined", NULL},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const char *got = rc_charset_resolve(t[i].label, strlen(t[i].label));
        if (t[i].name)
            assert_string_equal(got, t[i].name);
        else
            assert_null(got);
    }
}

/* Conversions and precedence, table-driven. */
static void test_convert(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t n;          /* 0: strlen */
        const char *http;
        const char *used, *out;
        size_t bad;
    } t[] = {
        {"caf\xe9", 0, NULL, "windows-1252", "caf\xc3\xa9", 0},            /* guess 1252 */
        {"caf\xc3\xa9", 0, NULL, "utf-8", "caf\xc3\xa9", 0},               /* guess UTF-8 */
        {"caf\xe9", 0, "latin1", "windows-1252", "caf\xc3\xa9", 0},
        {"\x80 \x93x\x94 \x81", 0, "windows-1252", "windows-1252",
         "\xe2\x82\xac \xe2\x80\x9cx\xe2\x80\x9d \xc2\x81", 0},
        {"\xa4 5", 0, "ISO-8859-15", "iso-8859-15", "\xe2\x82\xac 5", 0}, /* euro */
        {"\xef\xbb\xbf" "caf\xc3\xa9", 0, "iso-8859-2", "utf-8", "caf\xc3\xa9", 0}, /* BOM wins */
        {"<meta charset=\"iso-8859-15\"><p>\xa4", 0, NULL, "iso-8859-15",
         "<meta charset=\"iso-8859-15\"><p>\xe2\x82\xac", 0},
        {"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>\xc1", 0, NULL,
         "koi8-r", "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>\xd0\xb0", 0},
        {"<meta charset=utf-8>\xe9", 0, "windows-1252", "windows-1252",    /* HTTP wins over meta */
         "<meta charset=utf-8>\xc3\xa9", 0},
        {"<!-- <meta charset=koi8-r> --><p>\xe9", 0, NULL, "windows-1252",
         "<!-- <meta charset=koi8-r> --><p>\xc3\xa9", 0},
        {"<meta charset=\"utf-16\"><p>ok", 0, NULL, "utf-8", "<meta charset=\"utf-16\"><p>ok", 0},
        {"caf\xe9", 0, "no-such-charset", "windows-1252", "caf\xc3\xa9", 0}, /* broken label */
        {"a\xc3(b\xe2\x82", 0, "utf-8", "utf-8", "a\xef\xbf\xbd(b\xef\xbf\xbd", 2},
        {"\xed\xa0\x80x", 0, "utf-8", "utf-8", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx", 3},
        {"\xff\xfe" "a\0\xe9\0", 6, NULL, "utf-16le", "a\xc3\xa9", 0},
        {"\0a\xd8\0", 4, "utf-16be", "utf-16be", "a\xef\xbf\xbd", 1},   /* lone surrogate */
        {"\x82\xa0", 0, "shift_jis", "shift_jis", "\xe3\x81\x82", 0},
        {"\xa4\xa2", 0, "euc-jp", "euc-jp", "\xe3\x81\x82", 0},
        {"\xc4\xe3", 0, "gb2312", "gbk", "\xe4\xbd\xa0", 0},
        {"\xa4\x40", 0, "big5", "big5", "\xe4\xb8\x80", 0},
        {"\xb0\xa1", 0, "euc-kr", "euc-kr", "\xea\xb0\x80", 0},
        {"x\xa5y", 0, "iso-8859-3", "iso-8859-3", "x\xef\xbf\xbdy", 1},  /* unassigned */
        {"", 0, NULL, "utf-8", "", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        rc_buf out;
        rc_buf_init(&out, 1000);
        const char *used = NULL;
        size_t bad = 99;
        size_t n = t[i].n ? t[i].n : strlen(t[i].in);
        assert_int_equal(rc_charset_to_utf8(t[i].in, n, t[i].http, &out, &used, &bad), RC_OK);
        assert_string_equal(used, t[i].used);
        assert_string_equal(rc_buf_str(&out), t[i].out);
        assert_int_equal(bad, t[i].bad);
        rc_buf_cleanup(&out);
    }
}

/* The output cap: RC_TOOBIG for each converter. */
static void test_cap(void **state)
{
    (void)state;
    static const char *const cs[] = {"utf-8", "windows-1252", "koi8-r"};
    for (size_t i = 0; i < 3; i++) {
        rc_buf out;
        rc_buf_init(&out, 8);
        const char *used;
        size_t bad;
        assert_int_equal(rc_charset_to_utf8("abcdefghijkl", 12, cs[i], &out, &used, &bad),
                         RC_TOOBIG);
        assert_true(out.len <= 8);
        rc_buf_cleanup(&out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
