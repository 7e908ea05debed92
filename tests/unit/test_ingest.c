/*
 * test_ingest.c - the input walker: a temporary tree built with mkdtemp,
 * checking order, ids, groups, formats, skipping, failures, messages (stderr
 * captured) and standard input (freopen).
 */
#include "test.h"
#include "ingest/ingest.h"
#include "util/rc.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <zlib.h>

/* ---- helpers ----------------------------------------------------------- */

static char root[64];

/* root/rel as a path in out[512]. */
static const char *at(char *out, const char *rel)
{
    snprintf(out, 512, "%s/%s", root, rel);
    return out;
}

/* Create root/rel holding s. */
static void put(const char *rel, const char *s)
{
    char p[512];
    FILE *f = fopen(at(p, rel), "wb");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

/* Create directory root/rel. */
static void mkd(const char *rel)
{
    char p[512];
    assert_int_equal(mkdir(at(p, rel), 0700), 0);
}

/* Remove the tree under path (test-made files only). */
static void rm_tree(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

typedef struct rec {
    char input[512], id[64], group[512];
    char body[128];
    size_t body_len;
    long line;
    rc_format format;
} rec;

typedef struct recorder {
    rec r[64];
    size_t n;
    int stop_at; /* return RC_STOP for this 1-based call, 0: never */
} recorder;

/* Path relative to root when under it (for compact asserts). */
static const char *rel(const char *p)
{
    size_t n = strlen(root);
    return strncmp(p, root, n) == 0 && p[n] == '/' ? p + n + 1
           : strcmp(p, root) == 0                  ? "<root>"
                                                   : p;
}

/* Callback: record what was received. */
static int record(const rc_raw *raw, void *ud)
{
    recorder *rc = ud;
    assert_true(rc->n < 64);
    rec *r = &rc->r[rc->n++];
    snprintf(r->input, sizeof r->input, "%s", rel(raw->input));
    snprintf(r->id, sizeof r->id, "%s", raw->id ? raw->id : "(null)");
    snprintf(r->group, sizeof r->group, "%s", rel(raw->group));
    size_t k = raw->body_len < sizeof r->body - 1 ? raw->body_len : sizeof r->body - 1;
    memcpy(r->body, raw->body, k);
    r->body[k] = '\0';
    r->body_len = raw->body_len;
    r->line = raw->line;
    r->format = raw->format;
    return rc->stop_at && (int)rc->n == rc->stop_at ? RC_STOP : RC_OK;
}

/* Count of '\n' in s. */
static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Build the shared tree once. */
static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/test_ingest_XXXXXX");
    if (!mkdtemp(root))
        return -1;
    put("b.txt", "bee");
    put("a.txt", "ay\n");
    put("A.txt", "upper");
    put(".hidden.txt", "hidden");
    mkd(".git");
    put(".git/x.txt", "hidden too");
    put("README.md", "# not an article");
    put("notes", "no extension");
    put("empty.txt", "");
    mkd("sub");
    put("sub/c.jsonl", "{\"id\":\"c1\",\"text\":\"see\"}\n\n{\"id\":7,\"html\":\"<p>7</p>\"}\n");
    mkd("sub/deep");
    put("sub/deep/d.html", "<p>d</p>");
    put("sub/deep/e.NDJSON", "{\"text\":\"e\"}");
    mkd("none");
    put("none/README", "x");
    put("none/data.csv", "a,b");
    mkd("void");
    return 0;
}

/* Remove the shared tree. */
static int teardown(void **state)
{
    (void)state;
    rm_tree(root);
    return 0;
}

/* ---- tests ------------------------------------------------------------- */

/* A directory: strcmp order, depth first, hidden entries skipped silently,
 * unknown extensions skipped and counted, ids, groups and formats right, the
 * empty file reported once, counted as failed, and the walk goes on. */
static void test_walk_tree(void **state)
{
    (void)state;
    char p[512];
    const char *paths[] = {at(p, "")};
    p[strlen(p) - 1] = '\0'; /* no trailing slash */
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 1, NULL, record, &r, &st);
    const char *err = capture_end();

    static const struct {
        const char *input, *id, *group, *body;
        long line;
        rc_format format;
    } want[] = {
        {"A.txt", "A", "<root>", "upper", 0, RC_FMT_TEXT},
        {"a.txt", "a", "<root>", "ay\n", 0, RC_FMT_TEXT},
        {"b.txt", "b", "<root>", "bee", 0, RC_FMT_TEXT},
        {"sub/c.jsonl", "c1", "sub", "see", 1, RC_FMT_TEXT},
        {"sub/c.jsonl", "7", "sub", "<p>7</p>", 3, RC_FMT_HTML},
        {"sub/deep/d.html", "d", "sub/deep", "<p>d</p>", 0, RC_FMT_HTML},
        {"sub/deep/e.NDJSON", "(null)", "sub/deep", "e", 1, RC_FMT_TEXT},
    };
    size_t nwant = sizeof want / sizeof want[0];
    assert_int_equal(r.n, nwant);
    for (size_t i = 0; i < nwant; i++) {
        assert_string_equal(r.r[i].input, want[i].input);
        assert_string_equal(r.r[i].id, want[i].id);
        assert_string_equal(r.r[i].group, want[i].group);
        assert_string_equal(r.r[i].body, want[i].body);
        assert_int_equal(r.r[i].line, want[i].line);
        assert_int_equal(r.r[i].format, want[i].format);
    }
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, nwant);
    assert_int_equal(st.failed, 1);
    assert_int_equal(st.skipped, 4); /* README.md, notes, none/README, none/data.csv */
    assert_non_null(strstr(err, "/empty.txt: error: empty file\n"));
    assert_int_equal(count_lines(err), 1);
}

/* A missing path is one error; the inputs around it are still read. */
static void test_missing_path(void **state)
{
    (void)state;
    char p1[512], p2[512], p3[512];
    const char *paths[] = {at(p1, "a.txt"), at(p2, "nope"), at(p3, "b.txt")};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 3, NULL, record, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.failed, 1);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.r[0].id, "a");
    assert_string_equal(r.r[1].id, "b");
    assert_non_null(strstr(err, "/nope: error: No such file or directory\n"));
    assert_int_equal(count_lines(err), 1);
}

/* Files named explicitly: any extension is read as text, id without the
 * extension; all good gives RC_OK. */
static void test_explicit_files(void **state)
{
    (void)state;
    char p1[512], p2[512], p3[512];
    const char *paths[] = {at(p1, "README.md"), at(p2, "notes"), at(p3, ".hidden.txt")};
    recorder r = {0};
    rc_ingest_stats st;
    assert_int_equal(rc_ingest_walk(paths, 3, NULL, record, &r, &st), RC_OK);
    assert_int_equal(st.articles, 3);
    assert_int_equal(st.failed, 0);
    assert_int_equal(st.skipped, 0);
    assert_string_equal(r.r[0].id, "README");
    assert_int_equal(r.r[0].format, RC_FMT_TEXT);
    assert_string_equal(r.r[1].id, "notes");
    assert_string_equal(r.r[2].id, ".hidden");
}

/* A bare file name has group "."; a path at the root has group "/". */
static void test_bare_name_group(void **state)
{
    (void)state;
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(root), 0);
    const char *paths[] = {"a.txt", "sub/deep/d.html"};
    recorder r = {0};
    rc_ingest_stats st;
    int rc = rc_ingest_walk(paths, 2, NULL, record, &r, &st);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, RC_OK);
    assert_string_equal(r.r[0].group, ".");
    assert_string_equal(r.r[0].input, "a.txt");
    assert_string_equal(r.r[1].group, "sub/deep");
}

/* Directories without articles: one error each, with the skipped count. */
static void test_no_articles(void **state)
{
    (void)state;
    char p1[512], p2[512];
    const char *paths[] = {at(p1, "none"), at(p2, "void/")};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 2, NULL, record, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, 0);
    assert_int_equal(st.failed, 2);
    assert_int_equal(st.skipped, 2);
    assert_non_null(strstr(err, "/none: error: no articles found (2 files skipped)\n"));
    assert_non_null(strstr(err, "/void/: error: no articles found (0 files skipped)\n"));
    assert_int_equal(count_lines(err), 2);
}

/* Over the size cap: reported from fstat before reading, in a readable
 * unit; a small cap and the default one (with a sparse 40 MiB file). */
static void test_size_cap(void **state)
{
    (void)state;
    char p1[512], p2[512], big[512];
    put("forty.txt", "0123456789012345678901234567890123456789");
    const char *paths[] = {at(p1, "forty.txt"), at(p2, "b.txt")};
    rc_ingest_opts o = {.max_bytes = 10};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 2, &o, record, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, 1);
    assert_int_equal(st.failed, 1);
    assert_string_equal(r.r[0].id, "b");
    assert_non_null(strstr(err, "/forty.txt: error: file is 40 bytes, over the 10-byte limit "
                                "(--max-size)\n"));
    unlink(p1);

    at(big, "big.txt");
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)40 << 20), 0);
    close(fd);
    const char *bp[] = {big};
    memset(&r, 0, sizeof r);
    capture_begin();
    rc = rc_ingest_walk(bp, 1, NULL, record, &r, &st);
    err = capture_end();
    unlink(big);
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(r.n, 0);
    assert_int_equal(st.failed, 1);
    assert_non_null(strstr(err, "/big.txt: error: file is 40.0 MiB, over the 32 MiB limit "
                                "(--max-size)\n"));
}

/* Create root/rel holding n bytes of p. */
static void putn(const char *rel, const void *p, size_t n)
{
    char path[512];
    FILE *f = fopen(at(path, rel), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* gzip s into out[cap]; returns the length. */
static size_t gz(const char *s, unsigned char *out, size_t cap)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)strlen(s);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    deflateEnd(&z);
    return cap - z.avail_out;
}

/* Saved pages and archives in a folder: .html.gz (id without .html.gz),
 * .warc (each HTML record an article with its URL host as group), a
 * truncated .html.gz and an archive without pages are one error each. */
static void test_web_files(void **state)
{
    (void)state;
    unsigned char buf[256];
    mkd("web");
    putn("web/page.HTML.gz", buf, gz("<p>gz</p>", buf, sizeof buf));
    size_t n = gz("<p>truncated page</p>", buf, sizeof buf);
    putn("web/bad.htm.gz", buf, n - 6);
    static const char warc[] =
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://Site.example/p\r\n"
        "WARC-Record-ID: <urn:uuid:0F0F0F0F-1111-2222-3333-444455556666>\r\n"
        "Content-Type: text/html\r\nContent-Length: 9\r\n\r\n<p>rw</p>\r\n\r\n";
    put("web/a.warc", warc);
    put("web/info.warc", "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    char p[512];
    const char *paths[] = {at(p, "web")};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 1, NULL, record, &r, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.r[0].input, "web/a.warc");
    assert_string_equal(r.r[0].id, "0f0f0f0f-1111-2222-3333-444455556666");
    assert_string_equal(r.r[0].group, "site.example");
    assert_string_equal(r.r[0].body, "<p>rw</p>");
    assert_int_equal(r.r[0].format, RC_FMT_HTML);
    assert_string_equal(r.r[1].input, "web/page.HTML.gz");
    assert_string_equal(r.r[1].id, "page");
    assert_string_equal(r.r[1].body, "<p>gz</p>");
    assert_int_equal(r.r[1].format, RC_FMT_HTML);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.failed, 2);
    assert_non_null(strstr(err, "/web/bad.htm.gz@0: error: corrupt or truncated gzip data"));
    assert_non_null(strstr(err, "/web/info.warc: error: no HTML pages found in the archive "
                                "(1 record skipped)\n"));
    assert_int_equal(count_lines(err), 2);
    rm_tree(at(p, "web"));
}

/* JSON-lines files: blank-only is an error, a long line is skipped. */
static void test_jsonl_files(void **state)
{
    (void)state;
    char p1[512], p2[512], p3[512];
    put("blank.jsonl", "\n  \n\r\n");
    put("zero.jsonl", "");
    put("long.jsonl", "{\"text\":\"0123456789012345678901234567890123456789\"}\n{\"text\":\"ok\"}\n");
    const char *paths[] = {at(p1, "blank.jsonl"), at(p2, "zero.jsonl"), at(p3, "long.jsonl")};
    rc_ingest_opts o = {.max_bytes = 20};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 3, &o, record, &r, &st);
    const char *err = capture_end();
    unlink(p1);
    unlink(p2);
    unlink(p3);
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.articles, 1);
    assert_int_equal(st.failed, 3);
    assert_string_equal(r.r[0].body, "ok");
    assert_int_equal(r.r[0].line, 2);
    assert_non_null(strstr(err, "/blank.jsonl: error: no articles found (only blank lines)\n"));
    assert_non_null(strstr(err, "/zero.jsonl: error: empty file\n"));
    assert_non_null(strstr(err, "/long.jsonl:1: error: line is over the 20-byte limit"));
    assert_int_equal(count_lines(err), 3);
}

/* A symbolic-link loop ends (warning), each article is read once; a dangling
 * link named like an article is an error. */
static void test_symlink_loop(void **state)
{
    (void)state;
    char d[512], l[512], dl[512], p[512];
    mkd("loop");
    put("loop/x.txt", "x");
    assert_int_equal(symlink(".", at(l, "loop/up")), 0);
    assert_int_equal(symlink("nowhere", at(dl, "loop/gone.txt")), 0);
    const char *paths[] = {at(d, "loop")};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 1, NULL, record, &r, &st);
    const char *err = capture_end();
    unlink(l);
    unlink(dl);
    unlink(at(p, "loop/x.txt"));
    rmdir(d);
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.failed, 1);
    assert_non_null(strstr(err, "/loop/gone.txt: error: No such file or directory (dangling symbolic link?)"));
    assert_non_null(strstr(err, "symbolic link loop"));
    assert_int_equal(st.articles, 1);
    assert_int_equal(r.n, 1); /* x.txt once, not again through loop/up */
    assert_string_equal(r.r[0].input, "loop/x.txt");
    assert_non_null(strstr(err, "/loop/up: warning: directory already read"));
    assert_int_equal(count_lines(err), 2);
}

/* RC_STOP from the callback ends the walk at once. */
static void test_stop(void **state)
{
    (void)state;
    char p1[512], p2[512];
    const char *paths[] = {at(p1, "a.txt"), at(p2, "b.txt")};
    recorder r = {.stop_at = 1};
    rc_ingest_stats st;
    assert_int_equal(rc_ingest_walk(paths, 2, NULL, record, &r, &st), RC_STOP);
    assert_int_equal(r.n, 1);
    assert_int_equal(st.articles, 0);
}

/* An unreadable file: strerror named (skipped when running as root). */
static void test_unreadable(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip();
    char p[512];
    put("locked.txt", "secret");
    assert_int_equal(chmod(at(p, "locked.txt"), 0), 0);
    const char *paths[] = {p};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 1, NULL, record, &r, &st);
    const char *err = capture_end();
    unlink(p);
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.failed, 1);
    assert_non_null(strstr(err, "/locked.txt: error: Permission denied\n"));
}

/* A file that cannot be opened (a socket, even as root): strerror named and
 * counted as failed when named; inside a directory it is skipped. */
static void test_open_error(void **state)
{
    (void)state;
    char d[512], sp[512];
    mkd("sock");
    put("sock/ok.txt", "ok");
    at(sp, "sock/s.txt");
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    assert_true(strlen(sp) < sizeof sa.sun_path);
    memcpy(sa.sun_path, sp, strlen(sp) + 1);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    const char *paths[] = {sp, at(d, "sock")};
    recorder r = {0};
    rc_ingest_stats st;
    capture_begin();
    int rc = rc_ingest_walk(paths, 2, NULL, record, &r, &st);
    const char *err = capture_end();
    close(fd);
    unlink(sp);
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(st.failed, 1);
    assert_int_equal(st.articles, 1);
    assert_int_equal(st.skipped, 1);
    assert_string_equal(r.r[0].input, "sock/ok.txt");
    assert_non_null(strstr(err, "/sock/s.txt: error: No such device or address\n"));
    assert_int_equal(count_lines(err), 1);
}

/* Run the walk over "-" with stdin reading from a file holding n bytes of s. */
static int walk_stdin(const char *s, size_t n, recorder *r, rc_ingest_stats *st,
                      const char **err)
{
    char p[512];
    FILE *f = fopen(at(p, "stdin.tmp"), "wb");
    assert_non_null(f);
    fwrite(s, 1, n, f);
    fclose(f);
    assert_non_null(freopen(p, "rb", stdin));
    const char *paths[] = {"-"};
    capture_begin();
    int rc = rc_ingest_walk(paths, 1, NULL, record, r, st);
    *err = capture_end();
    unlink(p);
    return rc;
}

/* Standard input: plain text (all bytes kept, no id), JSON lines after blank
 * lines (line numbers count them), a BOM, and empty input. */
static void test_stdin(void **state)
{
    (void)state;
    const char *err;
    recorder r = {0};
    rc_ingest_stats st;
    const char *text = "\n  Titre\n\nCorps {x}\n";
    assert_int_equal(walk_stdin(text, strlen(text), &r, &st, &err), RC_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.r[0].input, "-");
    assert_string_equal(r.r[0].group, "-");
    assert_string_equal(r.r[0].id, "(null)");
    assert_string_equal(r.r[0].body, text);
    assert_int_equal(r.r[0].format, RC_FMT_TEXT);

    memset(&r, 0, sizeof r);
    const char *jl = "\n \r\n{\"id\":\"j\",\"text\":\"x\"}\n{bad\n";
    assert_int_equal(walk_stdin(jl, strlen(jl), &r, &st, &err), RC_ERR);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.r[0].id, "j");
    assert_int_equal(r.r[0].line, 3);
    assert_string_equal(r.r[0].group, "-");
    assert_int_equal(st.failed, 1);
    assert_non_null(strstr(err, "recoupe: -:4: error: malformed JSON"));

    memset(&r, 0, sizeof r);
    const char *bom = "\xEF\xBB\xBF{\"text\":\"b\"}";
    assert_int_equal(walk_stdin(bom, strlen(bom), &r, &st, &err), RC_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.r[0].body, "b");
    assert_int_equal(r.r[0].line, 1);

    memset(&r, 0, sizeof r);
    const char *notbom = "\xEF{x";
    assert_int_equal(walk_stdin(notbom, strlen(notbom), &r, &st, &err), RC_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.r[0].body, notbom);

    memset(&r, 0, sizeof r);
    assert_int_equal(walk_stdin("", 0, &r, &st, &err), RC_ERR);
    assert_int_equal(r.n, 0);
    assert_int_equal(st.failed, 1);
    assert_string_equal(err, "recoupe: -: error: empty input\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_tree),
        cmocka_unit_test(test_web_files),
        cmocka_unit_test(test_missing_path),
        cmocka_unit_test(test_explicit_files),
        cmocka_unit_test(test_bare_name_group),
        cmocka_unit_test(test_no_articles),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_jsonl_files),
        cmocka_unit_test(test_symlink_loop),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_open_error),
        cmocka_unit_test(test_stdin),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
