/*
 * test_store_cluster.c - the store's incremental-clustering tables (schema
 * 2): cluster rows round trip (opaque blobs with NUL bytes), the window
 * query's order and bounds across page boundaries, undated rows, events and
 * stories, next free ids, document frequencies, a replaced document losing
 * its row, reopening, a kill -9 between batches never separating a
 * document from its row, the in-place upgrade of a version 1 store, and
 * the write generation with the kept stories link (schema 5).
 */
#include "test.h"
#include "tmpstore.h"
#include "store/store.h"
#include "util/rc.h"
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/* Make a fresh temporary directory and a store path inside it. */
static int setup(void **state)
{
    (void)state;
    return rc_test_store_make(dir, sizeof dir, path, sizeof path, "cluster");
}

/* Remove the store files and the directory. */
static int teardown(void **state)
{
    (void)state;
    rc_test_store_remove(dir, path);
    return 0;
}

/* Store a small document id with text and content hash hash. */
static void add_doc(rc_store *s, const char *id, const char *text, uint64_t hash, int want)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->content_hash = hash;
    int st = -1;
    assert_int_equal(rc_store_put(s, d, &st), RC_OK);
    assert_int_equal(st, want);
    rc_doc_free(d);
}

/* Put a cluster row for doc id: day (has_day), a 2-byte blob {tag, 0}
 * unless tag is 0, event ev, copy_of cp. */
static void place(rc_store *s, const char *id, int has_day, int32_t day, unsigned char tag,
                  int64_t ev, const char *cp)
{
    unsigned char blob[2] = {tag, 0};
    rc_cluster_row r = {.doc_id = id, .has_day = has_day, .day = day,
                        .features = tag ? blob : NULL, .nfeatures = tag ? 2 : 0,
                        .event_id = ev, .copy_of = cp};
    assert_int_equal(rc_store_put_cluster(s, &r), RC_OK);
}

/* Collected ids of a walk, joined with spaces. */
struct seen {
    char ids[8192];
    long n;
    long stop_at; /* stop (return 7) after this many rows; 0: never */
};

/* Append id to the seen list; stop when asked. */
static int note(struct seen *sn, const char *id)
{
    size_t len = strlen(sn->ids);
    if (len + strlen(id) + 2 < sizeof sn->ids)
        snprintf(sn->ids + len, sizeof sn->ids - len, "%s%s", len ? " " : "", id);
    sn->n++;
    return sn->stop_at && sn->n >= sn->stop_at ? 7 : 0;
}

/* each_cluster callback: note the document id. */
static int on_cluster(const rc_cluster_row *r, void *ud)
{
    return note(ud, r->doc_id);
}

/* The ids each_cluster visits for a window. */
static const char *window(rc_store *s, int32_t from, int32_t to, int undated,
                          struct seen *sn)
{
    memset(sn, 0, sizeof *sn);
    assert_int_equal(rc_store_each_cluster(s, from, to, undated, on_cluster, sn), RC_OK);
    return sn->ids;
}

static void test_round_trip(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    add_doc(s, "a", "text a", 1, RC_PUT_ADDED);
    add_doc(s, "b", "text b", 2, RC_PUT_ADDED);
    unsigned char blob[300];
    for (size_t i = 0; i < sizeof blob; i++)
        blob[i] = (unsigned char)(i * 7); /* NUL bytes at 0 and 256 */
    rc_cluster_row r = {.doc_id = "b", .has_day = 1, .day = -3, /* 1969-12-29 */
                        .features = blob, .nfeatures = sizeof blob,
                        .event_id = 9000000000LL, .copy_of = "a"};
    assert_int_equal(rc_store_put_cluster(s, &r), RC_OK);
    rc_cluster_row g;
    assert_int_equal(rc_store_get_cluster(s, "b", &g), RC_OK);
    assert_string_equal(g.doc_id, "b");
    assert_int_equal(g.has_day, 1);
    assert_int_equal(g.day, -3);
    assert_int_equal(g.nfeatures, sizeof blob);
    assert_memory_equal(g.features, blob, sizeof blob);
    assert_int_equal(g.event_id, 9000000000LL);
    assert_string_equal(g.copy_of, "a");
    /* a document not placed, and one not stored */
    assert_int_equal(rc_store_get_cluster(s, "a", &g), RC_NOTFOUND);
    assert_int_equal(rc_store_get_cluster(s, "zz", &g), RC_NOTFOUND);
    capture_begin();
    r.doc_id = "zz";
    int rc = rc_store_put_cluster(s, &r);
    const char *err = capture_end();
    assert_int_equal(rc, RC_NOTFOUND);
    assert_non_null(strstr(err, "zz"));
    assert_non_null(strstr(err, path));
    /* an undated row without features, event or copy reads back empty */
    place(s, "a", 0, 123, 0, 0, NULL);
    assert_int_equal(rc_store_get_cluster(s, "a", &g), RC_OK);
    assert_int_equal(g.has_day, 0);
    assert_int_equal(g.day, 0);
    assert_null(g.features);
    assert_int_equal(g.nfeatures, 0);
    assert_int_equal(g.event_id, 0);
    assert_null(g.copy_of);
    /* putting again replaces the row */
    place(s, "a", 1, 20000, 5, 3, NULL);
    assert_int_equal(rc_store_get_cluster(s, "a", &g), RC_OK);
    assert_int_equal(g.day, 20000);
    assert_int_equal(g.event_id, 3);
    assert_int_equal(((const unsigned char *)g.features)[0], 5);
    rc_store_close(s);
}

static void test_window_order(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    /* insertion order d0..d6; days 10, 5, -, 10, 7, 12, - */
    static const struct { const char *id; int has_day; int32_t day; } rows[] = {
        {"d0", 1, 10}, {"d1", 1, 5}, {"d2", 0, 0}, {"d3", 1, 10},
        {"d4", 1, 7}, {"d5", 1, 12}, {"d6", 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        add_doc(s, rows[i].id, rows[i].id, 100 + i, RC_PUT_ADDED);
        place(s, rows[i].id, rows[i].has_day, rows[i].day, (unsigned char)(i + 1), 0, NULL);
    }
    /* a stored document without a row is not visited */
    add_doc(s, "unplaced", "unplaced", 99, RC_PUT_ADDED);
    static const struct { int32_t from, to; int undated; const char *want; } cases[] = {
        {5, 10, 1, "d1 d4 d0 d3 d2 d6"},   /* bounds inclusive, undated last */
        {7, 10, 0, "d4 d0 d3"},
        {6, 6, 0, ""},
        {11, 10, 1, "d2 d6"},              /* empty range: undated only */
        {INT32_MIN, INT32_MAX, 0, "d1 d4 d0 d3 d5"},
        {12, 100, 0, "d5"},
    };
    struct seen sn;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(window(s, cases[i].from, cases[i].to, cases[i].undated, &sn),
                            cases[i].want);
    /* a callback's non-zero value stops the walk and is returned */
    memset(&sn, 0, sizeof sn);
    sn.stop_at = 2;
    assert_int_equal(rc_store_each_cluster(s, 0, 100, 1, on_cluster, &sn), 7);
    assert_string_equal(sn.ids, "d1 d4");
    rc_store_close(s);
}

/* each_cluster callback for the paging test: check (day, insertion)
 * order against the previous row and count. */
struct order {
    long n;
    int32_t day;
    long idx;
    int bad;
};

/* Check that rows come by day, then by insertion index (the id's number). */
static int on_ordered(const rc_cluster_row *r, void *ud)
{
    struct order *o = ud;
    long idx = strtol(r->doc_id + 1, NULL, 10);
    if (o->n && (r->day < o->day || (r->day == o->day && idx <= o->idx)))
        o->bad++;
    if (!r->has_day || (long)r->day != idx % 3 || r->nfeatures != 2 ||
        ((const unsigned char *)r->features)[0] != (unsigned char)(idx % 251 + 1))
        o->bad++;
    o->day = r->day;
    o->idx = idx;
    o->n++;
    return 0;
}

static void test_window_pages(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_OK);
    /* 1000 rows over days 0..2: several pages, page ends inside a day */
    for (long i = 0; i < 1000; i++) {
        char id[24];
        snprintf(id, sizeof id, "p%ld", i);
        add_doc(s, id, id, 1000 + (uint64_t)i, RC_PUT_ADDED);
        place(s, id, 1, (int32_t)(i % 3), (unsigned char)(i % 251 + 1), 0, NULL);
    }
    assert_int_equal(rc_store_commit(s), RC_OK);
    struct order o = {0};
    assert_int_equal(rc_store_each_cluster(s, 0, 2, 1, on_ordered, &o), RC_OK);
    assert_int_equal(o.n, 1000);
    assert_int_equal(o.bad, 0);
    memset(&o, 0, sizeof o);
    assert_int_equal(rc_store_each_cluster(s, 1, 1, 0, on_ordered, &o), RC_OK);
    assert_int_equal(o.n, 333); /* i % 3 == 1 for i < 1000 */
    assert_int_equal(o.bad, 0);
    rc_store_close(s);
}

/* each_event callback: note "id:story:ndocs[:label]". */
static int on_event(const rc_event_row *r, void *ud)
{
    char b[96];
    snprintf(b, sizeof b, "%lld:%lld:%lld%s%s", (long long)r->event_id,
             (long long)r->story_id, (long long)r->ndocs, r->label ? ":" : "",
             r->label ? r->label : "");
    if (r->nstate != 3 || memcmp(r->state, "c\0x", 3) != 0)
        snprintf(b, sizeof b, "bad-state");
    return note(ud, b);
}

/* each_story callback: note "id@day" or "id@-". */
static int on_story(const rc_story_row *r, void *ud)
{
    char b[64];
    if (r->has_day)
        snprintf(b, sizeof b, "%lld@%d", (long long)r->story_id, (int)r->day);
    else
        snprintf(b, sizeof b, "%lld@-", (long long)r->story_id);
    if (!r->label || strcmp(r->label, "st") != 0 || r->state)
        snprintf(b, sizeof b, "bad");
    return note(ud, b);
}

static void test_events_stories(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    int64_t next = 0;
    assert_int_equal(rc_store_next_event_id(s, &next), RC_OK);
    assert_int_equal(next, 1);
    assert_int_equal(rc_store_next_story_id(s, &next), RC_OK);
    assert_int_equal(next, 1);
    static const struct { int64_t id, story; int has_day; int32_t day; const char *label; } ev[] = {
        {5, 1, 1, 20, "late"}, {2, 1, 1, 10, NULL}, {9, 0, 0, 0, "undated"}, {3, 2, 1, 10, "x"},
    };
    for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++) {
        rc_event_row r = {.event_id = ev[i].id, .story_id = ev[i].story,
                          .has_day = ev[i].has_day, .day = ev[i].day, .label = ev[i].label,
                          .ndocs = (int64_t)i + 1, .state = "c\0x", .nstate = 3};
        assert_int_equal(rc_store_put_event(s, &r), RC_OK);
    }
    /* replacing event 2 updates it */
    rc_event_row r2 = {.event_id = 2, .story_id = 1, .has_day = 1, .day = 10,
                       .label = "again", .ndocs = 40, .state = "c\0x", .nstate = 3};
    assert_int_equal(rc_store_put_event(s, &r2), RC_OK);
    rc_event_row bad = {.event_id = 0};
    capture_begin();
    int rc = rc_store_put_event(s, &bad);
    capture_end();
    assert_int_equal(rc, RC_ERR);
    struct seen sn;
    memset(&sn, 0, sizeof sn);
    assert_int_equal(rc_store_each_event(s, 0, 100, 1, on_event, &sn), RC_OK);
    assert_string_equal(sn.ids, "2:1:40:again 3:2:4:x 5:1:1:late 9:0:3:undated");
    memset(&sn, 0, sizeof sn);
    assert_int_equal(rc_store_each_event(s, 11, 20, 0, on_event, &sn), RC_OK);
    assert_string_equal(sn.ids, "5:1:1:late");
    assert_int_equal(rc_store_next_event_id(s, &next), RC_OK);
    assert_int_equal(next, 10);

    static const struct { int64_t id; int has_day; int32_t day; } st[] = {
        {4, 1, 30}, {1, 0, 0}, {2, 1, 15},
    };
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++) {
        rc_story_row r = {.story_id = st[i].id, .has_day = st[i].has_day,
                          .day = st[i].day, .label = "st"};
        assert_int_equal(rc_store_put_story(s, &r), RC_OK);
    }
    memset(&sn, 0, sizeof sn);
    assert_int_equal(rc_store_each_story(s, 0, 100, 1, on_story, &sn), RC_OK);
    assert_string_equal(sn.ids, "2@15 4@30 1@-");
    memset(&sn, 0, sizeof sn);
    assert_int_equal(rc_store_each_story(s, 16, 100, 0, on_story, &sn), RC_OK);
    assert_string_equal(sn.ids, "4@30");
    assert_int_equal(rc_store_next_story_id(s, &next), RC_OK);
    assert_int_equal(next, 5);
    rc_store_close(s);
}

static void test_df(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_df_docs(s), 0);
    const uint64_t big = 0xfedcba9876543210ull; /* > INT64_MAX */
    const uint64_t d1[] = {1, 2, 2, 3};         /* 2 repeated: counts once */
    const uint64_t d2[] = {2, big};
    assert_int_equal(rc_store_df_add(s, d1, 4), RC_OK);
    assert_int_equal(rc_store_df_add(s, d2, 2), RC_OK);
    assert_int_equal(rc_store_df_add(s, NULL, 0), RC_OK); /* an empty document */
    assert_int_equal(rc_store_df_docs(s), 3);
    const uint64_t q[] = {1, 2, 3, big, 4};
    uint32_t out[5];
    assert_int_equal(rc_store_df_get(s, q, 5, out), RC_OK);
    const uint32_t want[] = {1, 2, 1, 1, 0};
    assert_memory_equal(out, want, sizeof want);
    /* removing d1 undoes it exactly */
    assert_int_equal(rc_store_df_remove(s, d1, 4), RC_OK);
    assert_int_equal(rc_store_df_docs(s), 2);
    assert_int_equal(rc_store_df_get(s, q, 5, out), RC_OK);
    const uint32_t want2[] = {0, 1, 0, 1, 0};
    assert_memory_equal(out, want2, sizeof want2);
    /* never below 0 */
    assert_int_equal(rc_store_df_remove(s, d1, 4), RC_OK);
    assert_int_equal(rc_store_df_remove(s, NULL, 0), RC_OK);
    assert_int_equal(rc_store_df_remove(s, NULL, 0), RC_OK);
    assert_int_equal(rc_store_df_docs(s), 0);
    assert_int_equal(rc_store_df_get(s, q, 5, out), RC_OK);
    assert_int_equal(out[1], 0);
    rc_store_close(s);
    /* the counts survive a reopen */
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_df_add(s, d2, 2), RC_OK);
    rc_store_close(s);
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_df_docs(s), 1);
    assert_int_equal(rc_store_df_get(s, q, 5, out), RC_OK);
    const uint32_t want3[] = {0, 1, 0, 2, 0}; /* term 2 was 0, not -1 */
    assert_memory_equal(out, want3, sizeof want3);
    /* a batch's counts at once: +counts[i] per term (0 skipped), +docs */
    const uint64_t bt[] = {big, 1, 4};
    const uint32_t bc[] = {3, 5, 0};
    assert_int_equal(rc_store_df_add_counts(s, bt, bc, 3, 6), RC_OK);
    assert_int_equal(rc_store_df_add_counts(s, NULL, NULL, 0, 0), RC_OK);
    assert_int_equal(rc_store_df_docs(s), 7);
    assert_int_equal(rc_store_df_get(s, q, 5, out), RC_OK);
    const uint32_t want4[] = {5, 1, 0, 5, 0};
    assert_memory_equal(out, want4, sizeof want4);
    rc_store_close(s);
}

static void test_replaced_clears_row(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    add_doc(s, "r", "first version", 1, RC_PUT_ADDED);
    add_doc(s, "k", "kept", 2, RC_PUT_ADDED);
    place(s, "r", 1, 5, 1, 1, NULL);
    place(s, "k", 1, 5, 2, 1, NULL);
    rc_cluster_row g;
    /* same content: unchanged, row kept */
    add_doc(s, "r", "first version", 1, RC_PUT_UNCHANGED);
    assert_int_equal(rc_store_get_cluster(s, "r", &g), RC_OK);
    /* new content: replaced, row gone, the other document's row kept */
    add_doc(s, "r", "second version", 3, RC_PUT_REPLACED);
    assert_int_equal(rc_store_get_cluster(s, "r", &g), RC_NOTFOUND);
    assert_int_equal(rc_store_get_cluster(s, "k", &g), RC_OK);
    struct seen sn;
    assert_string_equal(window(s, 0, 10, 1, &sn), "k");
    /* placed again, it comes back at its (kept) insertion position */
    place(s, "r", 1, 5, 3, 1, NULL);
    assert_string_equal(window(s, 0, 10, 1, &sn), "r k");
    rc_store_close(s);
}

static void test_reopen_and_batch(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_OK);
    add_doc(s, "x", "x", 1, RC_PUT_ADDED);
    place(s, "x", 1, 3, 1, 2, NULL);
    /* a failing put inside the batch does not undo the rest */
    rc_cluster_row nope = {.doc_id = "missing"};
    capture_begin();
    int rc = rc_store_put_cluster(s, &nope);
    capture_end();
    assert_int_equal(rc, RC_NOTFOUND);
    add_doc(s, "y", "y", 2, RC_PUT_ADDED);
    place(s, "y", 0, 0, 2, 2, "x");
    rc_event_row ev = {.event_id = 2, .has_day = 1, .day = 3, .label = "e", .ndocs = 2};
    assert_int_equal(rc_store_put_event(s, &ev), RC_OK);
    rc_story_row st = {.story_id = 1, .label = "s"};
    assert_int_equal(rc_store_put_story(s, &st), RC_OK);
    const uint64_t t[] = {42};
    assert_int_equal(rc_store_df_add(s, t, 1), RC_OK);
    assert_int_equal(rc_store_commit(s), RC_OK);
    rc_store_close(s);

    assert_int_equal(rc_store_open(path, &s), RC_OK);
    struct seen sn;
    assert_string_equal(window(s, 0, 10, 1, &sn), "x y");
    rc_cluster_row g;
    assert_int_equal(rc_store_get_cluster(s, "y", &g), RC_OK);
    assert_string_equal(g.copy_of, "x");
    assert_int_equal(g.event_id, 2);
    int64_t next;
    assert_int_equal(rc_store_next_event_id(s, &next), RC_OK);
    assert_int_equal(next, 3);
    assert_int_equal(rc_store_next_story_id(s, &next), RC_OK);
    assert_int_equal(next, 2);
    assert_int_equal(rc_store_df_docs(s), 1);
    rc_store_close(s);
}

/* The store's write generation (schema 5). */
static int64_t gen_of(rc_store *s)
{
    int64_t g = -1;
    assert_int_equal(rc_store_gen(s, &g), RC_OK);
    return g;
}

/* The write generation moves with every write outside a batch and once
 * per batch that writes (not for one that does not); the kept stories link is stored only at the present
 * generation, reads back as written, survives a reopen, does not move
 * the generation, and is refused inside a batch. */
static void test_generation_and_link(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    int64_t g = gen_of(s), g0 = g;
    add_doc(s, "a", "a", 1, RC_PUT_ADDED);
    assert_true(gen_of(s) > g);
    g = gen_of(s);
    place(s, "a", 1, 3, 1, 1, NULL);
    assert_true(gen_of(s) > g);
    g = gen_of(s);
    rc_event_row ev = {.event_id = 1, .has_day = 1, .day = 3, .label = "e", .ndocs = 1};
    assert_int_equal(rc_store_put_event(s, &ev), RC_OK);
    assert_true(gen_of(s) > g);
    g = gen_of(s);
    rc_story_row st = {.story_id = 1, .label = "s"};
    assert_int_equal(rc_store_put_story(s, &st), RC_OK);
    assert_true(gen_of(s) > g);
    g = gen_of(s);
    const uint64_t t[] = {42, 43};
    assert_int_equal(rc_store_df_add(s, t, 2), RC_OK);
    assert_true(gen_of(s) > g);
    g = gen_of(s);
    const uint32_t c[] = {1, 2};
    assert_int_equal(rc_store_df_add_counts(s, t, c, 2, 1), RC_OK);
    assert_true(gen_of(s) > g);
    g = gen_of(s);

    /* a batch that writes nothing leaves the generation */
    assert_int_equal(rc_store_begin(s), RC_OK);
    assert_int_equal(gen_of(s), g);
    assert_int_equal(rc_store_commit(s), RC_OK);
    assert_int_equal(gen_of(s), g);
    /* a batch: the generation moves once, at its first write, and no
     * link is kept inside it */
    assert_int_equal(rc_store_begin(s), RC_OK);
    assert_int_equal(rc_store_put_event(s, &ev), RC_OK);
    int64_t gb = gen_of(s);
    assert_true(gb > g);
    add_doc(s, "b", "b", 2, RC_PUT_ADDED);
    place(s, "b", 1, 3, 2, 1, NULL);
    assert_int_equal(rc_store_put_event(s, &ev), RC_OK);
    assert_int_equal(rc_store_df_add(s, t, 1), RC_OK);
    assert_int_equal(gen_of(s), gb);
    assert_int_equal(rc_store_put_link(s, gb, 7, "rec", 3), RC_NOTFOUND);
    assert_int_equal(rc_store_commit(s), RC_OK);
    assert_int_equal(gen_of(s), gb);
    /* a batch whose first write is a document's */
    assert_int_equal(rc_store_begin(s), RC_OK);
    add_doc(s, "d", "d", 4, RC_PUT_ADDED);
    place(s, "d", 1, 3, 2, 1, NULL);
    assert_int_equal(rc_store_commit(s), RC_OK);
    assert_true(gen_of(s) > gb);
    g = gen_of(s);
    assert_true(g > g0);

    /* none kept yet */
    rc_buf data;
    rc_buf_init(&data, 0);
    int64_t lg = 0;
    uint64_t fp = 0;
    assert_int_equal(rc_store_get_link(s, &lg, &fp, &data), RC_NOTFOUND);
    /* an old generation is refused; the present one kept, the generation
     * unmoved; a second one replaces it */
    assert_int_equal(rc_store_put_link(s, g - 1, 7, "old", 3), RC_NOTFOUND);
    assert_int_equal(rc_store_get_link(s, &lg, &fp, &data), RC_NOTFOUND);
    assert_int_equal(rc_store_put_link(s, g, 7, "one", 3), RC_OK);
    assert_int_equal(rc_store_put_link(s, g, UINT64_MAX, "t\0o", 3), RC_OK);
    assert_int_equal(gen_of(s), g);
    rc_store_close(s);

    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(gen_of(s), g);
    assert_int_equal(rc_store_get_link(s, &lg, &fp, &data), RC_OK);
    assert_int_equal(lg, g);
    assert_true(fp == UINT64_MAX);
    assert_int_equal(data.len, 3);
    assert_memory_equal(data.data, "t\0o", 3);
    /* a write moves the generation: the kept link is now of an older one */
    add_doc(s, "c", "c", 3, RC_PUT_ADDED);
    assert_true(gen_of(s) > lg);
    rc_buf_cleanup(&data);
    rc_store_close(s);
}

/* Child: write documents, each with its cluster row and terms, in batches
 * of 40, until killed. */
static void writer(void)
{
    rc_store *s;
    if (rc_store_open(path, &s) != RC_OK)
        _exit(3);
    for (long i = 0;; i++) {
        if (i % 40 == 0 && rc_store_begin(s) != RC_OK)
            _exit(4);
        char id[24], text[64];
        snprintf(id, sizeof id, "w%ld", i);
        snprintf(text, sizeof text, "document %ld", i);
        rc_doc *d = rc_doc_new();
        rc_doc_set(d, &d->id, id);
        rc_doc_set(d, &d->text, text);
        d->text_len = strlen(text);
        d->content_hash = (uint64_t)i + 1;
        int st;
        if (rc_store_put(s, d, &st) != RC_OK)
            _exit(5);
        rc_doc_free(d);
        uint64_t terms[2] = {7, (uint64_t)i + 100};
        rc_cluster_row r = {.doc_id = id, .has_day = 1, .day = (int32_t)(i % 5),
                            .features = terms, .nfeatures = sizeof terms};
        if (rc_store_put_cluster(s, &r) != RC_OK || rc_store_df_add(s, terms, 2) != RC_OK)
            _exit(6);
        if (i % 40 == 39 && rc_store_commit(s) != RC_OK)
            _exit(7);
    }
}

/* each_cluster callback: count rows whose blob matches their id. */
static int on_crash_row(const rc_cluster_row *r, void *ud)
{
    long *n = ud;
    long i = strtol(r->doc_id + 1, NULL, 10);
    uint64_t want[2] = {7, (uint64_t)i + 100};
    if (r->nfeatures == sizeof want && memcmp(r->features, want, sizeof want) == 0)
        (*n)++;
    return 0;
}

static void test_kill_keeps_rows_with_documents(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        writer();
    struct timespec ts = {0, 300 * 1000 * 1000};
    nanosleep(&ts, NULL);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, WNOHANG), 0); /* still writing */
    kill(pid, SIGKILL);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    long count = rc_store_count(s), rows = 0;
    assert_true(count > 0);
    assert_int_equal(count % 40, 0); /* whole batches only */
    assert_int_equal(rc_store_each_cluster(s, 0, 4, 1, on_crash_row, &rows), RC_OK);
    assert_int_equal(rows, count);
    assert_int_equal(rc_store_df_docs(s), count);
    uint64_t t = 7;
    uint32_t df;
    assert_int_equal(rc_store_df_get(s, &t, 1, &df), RC_OK);
    assert_int_equal(df, (uint32_t)count);
    rc_store_close(s);
}

/* The version 1 schema as recoupe 1 created it (store/sqlite.c history). */
static const char v1_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE documents("
    " n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " source TEXT, format INTEGER NOT NULL DEFAULT 0,"
    " url TEXT, title TEXT, published TEXT, outlet TEXT, author TEXT,"
    " dateline TEXT, lang TEXT, grp TEXT, text TEXT NOT NULL,"
    " content_hash INTEGER NOT NULL UNIQUE, invalid_bytes INTEGER NOT NULL DEFAULT 0,"
    " sentences BLOB, line_hashes BLOB, added_at TEXT NOT NULL);"
    "CREATE TABLE credits(doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE issues(doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, evidence TEXT,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE removed(doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, line TEXT NOT NULL, PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE line_seen(grp TEXT NOT NULL, hash INTEGER NOT NULL,"
    " ndocs INTEGER NOT NULL, PRIMARY KEY(grp, hash)) WITHOUT ROWID;"
    "INSERT INTO meta VALUES('schema_version', '1');"
    "PRAGMA user_version=1;"
    "INSERT INTO documents(id, text, content_hash, added_at)"
    " VALUES('old1', 'an old article', 11, '2025-01-01T00:00:00Z'),"
    "       ('old2', 'another old article', 12, '2025-01-02T00:00:00Z');"
    "INSERT INTO credits VALUES(1, 0, 'AFP');";

/* PRAGMA user_version of the file at p. */
static int file_version(const char *p)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void test_upgrade_from_v1(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, v1_sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(file_version(path), 1);

    rc_store *s;
    capture_begin();
    int rc = rc_store_open(path, &s);
    const char *err = capture_end();
    assert_int_equal(rc, RC_OK);
    const char *up = strstr(err, "upgraded");
    assert_non_null(up);
    assert_null(strstr(up + 1, "upgraded")); /* said once */
    assert_non_null(strstr(err, path));
    assert_int_equal(rc_store_count(s), 2);
    rc_doc *d;
    assert_int_equal(rc_store_get(s, "old1", &d), RC_OK);
    assert_string_equal(d->text, "an old article");
    assert_int_equal(d->ncredits, 1);
    assert_string_equal(d->credits[0], "AFP");
    rc_doc_free(d);
    /* the new tables work on the old documents */
    place(s, "old2", 1, 7, 1, 1, NULL);
    const uint64_t t[] = {5};
    assert_int_equal(rc_store_df_add(s, t, 1), RC_OK);
    add_doc(s, "new", "a new article", 13, RC_PUT_ADDED);
    rc_store_close(s);
    assert_int_equal(file_version(path), RC_STORE_SCHEMA_VERSION);

    /* reopening says nothing and keeps everything */
    capture_begin();
    rc = rc_store_open(path, &s);
    err = capture_end();
    assert_int_equal(rc, RC_OK);
    assert_null(strstr(err, "upgraded"));
    assert_int_equal(rc_store_count(s), 3);
    struct seen sn;
    assert_string_equal(window(s, 0, 10, 1, &sn), "old2");
    assert_int_equal(rc_store_df_docs(s), 1);
    rc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_window_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_window_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_events_stories, setup, teardown),
        cmocka_unit_test_setup_teardown(test_df, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaced_clears_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_and_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_keeps_rows_with_documents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_generation_and_link, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
