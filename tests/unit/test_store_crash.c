/*
 * test_store_crash.c - a process killed with SIGKILL in the middle of
 * writing leaves a store that opens, where every document present is
 * complete (text and sentence count as written) and some were committed.
 * The writer alternates plain puts with batches, so both paths are hit.
 */
#include "test.h"
#include "store/store.h"
#include "util/rc.h"
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/* The document number i, deterministic: id "c<i>", (i % 37) + 1 sentences
 * of known text, content hash i + 1. */
static rc_doc *make(long i)
{
    rc_doc *d = rc_doc_new();
    char id[24];
    snprintf(id, sizeof id, "c%ld", i);
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->group, "crash");
    size_t ns = (size_t)(i % 37) + 1;
    char *text = rc_arena_alloc(d->arena, ns * 64 + 1);
    d->sentences = rc_arena_calloc(d->arena, ns, sizeof *d->sentences);
    d->line_hashes = rc_arena_calloc(d->arena, ns, sizeof *d->line_hashes);
    size_t len = 0;
    for (size_t k = 0; k < ns; k++) {
        int w = snprintf(text + len, 64, "Document %ld sentence %zu of %zu. ", i, k, ns);
        d->sentences[k] = (rc_span){(uint32_t)len, (uint32_t)(len + (size_t)w - 1)};
        d->line_hashes[k] = (uint64_t)k;
        len += (size_t)w;
    }
    d->nsentences = ns;
    d->nline_hashes = ns;
    d->text = text;
    d->text_len = len;
    d->content_hash = (uint64_t)i + 1;
    return d;
}

/* Child: insert documents until killed. */
static void writer(void)
{
    rc_store *s;
    if (rc_store_open(path, &s) != RC_OK)
        _exit(3);
    for (long i = 0;; i++) {
        if (i % 200 == 100 && rc_store_begin(s) != RC_OK)
            _exit(4);
        rc_doc *d = make(i);
        int st;
        if (rc_store_put(s, d, &st) != RC_OK || st != RC_PUT_ADDED)
            _exit(5);
        rc_doc_free(d);
        if (i % 200 == 150 && rc_store_commit(s) != RC_OK)
            _exit(6);
    }
}

struct check {
    long n;
    int bad;
};

/* Compare a stored document with what the writer wrote. */
static int verify(rc_doc *d, void *ud)
{
    struct check *c = ud;
    long i = strtol(d->id + 1, NULL, 10);
    rc_doc *want = make(i);
    if (d->text_len != want->text_len || strcmp(d->text, want->text) != 0 ||
        d->nsentences != want->nsentences || d->nline_hashes != want->nline_hashes ||
        d->content_hash != want->content_hash)
        c->bad++;
    c->n++;
    rc_doc_free(want);
    return 0;
}

static void test_kill_mid_write(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rc-crash-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    for (int round = 0; round < 3; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            writer();
        struct timespec ts = {0, 150 * 1000 * 1000 + round * 37 * 1000 * 1000};
        nanosleep(&ts, NULL);
        int status = 0;
        pid_t w = waitpid(pid, &status, WNOHANG);
        assert_int_equal(w, 0); /* still writing, not failed */
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        rc_store *s;
        assert_int_equal(rc_store_open(path, &s), RC_OK);
        long count = rc_store_count(s);
        assert_true(count > 0);
        struct check c = {0, 0};
        assert_int_equal(rc_store_each(s, verify, &c), RC_OK);
        assert_int_equal(c.n, count);
        assert_int_equal(c.bad, 0);
        /* line counts agree with the documents present */
        assert_int_equal(rc_store_line_seen(s, "crash", 0), (unsigned)count);
        rc_store_close(s);
        /* next round: the writer restarts at 0 and must see duplicates,
         * so start from an empty store instead */
        char p[160];
        static const char *const sfx[] = {"", "-wal", "-shm"};
        for (size_t k = 0; k < 3; k++) {
            snprintf(p, sizeof p, "%s%s", path, sfx[k]);
            unlink(p);
        }
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_mid_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
