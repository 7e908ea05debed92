/*
 * test_store.c - the SQLite store: round trip of every field, put
 * statuses, iteration order, line counts, batches, read transactions,
 * schema versions,
 * refusing files that are not stores, unsupported schemes, reopening.
 */
#include "test.h"
#include "tmpstore.h"
#include "store/store.h"
#include "util/rc.h"
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/* Make a fresh temporary directory and a store path inside it. */
static int setup(void **state)
{
    (void)state;
    return rc_test_store_make(dir, sizeof dir, path, sizeof path, "store");
}

/* Remove the store files and the directory. */
static int teardown(void **state)
{
    (void)state;
    char p[160];
    snprintf(p, sizeof p, "%s/junk", dir);
    unlink(p);
    rc_test_store_remove(dir, path);
    return 0;
}

/* A small document with id, text and content hash. */
static rc_doc *mkdoc(const char *id, const char *text, uint64_t hash)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->content_hash = hash;
    return d;
}

/* Put d, expecting RC_OK and status want. */
static void put_expect(rc_store *s, rc_doc *d, int want)
{
    int st = -1;
    assert_int_equal(rc_store_put(s, d, &st), RC_OK);
    assert_int_equal(st, want);
}

/* Compare two possibly NULL strings. */
static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void test_round_trip(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    const char *text = "Le ministre a parlé à Moscou.\nIl a dit « non ». Ça suffit.";
    rc_doc *d = mkdoc("dépêche-1", text, 0xfedcba9876543210ull); /* > INT64_MAX */
    rc_doc_set(d, &d->source, "in/a.txt");
    d->format = RC_FMT_HTML;
    rc_doc_set(d, &d->url, "https://example.org/a");
    rc_doc_set(d, &d->title, "Réunion à Genève");
    rc_doc_set(d, &d->published, "2025-06-17T08:00");
    rc_doc_set(d, &d->outlet, "Le Quotidien");
    /* author left NULL on purpose */
    rc_doc_set(d, &d->dateline, "Moscou");
    rc_doc_set(d, &d->lang, "fr");
    rc_doc_set(d, &d->group, "Le Quotidien");
    rc_doc_add_credit(d, "AFP");
    rc_doc_add_credit(d, "Reuters");
    rc_doc_add_issue(d, "weekday", "Mardi 17 juin 2025 is a Tuesday? no", "lundi 17 juin");
    rc_doc_add_issue(d, "other", "no evidence", NULL);
    rc_doc_add_removed(d, "Abonnez-vous", 12);
    rc_doc_add_removed(d, "Lire aussi : ça", strlen("Lire aussi : ça"));
    d->nsentences = 3;
    d->sentences = rc_arena_calloc(d->arena, 3, sizeof *d->sentences);
    d->sentences[0] = (rc_span){0, 30};
    d->sentences[1] = (rc_span){31, 50};
    d->sentences[2] = (rc_span){51, 0xffffffffu};
    d->nline_hashes = 3;
    d->line_hashes = rc_arena_calloc(d->arena, 3, sizeof *d->line_hashes);
    d->line_hashes[0] = 1;
    d->line_hashes[1] = UINT64_MAX;
    d->line_hashes[2] = 1; /* repeated within the doc: counted once */
    d->invalid_bytes = 7;
    put_expect(s, d, RC_PUT_ADDED);
    rc_store_close(s);

    assert_int_equal(rc_store_open("sqlite:" , &s), RC_IO); /* empty path */
    char spec[160];
    snprintf(spec, sizeof spec, "sqlite:%s", path);
    assert_int_equal(rc_store_open(spec, &s), RC_OK);
    rc_doc *g = NULL;
    assert_int_equal(rc_store_get(s, "dépêche-1", &g), RC_OK);
    same_str(g->id, d->id);
    same_str(g->source, d->source);
    assert_int_equal(g->format, RC_FMT_HTML);
    same_str(g->url, d->url);
    same_str(g->title, d->title);
    same_str(g->published, d->published);
    same_str(g->outlet, d->outlet);
    assert_null(g->author);
    same_str(g->dateline, d->dateline);
    same_str(g->lang, d->lang);
    same_str(g->group, d->group);
    assert_string_equal(g->text, text);
    assert_int_equal(g->text_len, strlen(text));
    assert_true(g->content_hash == 0xfedcba9876543210ull);
    assert_int_equal(g->invalid_bytes, 7);
    assert_int_equal(g->ncredits, 2);
    assert_string_equal(g->credits[0], "AFP");
    assert_string_equal(g->credits[1], "Reuters");
    assert_int_equal(g->nissues, 2);
    assert_string_equal(g->issues[0].kind, "weekday");
    assert_string_equal(g->issues[0].description, d->issues[0].description);
    assert_string_equal(g->issues[0].evidence, "lundi 17 juin");
    assert_string_equal(g->issues[1].kind, "other");
    assert_null(g->issues[1].evidence);
    assert_int_equal(g->nremoved, 2);
    assert_string_equal(g->removed[0], "Abonnez-vous");
    assert_string_equal(g->removed[1], "Lire aussi : ça");
    assert_int_equal(g->nsentences, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(g->sentences[i].start, d->sentences[i].start);
        assert_int_equal(g->sentences[i].end, d->sentences[i].end);
    }
    assert_int_equal(g->nline_hashes, 3);
    assert_true(g->line_hashes[1] == UINT64_MAX);
    assert_null(g->tokens);
    assert_int_equal(g->ntokens, 0);
    rc_doc_free(g);

    char id[64];
    assert_int_equal(rc_store_find_hash(s, 0xfedcba9876543210ull, id, sizeof id), RC_OK);
    assert_string_equal(id, "dépêche-1");
    assert_int_equal(rc_store_find_hash(s, 0xfedcba9876543210ull, id, 4), RC_TOOBIG);
    assert_int_equal(strlen(id), 3);
    assert_int_equal(rc_store_find_hash(s, 42, id, sizeof id), RC_NOTFOUND);
    assert_int_equal(rc_store_get(s, "nope", &g), RC_NOTFOUND);
    assert_null(g);
    assert_int_equal(rc_store_line_seen(s, "Le Quotidien", 1), 1);
    assert_int_equal(rc_store_line_seen(s, "Le Quotidien", UINT64_MAX), 1);
    rc_store_close(s);
    rc_doc_free(d);
}

static void test_minimal_doc_nulls(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, "bare");
    put_expect(s, d, RC_PUT_ADDED); /* NULL text, no sentences, no group */
    rc_doc *g;
    assert_int_equal(rc_store_get(s, "bare", &g), RC_OK);
    assert_string_equal(g->text, "");
    assert_null(g->source);
    assert_null(g->title);
    assert_null(g->group);
    assert_null(g->sentences);
    assert_int_equal(g->nsentences + g->ncredits + g->nissues + g->nremoved, 0);
    rc_doc_free(g);
    rc_doc *noid = rc_doc_new();
    int st;
    assert_int_equal(rc_store_put(s, noid, &st), RC_ERR);
    rc_doc_free(noid);
    rc_doc_free(d);
    rc_store_close(s);
}

static void test_put_statuses(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_doc *a = mkdoc("a", "first text", 1);
    rc_doc_add_credit(a, "AFP");
    rc_doc_add_removed(a, "old furniture", 13);
    put_expect(s, a, RC_PUT_ADDED);
    put_expect(s, a, RC_PUT_UNCHANGED);
    rc_doc *b = mkdoc("b", "second", 2);
    put_expect(s, b, RC_PUT_ADDED);
    rc_doc *dup = mkdoc("c", "first text again", 1); /* a's content hash */
    put_expect(s, dup, RC_PUT_DUPLICATE);
    assert_int_equal(rc_store_count(s), 2);
    rc_doc *a2 = mkdoc("a", "first text, corrected", 3);
    put_expect(s, a2, RC_PUT_REPLACED);
    rc_doc *a3 = mkdoc("a", "would duplicate b", 2); /* new hash taken by b */
    put_expect(s, a3, RC_PUT_DUPLICATE);
    assert_int_equal(rc_store_count(s), 2);
    rc_doc *g;
    assert_int_equal(rc_store_get(s, "a", &g), RC_OK);
    assert_string_equal(g->text, "first text, corrected");
    assert_int_equal(g->ncredits, 0);  /* old children gone */
    assert_int_equal(g->nremoved, 0);
    rc_doc_free(g);
    char id[16];
    assert_int_equal(rc_store_find_hash(s, 1, id, sizeof id), RC_NOTFOUND);
    assert_int_equal(rc_store_get(s, "c", &g), RC_NOTFOUND);
    rc_doc_free(a);
    rc_doc_free(b);
    rc_doc_free(dup);
    rc_doc_free(a2);
    rc_doc_free(a3);
    rc_store_close(s);
}

struct seen {
    char ids[8][16];
    int n;
    int stop_at;
};

/* Record each id; stop when asked. */
static int collect(rc_doc *d, void *ud)
{
    struct seen *c = ud;
    snprintf(c->ids[c->n], sizeof c->ids[0], "%s", d->id);
    c->n++;
    return c->n == c->stop_at ? 77 : 0;
}

static void test_each_order(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    const char *ids[] = {"zeta", "alpha", "mid", "beta"};
    for (int i = 0; i < 4; i++) {
        rc_doc *d = mkdoc(ids[i], ids[i], (uint64_t)100 + (uint64_t)i);
        put_expect(s, d, RC_PUT_ADDED);
        rc_doc_free(d);
    }
    rc_doc *r = mkdoc("alpha", "alpha v2", 999); /* replaced: keeps its place */
    put_expect(s, r, RC_PUT_REPLACED);
    rc_doc_free(r);
    struct seen c = {.n = 0, .stop_at = 0};
    assert_int_equal(rc_store_each(s, collect, &c), RC_OK);
    assert_int_equal(c.n, 4);
    for (int i = 0; i < 4; i++)
        assert_string_equal(c.ids[i], ids[i]);
    struct seen c2 = {.n = 0, .stop_at = 2};
    assert_int_equal(rc_store_each(s, collect, &c2), 77);
    assert_int_equal(c2.n, 2);
    rc_store_close(s);
}

/* A document of group grp with the given line hashes. */
static rc_doc *lined(const char *id, const char *grp, uint64_t hash,
                     const uint64_t *lines, size_t n)
{
    rc_doc *d = mkdoc(id, id, hash);
    rc_doc_set(d, &d->group, grp);
    d->line_hashes = rc_arena_calloc(d->arena, n, sizeof *d->line_hashes);
    memcpy(d->line_hashes, lines, n * sizeof *lines);
    d->nline_hashes = n;
    return d;
}

static void test_line_seen(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    const uint64_t l1[] = {10, 20, 10, 10};
    const uint64_t l2[] = {10, 30};
    const uint64_t l3[] = {10, 20};
    rc_doc *d1 = lined("d1", "G", 1, l1, 4);
    rc_doc *d2 = lined("d2", "G", 2, l2, 2);
    rc_doc *d3 = lined("d3", "H", 3, l3, 2);
    put_expect(s, d1, RC_PUT_ADDED);
    put_expect(s, d2, RC_PUT_ADDED);
    put_expect(s, d3, RC_PUT_ADDED);
    put_expect(s, d1, RC_PUT_UNCHANGED); /* not counted again */
    assert_int_equal(rc_store_line_seen(s, "G", 10), 2); /* distinct docs */
    assert_int_equal(rc_store_line_seen(s, "G", 20), 1);
    assert_int_equal(rc_store_line_seen(s, "G", 30), 1);
    assert_int_equal(rc_store_line_seen(s, "H", 10), 1);
    assert_int_equal(rc_store_line_seen(s, "H", 30), 0);
    assert_int_equal(rc_store_line_seen(s, "X", 10), 0);
    assert_int_equal(rc_store_line_seen(s, NULL, 10), 0);
    /* replacing d2 with other lines moves its counts */
    const uint64_t l2b[] = {20};
    rc_doc *d2b = lined("d2", "G", 22, l2b, 1);
    put_expect(s, d2b, RC_PUT_REPLACED);
    assert_int_equal(rc_store_line_seen(s, "G", 10), 1);
    assert_int_equal(rc_store_line_seen(s, "G", 20), 2);
    assert_int_equal(rc_store_line_seen(s, "G", 30), 0);
    rc_doc_free(d1);
    rc_doc_free(d2);
    rc_doc_free(d3);
    rc_doc_free(d2b);
    rc_store_close(s);
}

static void test_batch(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_ERR);
    for (int i = 0; i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "b%d", i);
        rc_doc *d = mkdoc(id, id, (uint64_t)i + 1);
        put_expect(s, d, RC_PUT_ADDED);
        rc_doc_free(d);
    }
    rc_doc *dup = mkdoc("x", "x", 1);
    put_expect(s, dup, RC_PUT_DUPLICATE);
    rc_doc_free(dup);
    assert_int_equal(rc_store_count(s), 10);
    assert_int_equal(rc_store_commit(s), RC_OK);
    assert_int_equal(rc_store_commit(s), RC_OK); /* no batch: no-op */
    assert_int_equal(rc_store_begin(s), RC_OK);
    rc_doc *d = mkdoc("late", "late", 100);
    put_expect(s, d, RC_PUT_ADDED);
    rc_doc_free(d);
    rc_store_close(s); /* commits the open batch */
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_count(s), 11);
    rc_store_close(s);
}

/* A read transaction holds one snapshot: a document another connection
 * adds meanwhile is not seen until rc_store_read_end (without the
 * transaction every statement would see it at once); both calls are
 * no-ops inside a batch, whose puts still work. */
static void test_read_transaction(void **state)
{
    (void)state;
    rc_store *s, *w;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_doc *d = mkdoc("first", "first text", 1);
    put_expect(s, d, RC_PUT_ADDED);
    rc_doc_free(d);
    assert_int_equal(rc_store_read_begin(s), RC_OK);
    rc_doc *got = NULL;
    assert_int_equal(rc_store_get(s, "first", &got), RC_OK);
    assert_string_equal(got->text, "first text");
    rc_doc_free(got);
    assert_int_equal(rc_store_open(path, &w), RC_OK);
    d = mkdoc("second", "second text", 2);
    put_expect(w, d, RC_PUT_ADDED);
    rc_doc_free(d);
    got = NULL;
    assert_int_equal(rc_store_get(s, "second", &got), RC_NOTFOUND);
    assert_null(got);
    assert_int_equal(rc_store_read_end(s), RC_OK);
    assert_int_equal(rc_store_read_end(s), RC_OK);   /* none open: no-op */
    assert_int_equal(rc_store_get(s, "second", &got), RC_OK);
    assert_string_equal(got->text, "second text");
    rc_doc_free(got);
    rc_store_close(w);
    /* inside a batch: no-ops, the batch's puts go on */
    assert_int_equal(rc_store_begin(s), RC_OK);
    assert_int_equal(rc_store_read_begin(s), RC_OK);
    d = mkdoc("third", "third text", 3);
    put_expect(s, d, RC_PUT_ADDED);
    rc_doc_free(d);
    assert_int_equal(rc_store_read_end(s), RC_OK);
    assert_int_equal(rc_store_commit(s), RC_OK);
    assert_int_equal(rc_store_count(s), 3);
    rc_store_close(s);
}

/* Read the whole file at p into a malloc'd buffer; *n gets its size. */
static unsigned char *slurp(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)sz + 1);
    assert_int_equal(fread(b, 1, (size_t)sz, f), (size_t)sz);
    fclose(f);
    *n = (size_t)sz;
    return b;
}

static void test_newer_schema(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_doc *d = mkdoc("keep", "keep", 5);
    put_expect(s, d, RC_PUT_ADDED);
    rc_doc_free(d);
    rc_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char q[200];
    snprintf(q, sizeof q,
             "UPDATE meta SET value='%d' WHERE key='schema_version';"
             "PRAGMA user_version=%d; PRAGMA wal_checkpoint(TRUNCATE)",
             RC_STORE_SCHEMA_VERSION + 1, RC_STORE_SCHEMA_VERSION + 1);
    assert_int_equal(sqlite3_exec(db, q, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    size_t n0, n1;
    unsigned char *before = slurp(path, &n0);
    assert_int_equal(rc_store_open(path, &s), RC_SCHEMA);
    assert_null(s);
    unsigned char *after = slurp(path, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);

    /* only meta bumped (user_version intact) is refused as well */
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(rc_store_open(path, &s), RC_SCHEMA);
}

static void test_not_a_store(void **state)
{
    (void)state;
    char junk[160];
    snprintf(junk, sizeof junk, "%s/junk", dir);
    FILE *f = fopen(junk, "wb");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("this is a plain text file, not a database\n", f);
    fclose(f);
    rc_store *s = (rc_store *)1;
    assert_int_equal(rc_store_open(junk, &s), RC_IO);
    assert_null(s);
    /* an SQLite database of some other program */
    unlink(junk);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(junk, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(rc_store_open(junk, &s), RC_IO);
    /* a directory that does not exist */
    assert_int_equal(rc_store_open("/nonexistent-dir/x/s.db", &s), RC_IO);
    assert_int_equal(rc_store_open("", &s), RC_IO);
}

static void test_schemes(void **state)
{
    (void)state;
    rc_store *s = (rc_store *)1;
    assert_int_equal(rc_store_open("postgresql://u:secret@db/recoupe", &s), RC_UNSUPPORTED);
    assert_null(s);
    assert_int_equal(rc_store_open("postgres://db/recoupe", &s), RC_UNSUPPORTED);
    assert_int_equal(rc_store_open("mysql://db/recoupe", &s), RC_UNSUPPORTED);
    /* in-memory SQLite, as the CLI uses for analyze without --db */
    assert_int_equal(rc_store_open(":memory:", &s), RC_OK);
    rc_doc *d = mkdoc("m", "m", 1);
    put_expect(s, d, RC_PUT_ADDED);
    rc_doc_free(d);
    assert_int_equal(rc_store_count(s), 1);
    rc_store_close(s);
    rc_store_close(NULL);
}

static void test_reopen_keeps_data(void **state)
{
    (void)state;
    rc_store *s;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(rc_store_open(path, &s), RC_OK);
        assert_int_equal(rc_store_count(s), round);
        char id[16];
        snprintf(id, sizeof id, "r%d", round);
        rc_doc *d = mkdoc(id, id, (uint64_t)round + 10);
        put_expect(s, d, RC_PUT_ADDED);
        rc_doc_free(d);
        rc_store_close(s);
    }
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_doc *g;
    assert_int_equal(rc_store_get(s, "r1", &g), RC_OK);
    assert_string_equal(g->text, "r1");
    rc_doc_free(g);
    /* the file is a WAL-mode SQLite database at the current version */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), RC_STORE_SCHEMA_VERSION);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
    rc_store_close(s);
}

/* The SQL type of document id's text column in the store file. */
static const char *text_type(const char *id, char *out, size_t n)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT typeof(text) FROM documents WHERE id=?1",
                                        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

/* rc_store_each callback: add the text length of each document. */
static int sum_len(rc_doc *d, void *ud)
{
    *(size_t *)ud += d->text_len;
    return 0;
}

static void test_text_compressed(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    /* a long repetitive text (with multi-byte UTF-8) is stored compressed,
     * a short one plain; both read back exact */
    char longt[6000];
    size_t n = 0;
    while (n + 60 < sizeof longt)
        n += (size_t)snprintf(longt + n, sizeof longt - n,
                              "Le conseil a voté « oui » le %zu mars. ", n % 31);
    static const char shortt[] = "Court.";
    const char *texts[] = {longt, shortt};
    const char *ids[] = {"long", "short"};
    const char *want_type[] = {"blob", "text"};
    for (int i = 0; i < 2; i++) {
        rc_doc *d = mkdoc(ids[i], texts[i], (uint64_t)i + 1);
        put_expect(s, d, RC_PUT_ADDED);
        rc_doc_free(d);
    }
    rc_store_close(s);
    char ty[16];
    for (int i = 0; i < 2; i++)
        assert_string_equal(text_type(ids[i], ty, sizeof ty), want_type[i]);
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    size_t total = 0;
    for (int i = 0; i < 2; i++) {
        rc_doc *g;
        assert_int_equal(rc_store_get(s, ids[i], &g), RC_OK);
        assert_int_equal(g->text_len, strlen(texts[i]));
        assert_string_equal(g->text, texts[i]);
        rc_doc_free(g);
        total += strlen(texts[i]);
    }
    size_t seen = 0;
    assert_int_equal(rc_store_each(s, sum_len, &seen), RC_OK);
    assert_int_equal(seen, total);
    rc_store_close(s);

    /* a damaged frame is an error naming the document, not garbage */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE documents SET text=x'28b52ffd0000ff' "
                                      "WHERE id='long'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_doc *g = (rc_doc *)1;
    capture_begin();
    int rc = rc_store_get(s, "long", &g);
    const char *err = capture_end();
    assert_int_equal(rc, RC_IO);
    assert_null(g);
    assert_non_null(strstr(err, "long"));
    assert_non_null(strstr(err, "damaged"));
    rc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_minimal_doc_nulls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_statuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_seen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_compressed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schemes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
