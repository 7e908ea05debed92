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

#endif
