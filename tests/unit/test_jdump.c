/*
 * test_jdump.c - report/jdump.h writes what json_dumps writes (indented
 * and compact), and report/jalloc.h regions: values built in a region are
 * dropped whole, values made paused or outside outlive it; the report's
 * string check (json_int.h) accepts what jansson accepts.
 */
#include "test.h"
#include "report/jalloc.h"
#include "report/jdump.h"
#include "report/jw.h"
#include "text/utf8.h"
#include "util/rc.h"
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Values as JSON texts parsed by jansson (reals, escapes, nesting). */
static const char *const CASES[] = {
    "null", "true", "false", "0", "-42", "9223372036854775807",
    "0.1", "5.0", "-0.0", "1e21", "1.5e-7", "123456789.125", "3.14159265358979", "1e300",
    "2.5e-300", "100.0", "1e16", "\"\"", "\"plain ascii\"",
    "\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f\"",
    "\"ctl \\u0001 \\u001f del \\u007f\"", "\"accents \\u00e9t\\u00e9 \\u2028 \\ud83d\\ude00\"",
    "[]", "{}", "[[]]", "[{}]", "{\"a\": []}", "[1, 2.5, \"x\", null, true]",
    "{\"b\": 1, \"a\": {\"z\": [1, {\"y\": \"w\"}], \"e\": {}}, \"key \\\"q\\\"\": \"v\"}",
    "[[[1, [2, [3, [4]]]]], {\"deep\": {\"er\": {\"est\": [[], {}]}}}]",
};

/* Each case, at several depths and in both layouts, equals json_dumps. */
static void test_same_as_jansson(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        json_error_t err;
        json_t *v = json_loads(CASES[i], JSON_DECODE_ANY, &err);
        assert_non_null(v);
        static const size_t flags[] = {JSON_INDENT(2), JSON_COMPACT, JSON_INDENT(4)};
        for (size_t f = 0; f < 3; f++) {
            char *want = json_dumps(v, flags[f] | JSON_ENCODE_ANY);
            assert_non_null(want);
            rc_buf b;
            rc_buf_init(&b, 0);
            int ind = f == 1 ? 0 : f == 0 ? 2 : 4;
            assert_int_equal(rc_jdump(&b, v, ind, f == 1, 0), RC_OK);
            assert_string_equal(rc_buf_str(&b), want);
            free(want);
            rc_buf_cleanup(&b);
        }
        /* at depth 1 inside an array, as the store report writes elements */
        json_t *one = json_array();
        json_array_append(one, v);
        char *want = json_dumps(one, JSON_INDENT(2));
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_buf_append(&b, "[\n  ", 4), RC_OK);
        assert_int_equal(rc_jdump(&b, v, 2, 0, 1), RC_OK);
        assert_int_equal(rc_buf_append(&b, "\n]", 2), RC_OK);
        assert_string_equal(rc_buf_str(&b), want);
        free(want);
        rc_buf_cleanup(&b);
        json_decref(one);
        json_decref(v);
    }
}

/* v written by rc_jdump at depth 0 in all three layouts equals json_dumps. */
static void check_all_modes(const json_t *v)
{
    static const size_t flags[] = {JSON_INDENT(2), JSON_COMPACT, JSON_INDENT(4), JSON_INDENT(0)};
    static const int ind[] = {2, 0, 4, 0}, compact[] = {0, 1, 0, 0};
    for (size_t f = 0; f < 4; f++) {
        char *want = json_dumps(v, flags[f] | JSON_ENCODE_ANY);
        assert_non_null(want);
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_jdump(&b, v, ind[f], compact[f], 0), RC_OK);
        assert_int_equal(b.len, strlen(want));
        assert_memory_equal(rc_buf_str(&b), want, b.len);
        free(want);
        rc_buf_cleanup(&b);
    }
}

/* Hostile strings (valid UTF-8, as jansson's checked constructors demand):
 * every escape at every position around the 8-byte scan's boundaries,
 * runs of escapes, multi-byte characters split across those boundaries,
 * empty and long strings; each as a value and as an object key. */
static void test_hostile_strings(void **state)
{
    (void)state;
    static const char *const S[] = {
        "", "\"", "\\", "\n", "\x01", "\x1f", "\x7f", " ", "abcdefg", "abcdefgh", "abcdefghi",
        "\"\"\"\"\"\"\"\"\"", "\\\\\\\\\\\\\\\\\\", "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f",
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f", "1234567\"", "12345678\\",
        "1234567\xc3\xa9", "123456\xe2\x80\x99x", "12345\xf0\x9f\x98\x80" "abc", "\xc3\xa9t\xc3\xa9 \xe2\x80\xa8 /slash/",
        "!#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~", "line one\r\nline two\ttab\bbs\fff",
        "A\x7f" "B\xc2\x80" "C\xc2\x9f" "D\xc2\xa0" "E", "ends with ctl\x1f", "\x1fstarts with ctl",
    };
    for (size_t i = 0; i < sizeof S / sizeof *S; i++) {
        json_t *v = json_string(S[i]);
        assert_non_null(v);
        check_all_modes(v);
        json_t *o = json_object();
        json_object_set_new(o, S[i], v);
        json_object_set_new(o, "next", json_string(S[i]));
        check_all_modes(o);
        json_decref(o);
    }
    /* each escapable byte at every offset 0..19 of a 20-byte string */
    const char esc[] = {'"', '\\', '\n', '\t', 0x01, 0x1f, '\b', '\f', '\r', 0x00};
    for (size_t e = 0; e < sizeof esc; e++)
        for (size_t at = 0; at < 20; at++) {
            char t[20];
            memset(t, 'x', sizeof t);
            t[at] = esc[e];
            for (size_t len = at + 1; len <= sizeof t; len++) {
                json_t *v = json_stringn(t, len);
                assert_non_null(v);
                check_all_modes(v);
                json_decref(v);
            }
        }
    /* a long string: 100,000 bytes of text with an escape every 37 bytes */
    static char big[100000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = i % 37 == 36 ? "\n\"\\\x02"[i % 4] : (char)('a' + i % 26);
    json_t *v = json_stringn(big, sizeof big);
    check_all_modes(v);
    json_decref(v);
}

/* Pseudo-random strings of ASCII (controls included) and 2-4 byte
 * characters, lengths 0..99, in an array: equal to json_dumps. */
static void test_random_strings(void **state)
{
    (void)state;
    static const char *const MB[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc2\x85"};
    uint64_t x = 88172645463325252ULL;
    json_t *a = json_array();
    for (int n = 0; n < 2000; n++) {
        char t[512];
        size_t len = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t want = (size_t)(x % 100);
        while (len < want) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            unsigned r = (unsigned)(x >> 32);
            if (r % 8 == 0) {
                const char *m = MB[(r >> 8) % 4];
                memcpy(t + len, m, strlen(m));
                len += strlen(m);
            } else {
                t[len++] = (char)((r >> 8) % 128);
            }
        }
        json_t *v = json_stringn(t, len);
        assert_non_null(v);
        json_array_append_new(a, v);
    }
    check_all_modes(a);
    json_decref(a);
}

/* Numbers at the edges of the direct integer and integral-real paths. */
static void test_numbers(void **state)
{
    (void)state;
    static const json_int_t I[] = {0, 1, -1, 9, 10, -10, 1234567890, INT64_MAX, INT64_MIN, INT64_MIN + 1};
    for (size_t i = 0; i < sizeof I / sizeof *I; i++) {
        json_t *v = json_integer(I[i]);
        check_all_modes(v);
        json_decref(v);
    }
    static const double D[] = {0.0, -0.0, 1.0, -1.0, 5.0, 0.5, -0.25, 0.1, 1e15, 1e16, -1e16, 99999999999999984.0,
                               1e17, 1e18, 123456789012345678.0, 9007199254740992.0, 9007199254740993.0,
                               -9007199254740991.0, 1e-5, 1e-300, 4.9e-324, 1.7976931348623157e308, 0.01, 0.99};
    for (size_t i = 0; i < sizeof D / sizeof *D; i++) {
        json_t *v = json_real(D[i]);
        check_all_modes(v);
        json_decref(v);
    }
}

/* jansson's checked constructors refuse invalid UTF-8 (overlong forms,
 * surrogates, stray continuation bytes, truncated sequences), so such
 * bytes never reach rc_jdump through json_string / json_stringn. */
static void test_invalid_utf8_refused(void **state)
{
    (void)state;
    static const char *const BAD[] = {"\xc0\x80", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\x80",
                                      "a\xc3", "\xf4\x90\x80\x80", "\xff", "\xf0\x80\x80\xaf"};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++)
        assert_null(json_string(BAD[i]));
}

/* rc_utf8_valid accepts exactly what jansson's json_stringn accepts:
 * a table of edge sequences at several offsets, then random bytes biased
 * to the lead and continuation ranges. */
static void test_utf8_ok_as_jansson(void **state)
{
    (void)state;
    static const char *const T[] = {
        "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",
        "\xc0\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
        "\xee\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80",
        "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xc3\x28", "\xe2\x28\xa1", "\xf0\x28\x8c\xbc",
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++)
        for (size_t pre = 0; pre < 10; pre++) {
            char t[32];
            memset(t, 'a', pre);
            size_t n = strlen(T[i]);
            memcpy(t + pre, T[i], n);
            for (size_t post = 0; post < 3; post++) {
                memset(t + pre + n, 'b', post);
                size_t len = pre + n + post;
                json_t *j = json_stringn(t, len);
                assert_int_equal(rc_utf8_valid(t, len), j != NULL);
                json_decref(j);
            }
        }
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    static const unsigned char pick[] = {'a', 0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2,
                                         0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
    for (int n = 0; n < 20000; n++) {
        unsigned char t[16];
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t len = (size_t)(x % 17);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            t[i] = pick[(x >> 20) % sizeof pick];
        }
        json_t *j = json_stringn((const char *)t, len);
        assert_int_equal(rc_utf8_valid((const char *)t, len), j != NULL);
        json_decref(j);
    }
}

/* A string holding a NUL (json_stringn) and a key with one. */
static void test_embedded_nul(void **state)
{
    (void)state;
    json_t *o = json_object();
    json_object_setn_new(o, "k\0ey", 4, json_stringn("a\0b", 3));
    char *want = json_dumps(o, JSON_COMPACT);
    rc_buf b;
    rc_buf_init(&b, 0);
    assert_int_equal(rc_jdump(&b, o, 0, 1, 0), RC_OK);
    assert_string_equal(rc_buf_str(&b), want);
    assert_string_equal(rc_buf_str(&b), "{\"k\\u0000ey\":\"a\\u0000b\"}");
    free(want);
    rc_buf_cleanup(&b);
    json_decref(o);
}

/* The buffer's cap is a clean failure. */
static void test_cap(void **state)
{
    (void)state;
    json_t *v = json_pack("[s, s]", "0123456789", "abcdefghij");
    rc_buf b;
    rc_buf_init(&b, 12);
    assert_int_equal(rc_jdump(&b, v, 2, 0, 0), RC_TOOBIG);
    rc_buf_cleanup(&b);
    assert_int_equal(rc_jdump(&b, NULL, 2, 0, 0), RC_PARSE);
    json_decref(v);
    /* a cap of exactly the text's length is enough, one byte less is not:
     * strings near the cap take the exact path; small texts and one past
     * the 16 KB scratch, each after a prefix already in the buffer */
    static char big[40000];
    memset(big, 'q', sizeof big - 1);
    big[100] = '\n';
    json_t *vals[] = {json_pack("{s:[s, s], s:i}", "k", "0123456789", "a\"b\\c\td", "n", 42),
                      json_string(big)};
    for (size_t i = 0; i < 2; i++)
        for (int compact = 0; compact < 2; compact++) {
            char *want = json_dumps(vals[i], (compact ? JSON_COMPACT : JSON_INDENT(2)) | JSON_ENCODE_ANY);
            size_t L = strlen(want) + 3;
            rc_buf_init(&b, L);
            assert_int_equal(rc_buf_append(&b, "pre", 3), RC_OK);
            assert_int_equal(rc_jdump(&b, vals[i], compact ? 0 : 2, compact, 0), RC_OK);
            assert_string_equal(rc_buf_str(&b) + 3, want);
            rc_buf_cleanup(&b);
            rc_buf_init(&b, L - 1);
            assert_int_equal(rc_buf_append(&b, "pre", 3), RC_OK);
            assert_int_equal(rc_jdump(&b, vals[i], compact ? 0 : 2, compact, 0), RC_TOOBIG);
            assert_true(b.len <= L - 1);
            assert_int_equal(strlen(rc_buf_str(&b)), b.len);
            rc_buf_cleanup(&b);
            free(want);
        }
    json_decref(vals[0]);
    json_decref(vals[1]);
}

/* Regions: a tree built in a region is dropped with the region (no
 * json_decref, and LeakSanitizer sees nothing left); a value made while
 * paused outlives it; big blocks too. Run under the sanitizer build, a
 * block freed twice or leaked fails. */
static void test_region(void **state)
{
    (void)state;
    assert_int_equal(rc_jalloc_install(), 0);
    json_t *before = json_string("made before");
    for (int round = 0; round < 3; round++) {
        rc_jalloc_begin();
        json_t *t = json_array();
        for (int i = 0; i < 20000; i++)
            json_array_append_new(t, json_pack("{s:i, s:s}", "i", i, "s", "some text"));
        char big[300000];
        memset(big, 'x', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        json_array_append_new(t, json_string(big));
        json_t *tmp = json_string("freed inside");
        json_decref(tmp); /* a region block: left to the region */
        rc_jalloc_pause();
        json_t *kept = json_deep_copy(json_array_get(t, 7));
        rc_jalloc_resume();
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_jdump(&b, json_array_get(t, 7), 0, 1, 0), RC_OK);
        assert_string_equal(rc_buf_str(&b), "{\"i\":7,\"s\":\"some text\"}");
        rc_buf_cleanup(&b);
        rc_jalloc_end();
        assert_int_equal(json_integer_value(json_object_get(kept, "i")), 7);
        json_decref(kept); /* a heap block, freed */
    }
    assert_string_equal(json_string_value(before), "made before");
    json_decref(before);
}

/* Reals written again and again, more distinct ones than the writer
 * remembers and in an order that makes them evict one another: each
 * time jansson's text, also with too little room (RC_TOOBIG, nothing
 * written) for a remembered one. */
static void test_real_repeats(void **state)
{
    (void)state;
    enum { NV = 1500 };
    static double v[NV];
    unsigned long long x = 0x2545f4914f6cdd1dull;
    for (size_t i = 0; i < NV; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double m = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        int e = (int)(x % 61) - 30;
        v[i] = (i & 1 ? -m : m) * pow(10.0, e);
    }
    rc_buf b;
    for (size_t r = 0; r < 4 * NV; r++) {
        double d = v[(r * 7919) % NV];
        json_t *j = json_real(d);
        char *want = json_dumps(j, JSON_ENCODE_ANY);
        rc_buf_init(&b, 0);
        assert_int_equal(rc_jdump_real(&b, d), RC_OK);
        assert_int_equal(b.len, strlen(want));
        assert_memory_equal(b.data, want, b.len);
        rc_buf_cleanup(&b);
        if (r % 97 == 0) { /* remembered now: too little room still refused */
            rc_buf_init(&b, strlen(want) - 1);
            assert_int_equal(rc_jdump_real(&b, d), RC_TOOBIG);
            assert_int_equal(b.len, 0);
            rc_buf_cleanup(&b);
        }
        free(want);
        json_decref(j);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_jansson),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_hostile_strings),
        cmocka_unit_test(test_random_strings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_real_repeats),
        cmocka_unit_test(test_invalid_utf8_refused),
        cmocka_unit_test(test_utf8_ok_as_jansson),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
