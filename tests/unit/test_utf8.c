/*
 * test_utf8.c - Unicode hygiene: replacement of invalid UTF-8, BOM, line
 * ends, NFC, folding, decoding and category helpers.
 */
#include "test.h"
#include "text/utf8.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

typedef struct {
    const char *name;
    const char *in;
    size_t len;
    const char *out;
    size_t invalid;
} sanitize_case;

#define R "\xEF\xBF\xBD" /* U+FFFD */
#define S(lit) lit, sizeof(lit) - 1

static const sanitize_case SANITIZE[] = {
    {"ascii", S("plain text"), "plain text", 0},
    {"valid multibyte", S("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
     "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 0},
    {"overlong 2-byte slash", S("a\xC0\xAF" "b"), "a" R R "b", 2},
    {"overlong 3-byte", S("\xE0\x80\xAF"), R R R, 3},
    {"overlong 4-byte", S("\xF0\x80\x80\xAF"), R R R R, 4},
    {"truncated at end", S("ab\xE2\x82"), "ab" R, 1},
    {"truncated before ascii", S("\xE2\x82z"), R "z", 1},
    {"truncated 4-byte", S("\xF0\x9F\x98 ok"), R " ok", 1},
    {"lone continuation", S("x\x80y"), "x" R "y", 1},
    {"surrogate high", S("\xED\xA0\x80"), R R R, 3},
    {"surrogate low", S("\xED\xBF\xBF!"), R R R "!", 3},
    {"above U+10FFFF", S("\xF4\x90\x80\x80"), R R R R, 4},
    {"invalid lead F5", S("\xF5"), R, 1},
    {"NUL byte", S("a\0b"), "a" R "b", 1},
    {"existing U+FFFD is not counted", S("a" R "b"), "a" R "b", 0},
    {"leading BOM dropped", S("\xEF\xBB\xBF" "abc"), "abc", 0},
    {"inner BOM kept", S("a\xEF\xBB\xBF" "b"), "a\xEF\xBB\xBF" "b", 0},
    {"CRLF to LF", S("one\r\ntwo\r\n"), "one\ntwo\n", 0},
    {"lone CR to LF", S("one\rtwo\r"), "one\ntwo\n", 0},
    {"CR then invalid", S("a\r\xFF"), "a\n" R, 1},
    {"tab and form feed kept", S("a\tb\fc"), "a\tb\fc", 0},
    {"empty", "", 0, "", 0},
};

/* Each sanitize case gives the expected bytes and replacement count. */
static void test_sanitize_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SANITIZE / sizeof *SANITIZE; i++) {
        const sanitize_case *c = &SANITIZE[i];
        rc_buf b;
        rc_buf_init(&b, 0);
        size_t bad = 99;
        int rc = rc_utf8_sanitize(c->in, c->len, &b, &bad);
        if (rc != RC_OK || strcmp(rc_buf_str(&b), c->out) != 0 || bad != c->invalid)
            fail_msg("case '%s': rc=%d invalid=%zu (want %zu)", c->name, rc, bad, c->invalid);
        rc_buf_cleanup(&b);
    }
}

/* A buffer without NUL terminator is read exactly to its length (ASan
 * catches an overread), and a truncated sequence at the very end is
 * replaced. */
static void test_sanitize_exact_length(void **state)
{
    (void)state;
    char *p = malloc(3);
    assert_non_null(p);
    memcpy(p, "a\xC3\xA9", 3);
    rc_buf b;
    rc_buf_init(&b, 0);
    size_t bad;
    assert_int_equal(rc_utf8_sanitize(p, 2, &b, &bad), RC_OK);
    assert_string_equal(rc_buf_str(&b), "a" R);
    assert_int_equal(bad, 1);
    rc_buf_cleanup(&b);
    free(p);
}

/* Output beyond the buffer's cap is refused with RC_TOOBIG. */
static void test_sanitize_toobig(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 4);
    size_t bad;
    assert_int_equal(rc_utf8_sanitize("abcdefgh", 8, &b, &bad), RC_TOOBIG);
    rc_buf_cleanup(&b);
}

/* Binary sniffing: NUL bytes or >10% odd control bytes. */
static void test_looks_binary(void **state)
{
    (void)state;
    static const struct {
        const char *p;
        size_t n;
        int want;
    } cases[] = {
        {S("Un article ordinaire.\r\n\tAvec tabulation.\f"), 0},
        {S("abc\0def"), 1},
        {S("\x01\x02\x03\x04 abcdef"), 1},
        {S("one \x1b escape in a long enough line of text"), 0},
        {"", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (rc_utf8_looks_binary(cases[i].p, cases[i].n) != cases[i].want)
            fail_msg("looks_binary case %zu", i);
}

/* Decomposed input is composed; NFC input is unchanged. */
static void test_nfc(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"},                   /* é */
        {"A\xCC\x8A", "\xC3\x85"},                                      /* Å */
        {"c\xCC\xA7" "a", "\xC3\xA7" "a"},                               /* ç */
        {"\xE2\x84\xAB", "\xC3\x85"},                                   /* Angstrom sign */
        {"d\xC3\xA9j\xC3\xA0 l\xE2\x80\x99" "ann\xC3\xA9" "e", "d\xC3\xA9j\xC3\xA0 l\xE2\x80\x99" "ann\xC3\xA9" "e"},
        {"plain", "plain"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_utf8_nfc(cases[i].in, strlen(cases[i].in), &b), RC_OK);
        if (strcmp(rc_buf_str(&b), cases[i].out) != 0)
            fail_msg("nfc case %zu: got '%s'", i, rc_buf_str(&b));
        rc_buf_cleanup(&b);
    }
}

/* Composition works across the internal chunk size (a combining mark far
 * into a long text). */
static void test_nfc_long(void **state)
{
    (void)state;
    size_t n = 50000;
    char *in = malloc(n + 4);
    assert_non_null(in);
    memset(in, 'x', n);
    memcpy(in + n - 3, "e\xCC\x81", 3);
    memcpy(in + 16383, "e\xCC\x81", 3); /* mark straddles 16 KiB */
    rc_buf b;
    rc_buf_init(&b, 0);
    assert_int_equal(rc_utf8_nfc(in, n, &b), RC_OK);
    assert_int_equal(b.len, n - 2);
    assert_memory_equal(b.data + 16383, "\xC3\xA9", 2);
    assert_memory_equal(b.data + b.len - 2, "\xC3\xA9", 2);
    rc_buf_cleanup(&b);
    free(in);
}

/* Folding with each flag combination. */
static void test_fold(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int flags;
        const char *out;
    } cases[] = {
        {"\xC3\x89" "COLE", RC_FOLD_CASE, "\xC3\xA9" "cole"},                  /* ÉCOLE */
        {"Stra\xC3\x9F" "e", RC_FOLD_CASE, "strasse"},                         /* Straße */
        {"L\xE2\x80\x99\xC3\x89tat", RC_FOLD_CASE | RC_FOLD_QUOTES, "l'\xC3\xA9tat"},
        {"L\xE2\x80\x99\xC3\x89tat", RC_FOLD_CASE, "l\xE2\x80\x99\xC3\xA9tat"},
        {"\xC3\x89l\xC3\xA8ve", RC_FOLD_CASE | RC_FOLD_ACCENTS, "eleve"},
        {"\xC3\x89l\xC3\xA8ve", RC_FOLD_ACCENTS, "Eleve"},
        {"7\xC2\xA0" "000", RC_FOLD_QUOTES, "7 000"},                         /* NBSP */
        {"2\xE2\x80\xAF" "500", RC_FOLD_QUOTES, "2 500"},                     /* NNBSP */
        {"E\xCC\x81T\xC3\x89", RC_FOLD_CASE, "\xC3\xA9t\xC3\xA9"},            /* NFC after */
        {"\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90", RC_FOLD_CASE,
         "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"},                 /* Cyrillic */
        {"ABC", 0, "ABC"},
        {"", RC_FOLD_CASE, ""},
    };
    rc_arena *a = rc_arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = 999;
        char *r = rc_utf8_fold(a, cases[i].in, strlen(cases[i].in), cases[i].flags, &len);
        if (strcmp(r, cases[i].out) != 0 || len != strlen(cases[i].out))
            fail_msg("fold case %zu: got '%s'", i, r);
    }
    rc_arena_free(a);
}

/* Decoding valid and invalid sequences, never past n. */
static void test_decode(void **state)
{
    (void)state;
    int32_t cp;
    assert_int_equal(rc_utf8_decode("a", 1, 0, &cp), 1);
    assert_int_equal(cp, 'a');
    assert_int_equal(rc_utf8_decode("\xC3\xA9", 2, 0, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(rc_utf8_decode("x\xE2\x80\xAF", 4, 1, &cp), 3);
    assert_int_equal(cp, 0x202F);
    assert_int_equal(rc_utf8_decode("\xF0\x9F\x98\x80", 4, 0, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(rc_utf8_decode("\xFF", 1, 0, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(rc_utf8_decode("\xC3\xA9", 1, 0, &cp), 1); /* cut by n */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(rc_utf8_decode("\xED\xA0\x80", 3, 0, &cp), 1); /* surrogate */
    assert_int_equal(cp, 0xFFFD);
}

/* Category helpers on a table of code points. */
static void test_categories(void **state)
{
    (void)state;
    static const struct {
        int32_t cp;
        int letter, upper, digit, space, punct;
    } cases[] = {
        {'a', 1, 0, 0, 0, 0},     {'Q', 1, 1, 0, 0, 0},     {0xC9, 1, 1, 0, 0, 0},
        {0xE9, 1, 0, 0, 0, 0},    {0x416, 1, 1, 0, 0, 0},   {'7', 0, 0, 1, 0, 0},
        {0x663, 0, 0, 1, 0, 0},   {' ', 0, 0, 0, 1, 0},     {'\n', 0, 0, 0, 1, 0},
        {0xA0, 0, 0, 0, 1, 0},    {0x202F, 0, 0, 0, 1, 0},  {0x2009, 0, 0, 0, 1, 0},
        {'.', 0, 0, 0, 0, 1},     {0xAB, 0, 0, 0, 0, 1},    {0x2019, 0, 0, 0, 0, 1},
        {0x20AC, 0, 0, 0, 0, 1},  {0x2026, 0, 0, 0, 0, 1},  {0x301, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int32_t cp = cases[i].cp;
        if (rc_uc_is_letter(cp) != cases[i].letter || rc_uc_is_upper(cp) != cases[i].upper ||
            rc_uc_is_digit(cp) != cases[i].digit || rc_uc_is_space(cp) != cases[i].space ||
            rc_uc_is_punct(cp) != cases[i].punct)
            fail_msg("category case U+%04X", (unsigned)cp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitize_table),
        cmocka_unit_test(test_sanitize_exact_length),
        cmocka_unit_test(test_sanitize_toobig),
        cmocka_unit_test(test_looks_binary),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_nfc_long),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_categories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
