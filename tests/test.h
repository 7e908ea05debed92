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

/* Path of the shared data folder (../shared beside the checkout), or NULL
 * when absent; tests that need it skip with a message. */
const char *rc_test_shared_dir(void);

#endif
