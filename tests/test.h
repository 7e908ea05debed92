/*
 * test.h - shared include for cmocka unit tests (typed asserts come from
 * cmocka itself: assert_int_equal, assert_string_equal, ...).
 */
#ifndef RC_TEST_H
#define RC_TEST_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Path of the shared data folder ($RECOUPE_SHARED, else ../shared beside the
 * checkout; tests run from the repository root), or NULL when absent. Tests
 * that need it call skip() with a message. */
static inline const char *rc_test_shared_dir(void)
{
    const char *e = getenv("RECOUPE_SHARED");
    const char *p = e && *e ? e : "../shared";
    struct stat st;
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
        return p;
    fprintf(stderr, "note: %s not found; tests that need it are skipped\n", p);
    return NULL;
}

#include <string.h>
#include <unistd.h>

/* stderr capture for tests that check diagnostics: capture_begin()
 * redirects stderr to a temporary file, capture_end() restores it and
 * returns what was written meanwhile (NUL-terminated, first 64 KiB; the
 * buffer is reused by the next capture). Not nestable. */
static int rc_test_saved_stderr = -1;
static char rc_test_cap_path[] = "/tmp/recoupe_test_stderr_XXXXXX";
static char rc_test_captured[65536];

/* Redirect stderr to a temporary file until capture_end(). */
static inline void capture_begin(void)
{
    fflush(stderr);
    int fd = mkstemp(rc_test_cap_path);
    assert_true(fd >= 0);
    rc_test_saved_stderr = dup(2);
    dup2(fd, 2);
    close(fd);
}

/* Restore stderr and return what was written since capture_begin(). */
static inline const char *capture_end(void)
{
    fflush(stderr);
    dup2(rc_test_saved_stderr, 2);
    close(rc_test_saved_stderr);
    FILE *f = fopen(rc_test_cap_path, "rb");
    assert_non_null(f);
    size_t n = fread(rc_test_captured, 1, sizeof rc_test_captured - 1, f);
    rc_test_captured[n] = '\0';
    fclose(f);
    unlink(rc_test_cap_path);
    memcpy(rc_test_cap_path + strlen(rc_test_cap_path) - 6, "XXXXXX", 6);
    return rc_test_captured;
}

#endif
