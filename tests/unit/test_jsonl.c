/*
 * test_jsonl.c - JSON-lines reader: rc_jsonl_parse_line (table-driven) and
 * rc_jsonl_read over in-memory streams (fmemopen), diagnostics checked by
 * capturing stderr.
 */
#include "test.h"
#include "ingest/jsonl.h"
#include "util/rc.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* ---- recording callback ------------------------------------------------ */

typedef struct rec {
    char id[64], title[64], group[64], input[64];
    char body[256];
    size_t body_len;
    long line;
    rc_format format;
} rec;

typedef struct recorder {
    rec r[32];
    size_t n;
    int stop_at;   /* return RC_STOP for this 1-based call, 0: never */
    int fail_at;   /* return RC_EMPTY for this 1-based call, 0: never */
} recorder;

/* Copy s (may be NULL, stored as "(null)") into dst[64]. */
static void copy_str(char *dst, const char *s)
{
    snprintf(dst, 64, "%s", s ? s : "(null)");
}

/* Callback: record what was received, touching every body byte. */
static int record(const rc_raw *raw, void *ud)
{
    recorder *rc = ud;
    assert_true(rc->n < 32);
    rec *r = &rc->r[rc->n++];
    copy_str(r->id, raw->id);
    copy_str(r->title, raw->title);
    copy_str(r->group, raw->group);
    copy_str(r->input, raw->input);
    r->body_len = raw->body_len;
    size_t k = raw->body_len < sizeof r->body - 1 ? raw->body_len : sizeof r->body - 1;
    memcpy(r->body, raw->body, k);
    r->body[k] = '\0';
    r->line = raw->line;
    r->format = raw->format;
    if (rc->stop_at && (int)rc->n == rc->stop_at)
        return RC_STOP;
    if (rc->fail_at && (int)rc->n == rc->fail_at)
        return RC_EMPTY;
    return RC_OK;
}

/* Run rc_jsonl_read over the n bytes of s as input "in.jsonl". */
static int read_mem(const char *s, size_t n, size_t max, recorder *r, rc_ingest_stats *st)
{
    FILE *fp = fmemopen((void *)s, n, "rb");
    assert_non_null(fp);
    int rc = rc_jsonl_read(fp, "in.jsonl", "grp", max, record, r, st);
    fclose(fp);
    return rc;
}

/* ---- rc_jsonl_parse_line ----------------------------------------------- */

typedef struct pcase {
    const char *name;
    const char *line;
    size_t len;            /* 0: strlen(line) */
    int rc;
    const char *id, *title, *body; /* expected; NULL: field must be NULL */
    size_t body_len;       /* checked when rc == RC_OK */
    rc_format format;
    const char *why;       /* substring of the reason when rc == RC_PARSE */
} pcase;

static const pcase pcases[] = {
    {"all fields",
     "{\"id\":\"a1\",\"url\":\"http://x/1\",\"title\":\"T\",\"text\":\"Body\","
     "\"published\":\"2025-06-17\",\"outlet\":\"Le Monde\",\"lang\":\"fr\","
     "\"author\":\"A. B.\",\"extra\":[1,{\"x\":2}]}",
     0, RC_OK, "a1", "T", "Body", 4, RC_FMT_TEXT, NULL},
    {"numeric id", "{\"id\":42,\"text\":\"x\"}", 0, RC_OK, "42", NULL, "x", 1, RC_FMT_TEXT, NULL},
    {"negative id", "{\"id\":-7,\"text\":\"x\"}", 0, RC_OK, "-7", NULL, "x", 1, RC_FMT_TEXT, NULL},
    {"html only", "{\"html\":\"<p>hi</p>\"}", 0, RC_OK, NULL, NULL, "<p>hi</p>", 9, RC_FMT_HTML, NULL},
    {"text wins over html", "{\"text\":\"t\",\"html\":\"<p>h</p>\"}", 0, RC_OK, NULL, NULL, "t", 1,
     RC_FMT_TEXT, NULL},
    {"empty text falls back to html", "{\"text\":\"\",\"html\":\"<b>h</b>\"}", 0, RC_OK, NULL, NULL,
     "<b>h</b>", 8, RC_FMT_HTML, NULL},
    {"empty text alone goes through", "{\"text\":\"\"}", 0, RC_OK, NULL, NULL, "", 0, RC_FMT_TEXT,
     NULL},
    {"null and empty metadata are absent", "{\"id\":null,\"title\":\"\",\"text\":\"x\"}", 0, RC_OK,
     NULL, NULL, "x", 1, RC_FMT_TEXT, NULL},
    {"CR at end", "{\"text\":\"x\"}\r", 0, RC_OK, NULL, NULL, "x", 1, RC_FMT_TEXT, NULL},
    {"NUL in text kept with its length", "{\"text\":\"a\\u0000b\"}", 0, RC_OK, NULL, NULL, "a\0b", 3,
     RC_FMT_TEXT, NULL},
    {"blank", "  \t \r", 0, RC_EMPTY, NULL, NULL, NULL, 0, RC_FMT_TEXT, NULL},
    {"empty", "", 0, RC_EMPTY, NULL, NULL, NULL, 0, RC_FMT_TEXT, NULL},
    {"malformed", "{\"text\": x}", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "malformed JSON: invalid token near 'x' (column 10)"},
    {"truncated", "{\"text\":\"abc", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT, "malformed JSON"},
    {"trailing garbage", "{\"text\":\"x\"} y", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "malformed JSON: end of file expected"},
    {"array", "[1,2]", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "not a JSON object (found an array)"},
    {"number", "3", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "not a JSON object (found an integer)"},
    {"missing text", "{\"title\":\"t\"}", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "no \"text\" or \"html\" field"},
    {"wrong type title", "{\"text\":\"x\",\"title\":3}", 0, RC_PARSE, NULL, NULL, NULL, 0,
     RC_FMT_TEXT, "field \"title\" must be a string, not an integer"},
    {"wrong type text", "{\"text\":[\"x\"]}", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "field \"text\" must be a string, not an array"},
    {"wrong type id", "{\"id\":1.5,\"text\":\"x\"}", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "field \"id\" must be a string or an integer, not a real number"},
    {"duplicate key", "{\"text\":\"a\",\"text\":\"b\"}", 0, RC_PARSE, NULL, NULL, NULL, 0,
     RC_FMT_TEXT, "duplicate object key"},
    {"NUL in title", "{\"text\":\"x\",\"title\":\"a\\u0000b\"}", 0, RC_PARSE, NULL, NULL, NULL, 0,
     RC_FMT_TEXT, "field \"title\" contains a NUL character"},
    {"invalid UTF-8", "{\"text\":\"\xff\"}", 0, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "invalid UTF-8"},
    {"raw NUL byte in line", "{\"text\":\"a\0b\"}", 14, RC_PARSE, NULL, NULL, NULL, 0, RC_FMT_TEXT,
     "malformed JSON"},
    {"control byte in reason is masked", "{\"text\":\x1b}", 0, RC_PARSE, NULL, NULL, NULL, 0,
     RC_FMT_TEXT, "near '?'"},
};

/* Every case of the table gives the expected result, fields and reason. */
static void test_parse_line_table(void **state)
{
    (void)state;
    rc_jsonl_scratch scratch = {0};
    for (size_t i = 0; i < sizeof pcases / sizeof pcases[0]; i++) {
        const pcase *c = &pcases[i];
        rc_raw raw;
        char why[256];
        size_t len = c->len ? c->len : strlen(c->line);
        int rc = rc_jsonl_parse_line(c->line, len, &raw, &scratch, why, sizeof why);
        if (rc != c->rc)
            fail_msg("case \"%s\": rc %d, expected %d (%s)", c->name, rc, c->rc, why);
        if (rc == RC_PARSE) {
            if (!strstr(why, c->why))
                fail_msg("case \"%s\": reason \"%s\" lacks \"%s\"", c->name, why, c->why);
            continue;
        }
        if (rc != RC_OK)
            continue;
        if (c->id)
            assert_string_equal(raw.id, c->id);
        else
            assert_null(raw.id);
        if (c->title)
            assert_string_equal(raw.title, c->title);
        else
            assert_null(raw.title);
        assert_int_equal(raw.body_len, c->body_len);
        assert_memory_equal(raw.body, c->body, c->body_len);
        assert_int_equal(raw.format, c->format);
    }
    rc_jsonl_scratch_free(&scratch);
    rc_jsonl_scratch_free(&scratch); /* idempotent */
}

/* Every metadata field is passed through. */
static void test_parse_line_all_fields(void **state)
{
    (void)state;
    rc_jsonl_scratch scratch = {0};
    rc_raw raw;
    const char *l = pcases[0].line;
    assert_int_equal(rc_jsonl_parse_line(l, strlen(l), &raw, &scratch, NULL, 0), RC_OK);
    assert_string_equal(raw.url, "http://x/1");
    assert_string_equal(raw.published, "2025-06-17");
    assert_string_equal(raw.outlet, "Le Monde");
    assert_string_equal(raw.lang, "fr");
    assert_string_equal(raw.author, "A. B.");
    assert_null(raw.input);
    assert_int_equal(raw.line, 0);
    rc_jsonl_scratch_free(&scratch);
    /* a failing line with no room for a reason does not write one */
    assert_int_equal(rc_jsonl_parse_line("[", 1, &raw, &scratch, NULL, 0), RC_PARSE);
    rc_jsonl_scratch_free(&scratch);
}

/* ---- rc_jsonl_read ----------------------------------------------------- */

/* Good, blank and bad lines: good ones go through with their line numbers,
 * each bad one is one message naming FILE:LINE, and reading goes on. */
static void test_read_mixed(void **state)
{
    (void)state;
    const char *in =
        "{\"id\":\"one\",\"text\":\"first\"}\n"      /* 1 ok */
        "\n"                                          /* 2 blank */
        "{\"text\": x}\n"                             /* 3 malformed */
        "[1,2]\n"                                     /* 4 array */
        "{\"title\":\"t\"}\n"                         /* 5 no text */
        "{\"text\":\"x\",\"lang\":true}\n"            /* 6 wrong type */
        "   \n"                                       /* 7 blank */
        "{\"id\":9,\"html\":\"<p>h</p>\"}\n";         /* 8 ok */
    recorder r = {0};
    rc_ingest_stats st = {0};
    capture_begin();
    int rc = read_mem(in, strlen(in), 0, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.failed, 4);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.r[0].id, "one");
    assert_int_equal(r.r[0].line, 1);
    assert_string_equal(r.r[0].input, "in.jsonl");
    assert_string_equal(r.r[0].group, "grp");
    assert_string_equal(r.r[0].body, "first");
    assert_string_equal(r.r[1].id, "9");
    assert_int_equal(r.r[1].line, 8);
    assert_int_equal(r.r[1].format, RC_FMT_HTML);
    assert_non_null(strstr(err, "recoupe: in.jsonl:3: error: malformed JSON: invalid token near 'x' (column 10)\n"));
    assert_non_null(strstr(err, "in.jsonl:4: error: not a JSON object (found an array)\n"));
    assert_non_null(strstr(err, "in.jsonl:5: error: no \"text\" or \"html\" field\n"));
    assert_non_null(strstr(err, "in.jsonl:6: error: field \"lang\" must be a string, not a boolean\n"));
    /* exactly four messages */
    size_t lines = 0;
    for (const char *p = err; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 4);
}

/* A line over the cap is reported and skipped; the next line is read. Also
 * when the long line spans many read chunks. */
static void test_read_long_line(void **state)
{
    (void)state;
    size_t longn = 300000;
    char *in = malloc(longn + 100);
    assert_non_null(in);
    size_t n = 0;
    const char *a = "{\"text\":\"a\"}\n";
    memcpy(in + n, a, strlen(a));
    n += strlen(a);
    in[n++] = '{';
    memset(in + n, 'x', longn);
    n += longn;
    in[n++] = '\n';
    const char *b = "{\"text\":\"b\"}\n";
    memcpy(in + n, b, strlen(b));
    n += strlen(b);

    recorder r = {0};
    rc_ingest_stats st = {0};
    capture_begin();
    int rc = read_mem(in, n, 1000, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.failed, 1);
    assert_int_equal(r.r[0].line, 1);
    assert_string_equal(r.r[1].body, "b");
    assert_int_equal(r.r[1].line, 3);
    assert_string_equal(err, "recoupe: in.jsonl:2: error: line is over the 1000-byte limit "
                             "(--max-size), skipped\n");

    /* the same long line last, without a newline */
    memset(&r, 0, sizeof r);
    capture_begin();
    rc = read_mem(in, strlen(a) + 1 + longn, 1000, &r, &st);
    err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(r.n, 1);
    assert_non_null(strstr(err, "in.jsonl:2: error: line is over the 1000-byte limit"));

    /* a line of exactly the cap is fine */
    const char *exact = "{\"text\":\"0123456789\"}"; /* 21 bytes */
    memset(&r, 0, sizeof r);
    assert_int_equal(read_mem(exact, strlen(exact), 21, &r, &st), RC_OK);
    assert_int_equal(r.n, 1);
    free(in);
}

/* The default cap prints as "32 MiB". */
static void test_read_long_line_default_message(void **state)
{
    (void)state;
    size_t big = ((size_t)32 << 20) + 10;
    char *in = malloc(big + 1);
    assert_non_null(in);
    memset(in, ' ', big);
    in[0] = '{';
    in[big] = '\n';
    recorder r = {0};
    rc_ingest_stats st = {0};
    capture_begin();
    int rc = read_mem(in, big + 1, 0, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_string_equal(err, "recoupe: in.jsonl:1: error: line is over the 32 MiB limit "
                             "(--max-size), skipped\n");
    free(in);
}

/* Last line without '\n', CRLF line ends, and a byte order mark. */
static void test_read_line_ends(void **state)
{
    (void)state;
    const char *in = "\xEF\xBB\xBF{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\\r\"}\r\n{\"text\":\"c\"}";
    recorder r = {0};
    rc_ingest_stats st = {0};
    assert_int_equal(read_mem(in, strlen(in), 0, &r, &st), RC_OK);
    assert_int_equal(st.articles, 3);
    assert_int_equal(st.failed, 0);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.r[0].body, "a");
    assert_int_equal(r.r[0].line, 1);
    assert_string_equal(r.r[1].body, "b\r");
    assert_int_equal(r.r[1].line, 3);
    assert_string_equal(r.r[2].body, "c");
    assert_int_equal(r.r[2].line, 4);

    /* empty stream: nothing, no error */
    memset(&r, 0, sizeof r);
    assert_int_equal(read_mem("", 0, 0, &r, &st), RC_OK);
    assert_int_equal(r.n, 0);
}

/* Callback results: a failure is counted, RC_STOP ends the read. */
static void test_read_callback_results(void **state)
{
    (void)state;
    const char *in = "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n";
    recorder r = {.fail_at = 1};
    rc_ingest_stats st = {0};
    assert_int_equal(read_mem(in, strlen(in), 0, &r, &st), RC_ERR);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.failed, 1);

    recorder r2 = {.stop_at = 2};
    rc_ingest_stats st2 = {0};
    assert_int_equal(read_mem(in, strlen(in), 0, &r2, &st2), RC_STOP);
    assert_int_equal(r2.n, 2);
    assert_int_equal(st2.articles, 1);
    assert_int_equal(st2.failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_line_table),
        cmocka_unit_test(test_parse_line_all_fields),
        cmocka_unit_test(test_read_mixed),
        cmocka_unit_test(test_read_long_line),
        cmocka_unit_test(test_read_long_line_default_message),
        cmocka_unit_test(test_read_line_ends),
        cmocka_unit_test(test_read_callback_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
