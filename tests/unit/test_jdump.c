/*
 * test_jdump.c - report/jdump.h writes what json_dumps writes (indented
 * and compact), and report/jalloc.h regions: values built in a region are
 * dropped whole, values made paused or outside outlive it.
 */
#include "test.h"
#include "report/jalloc.h"
#include "report/jdump.h"
#include "util/rc.h"
#include <jansson.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_jansson),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
