/*
 * test_jw.c - report/jw.h: the same calls give a jansson tree and, in
 * the bytes writer, exactly the text json_dumps(tree, JSON_COMPACT)
 * writes; strings follow the tree builders' rules (invalid UTF-8
 * repaired, refused spans replaced); misuse is an error, not a crash.
 */
#include "test.h"
#include "report/jdump.h"
#include "report/json_int.h"
#include "report/jw.h"
#include "text/utf8.h"
#include "util/rc.h"
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* One string case: bytes (n of them), and what the tree builders made of
 * it: rc_json_str's rule for str (repair), the refused/accepted rule for
 * strn. */
typedef struct scase {
    const char *s;
    size_t n;
    int valid; /* json_stringn accepts s[0..n) */
} scase;

#define S(lit, v) {lit, sizeof lit - 1, v}
static const scase STRINGS[] = {
    S("", 1),
    S("plain ascii", 1),
    S("quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f", 1),
    S("ctl \x01 \x1f del \x7f", 1),
    S("accents \xc3\xa9t\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80", 1),
    S("max \xf4\x8f\xbf\xbf", 1),
    S("nul \0 inside", 1),
    S("overlong \xc0\x80", 0),
    S("overlong2 \xc1\xbf", 0),
    S("overlong3 \xe0\x80\x80", 0),
    S("overlong4 \xf0\x80\x80\x80", 0),
    S("surrogate \xed\xa0\x80", 0),
    S("past max \xf4\x90\x80\x80", 0),
    S("f5 \xf5\x80\x80\x80", 0),
    S("lone continuation \x80", 0),
    S("truncated \xe2\x82", 0),
    S("truncated at end \xf0\x9f\x98", 0),
    S("bad continuation \xc3\x28", 0),
    S("latin1 caf\xe9", 0),
    S("12345678\xc3\xa9" "12345678", 1),
};

/* rc_utf8_valid accepts exactly what json_stringn accepts. */
static void test_utf8_rule(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof STRINGS / sizeof *STRINGS; i++) {
        json_t *j = json_stringn(STRINGS[i].s, STRINGS[i].n);
        assert_int_equal(j != NULL, STRINGS[i].valid);
        assert_int_equal(rc_utf8_valid(STRINGS[i].s, STRINGS[i].n), STRINGS[i].valid);
        json_decref(j);
    }
    /* (offsets and random bytes: test_jdump.c test_utf8_ok_as_jansson) */
}

/* Build one document through w: every kind of value, nested. */
static void build(rc_jw *w, const scase *sc)
{
    rc_jw_obj(w);
    rc_jw_key(w, "str");
    char z[64];
    size_t zn = sc->n < sizeof z - 1 ? sc->n : sizeof z - 1;
    memcpy(z, sc->s, zn);
    z[zn] = '\0';
    rc_jw_str(w, z);
    rc_jw_key(w, "strn");
    rc_jw_strn(w, sc->s, sc->n, "fallback");
    rc_jw_key(w, "strn_null");
    rc_jw_strn(w, sc->s, sc->n, NULL);
    rc_jw_key(w, "null_str");
    rc_jw_str(w, NULL);
    rc_jw_key(w, "ints");
    rc_jw_arr(w);
    static const long long INTS[] = {0, 1, -1, 42, -9223372036854775807LL - 1, 9223372036854775807LL};
    for (size_t i = 0; i < sizeof INTS / sizeof *INTS; i++)
        rc_jw_int(w, INTS[i]);
    rc_jw_end(w);
    rc_jw_key(w, "reals");
    rc_jw_arr(w);
    static const double REALS[] = {0.0, -0.0, 0.1, 5.0, 1e21, 1.5e-7, 1e300, 123456789.125, 0.29};
    for (size_t i = 0; i < sizeof REALS / sizeof *REALS; i++)
        rc_jw_real(w, REALS[i]);
    rc_jw_end(w);
    rc_jw_key(w, "flags");
    rc_jw_arr(w);
    rc_jw_bool(w, 1);
    rc_jw_bool(w, 0);
    rc_jw_null(w);
    rc_jw_end(w);
    rc_jw_key(w, "empty_arr");
    rc_jw_arr(w);
    rc_jw_end(w);
    rc_jw_key(w, "empty_obj");
    rc_jw_obj(w);
    rc_jw_end(w);
    rc_jw_key(w, "nest");
    rc_jw_arr(w);
    rc_jw_arr(w);
    rc_jw_obj(w);
    rc_jw_key(w, "k");
    rc_jw_arr(w);
    rc_jw_int(w, 3);
    rc_jw_end(w);
    rc_jw_end(w);
    rc_jw_end(w);
    rc_jw_obj(w);
    rc_jw_end(w);
    rc_jw_end(w);
    rc_jw_end(w);
}

/* For every string case, the bytes writer writes json_dumps(COMPACT) of
 * the tree writer's tree, and the tree holds the builders' values. */
static void test_bytes_equal_tree(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof STRINGS / sizeof *STRINGS; i++) {
        rc_jw t;
        rc_jw_init_tree(&t);
        build(&t, &STRINGS[i]);
        assert_int_equal(rc_jw_error(&t), RC_OK);
        json_t *tree = rc_jw_take(&t);
        assert_non_null(tree);
        char *want = json_dumps(tree, JSON_COMPACT);
        assert_non_null(want);
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_jw w;
        rc_jw_init_bytes(&w, &b);
        build(&w, &STRINGS[i]);
        assert_int_equal(rc_jw_error(&w), RC_OK);
        assert_int_equal(b.len, strlen(want));
        assert_memory_equal(b.data, want, b.len);
        /* the string rules */
        const char *strn = json_string_value(json_object_get(tree, "strn"));
        if (STRINGS[i].valid) {
            assert_int_equal(json_string_length(json_object_get(tree, "strn")), STRINGS[i].n);
            assert_memory_equal(strn, STRINGS[i].s, STRINGS[i].n);
        } else {
            assert_string_equal(strn, "fallback");
            assert_true(json_is_null(json_object_get(tree, "strn_null")));
            /* str: repaired, never refused */
            assert_true(json_is_string(json_object_get(tree, "str")));
        }
        assert_true(json_is_null(json_object_get(tree, "null_str")));
        free(want);
        json_decref(tree);
        rc_buf_cleanup(&b);
    }
}

/* A real that JSON cannot hold is written null by both writers. */
static void test_nonfinite(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_jw w;
    rc_jw_init_bytes(&w, &b);
    rc_jw_arr(&w);
    rc_jw_real(&w, NAN);
    rc_jw_real(&w, INFINITY);
    rc_jw_real(&w, 2.5);
    rc_jw_end(&w);
    assert_string_equal(rc_buf_str(&b), "[null,null,2.5]");
    rc_jw_init_tree(&w);
    rc_jw_arr(&w);
    rc_jw_real(&w, -INFINITY);
    rc_jw_end(&w);
    json_t *t = rc_jw_take(&w);
    assert_true(json_is_null(json_array_get(t, 0)));
    json_decref(t);
    rc_buf_cleanup(&b);
}

/* Misuse sets the error and stops writing; cleanup frees a partial tree
 * (ASan checks the leak), and the buffer's cap is an error too. */
static void test_misuse(void **state)
{
    (void)state;
    for (int tree = 0; tree < 2; tree++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        rc_jw w;
        /* a value in an object without a key */
        tree ? rc_jw_init_tree(&w) : rc_jw_init_bytes(&w, &b);
        rc_jw_obj(&w);
        rc_jw_int(&w, 1);
        assert_int_equal(rc_jw_error(&w), RC_PARSE);
        assert_null(rc_jw_take(&w));
        rc_jw_cleanup(&w);
        /* a key in an array, an end too many */
        rc_buf_reset(&b);
        tree ? rc_jw_init_tree(&w) : rc_jw_init_bytes(&w, &b);
        rc_jw_arr(&w);
        rc_jw_key(&w, "k");
        assert_int_equal(rc_jw_error(&w), RC_PARSE);
        rc_jw_cleanup(&w);
        tree ? rc_jw_init_tree(&w) : rc_jw_init_bytes(&w, &b);
        rc_jw_end(&w);
        assert_int_equal(rc_jw_error(&w), RC_PARSE);
        rc_jw_cleanup(&w);
        /* too deep */
        tree ? rc_jw_init_tree(&w) : rc_jw_init_bytes(&w, &b);
        for (int d = 0; d <= RC_JW_DEPTH; d++)
            rc_jw_arr(&w);
        assert_int_equal(rc_jw_error(&w), RC_PARSE);
        rc_jw_cleanup(&w);
        /* an unfinished tree is not handed out */
        tree ? rc_jw_init_tree(&w) : rc_jw_init_bytes(&w, &b);
        rc_jw_obj(&w);
        rc_jw_key(&w, "a");
        rc_jw_arr(&w);
        rc_jw_str(&w, "x");
        assert_null(rc_jw_take(&w));
        rc_jw_cleanup(&w);
        rc_buf_cleanup(&b);
    }
    rc_buf b;
    rc_buf_init(&b, 8);
    rc_jw w;
    rc_jw_init_bytes(&w, &b);
    rc_jw_str(&w, "longer than eight bytes");
    assert_int_equal(rc_jw_error(&w), RC_TOOBIG);
    rc_buf_cleanup(&b);
}

/* A span: the exact words; "" out of range or not valid UTF-8. */
static void test_span(void **state)
{
    (void)state;
    rc_doc d;
    memset(&d, 0, sizeof d);
    char text[] = "caf\xc3\xa9 noir";
    d.text = text;
    d.text_len = sizeof text - 1;
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_jw w;
    rc_jw_init_bytes(&w, &b);
    rc_jw_arr(&w);
    rc_jw_span(&w, &d, 0, 5);      /* café */
    rc_jw_span(&w, &d, 0, 4);      /* cuts é: refused -> "" */
    rc_jw_span(&w, &d, 6, 99);     /* past the end */
    rc_jw_span(&w, &d, 3, 3);      /* empty */
    rc_jw_end(&w);
    assert_string_equal(rc_buf_str(&b), "[\"caf\xc3\xa9\",\"\",\"\",\"\"]");
    rc_buf_cleanup(&b);
}

/* The text of every span [start, end) of d, start <= end <= len + 2,
 * written by rc_emit_span through a writer lent the documents' table
 * (text_ok: d's text marked valid, as rc_report_elems does), or by
 * rc_jw_span (lend 0), as one array in b. */
static void all_spans(rc_buf *b, rc_doc *d, int lend, unsigned char text_ok)
{
    rc_doc *docs[1] = {d};
    rc_report r;
    memset(&r, 0, sizeof r);
    r.docs = docs;
    r.ndocs = 1;
    static const size_t at[2] = {0, 2};
    rc_jw w;
    rc_buf_reset(b);
    rc_jw_init_bytes(&w, b);
    if (lend) {
        w.pre_of = r.docs;
        w.pre = "\"\"";
        w.pre_at = at;
        w.npre = 1;
        w.pre_ok = &text_ok;
    }
    rc_jw_arr(&w);
    for (uint32_t s = 0; s <= d->text_len + 2; s++)
        for (uint32_t e = s; e <= d->text_len + 2; e++) {
            if (lend)
                rc_emit_span(&w, &r, 0, s, e);
            else
                rc_jw_span(&w, d, s, e);
        }
    rc_jw_end(&w);
    assert_int_equal(rc_jw_error(&w), RC_OK);
}

/* rc_emit_span, which skips the UTF-8 check of spans of a text known to
 * be valid, writes exactly what rc_jw_span writes for every span: cut
 * characters (2, 3, 4 bytes) refused, escapes, NUL bytes; and a text
 * not known valid (or invalid) takes the checked path. */
static void test_emit_span(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;
        unsigned char ok;
    } TEXTS[] = {
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \"q\"\n\0z", 21, 1},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \"q\"\n\0z", 21, 0},
        {"bad \xc3 \xe2\x82 end \xc3\xa9", 15, 0},
    };
    rc_buf want, got;
    rc_buf_init(&want, 0);
    rc_buf_init(&got, 0);
    for (size_t k = 0; k < sizeof TEXTS / sizeof *TEXTS; k++) {
        rc_doc d;
        memset(&d, 0, sizeof d);
        d.text = (char *)TEXTS[k].s;
        d.text_len = TEXTS[k].n;
        assert_int_equal(rc_utf8_valid(d.text, d.text_len), k < 2);
        all_spans(&want, &d, 0, 0);
        all_spans(&got, &d, 1, TEXTS[k].ok);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.data, want.data, want.len);
    }
    rc_buf_cleanup(&want);
    rc_buf_cleanup(&got);
}

/* rc_jdump_cstring_utf8(s) writes exactly what rc_jdump_string_utf8(s,
 * strlen(s)) writes (the same result code, the buffer unchanged on
 * RC_PARSE), for the table's strings and longer random ones, placed so
 * that the NUL falls on each of the last 48 bytes of a page whose next
 * page is not readable (a 16-byte read past the string into it would
 * crash), and with a buffer whose cap is reached. */
static void check_cstring(const char *s, size_t max)
{
    rc_buf want, got;
    rc_buf_init(&want, max);
    rc_buf_init(&got, max);
    rc_buf_append(&want, "[", 1);
    rc_buf_append(&got, "[", 1);
    int rw = rc_jdump_string_utf8(&want, s, strlen(s));
    int rg = rc_jdump_cstring_utf8(&got, s);
    assert_int_equal(rg, rw);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.data, want.data, want.len + 1);
    if (rg == RC_PARSE)
        assert_int_equal(got.len, 1);
    rc_buf_cleanup(&want);
    rc_buf_cleanup(&got);
}

static void test_cstring(void **state)
{
    (void)state;
    long pg = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + pg, (size_t)pg, PROT_NONE), 0);
    /* the table's strings (up to their first NUL), then random ones made
     * of ASCII, escapes and (valid or broken) sequences */
    static const char *const PIECES[] = {"a", "bc", "\"", "\\", "\n", "\x01", "\x1f", "\x7f",
                                         "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                         "\xef\xbf\xbd", "0123456789abcdef", "\xc3", "\xe2\x82",
                                         "\x80", "\xed\xa0\x80", "\xc0\xaf"};
    char tmp[600];
    uint32_t seed = 12345;
    size_t ncase = sizeof STRINGS / sizeof *STRINGS;
    for (size_t c = 0; c < ncase + 300; c++) {
        if (c < ncase) {
            size_t n = strnlen(STRINGS[c].s, STRINGS[c].n);
            memcpy(tmp, STRINGS[c].s, n);
            tmp[n] = '\0';
        } else {
            size_t n = 0, k = (c - ncase) % 60;
            int broken = (c % 3) == 0; /* a third may hold broken pieces */
            for (size_t j = 0; j < k; j++) {
                seed = seed * 1103515245u + 12345u;
                size_t np = sizeof PIECES / sizeof *PIECES - (broken ? 0 : 5);
                const char *pc = PIECES[(seed >> 16) % np];
                size_t l = strlen(pc);
                memcpy(tmp + n, pc, l);
                n += l;
            }
            tmp[n] = '\0';
        }
        size_t n = strlen(tmp);
        check_cstring(tmp, 0);
        check_cstring(tmp, 8);  /* the cap reached: the exact path */
        for (size_t end = 1; end <= 48; end++) {
            /* the NUL at map + pg - end */
            if (n + end > (size_t)pg)
                continue;
            char *at = map + pg - end - n;
            memcpy(at, tmp, n + 1);
            check_cstring(at, 0);
        }
    }
    munmap(map, (size_t)pg * 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_rule),
        cmocka_unit_test(test_bytes_equal_tree),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_span),
        cmocka_unit_test(test_emit_span),
        cmocka_unit_test(test_cstring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
