/*
 * jdump.h - write a jansson value as JSON text, byte for byte as
 * json_dumps writes it with JSON_INDENT(n) or JSON_COMPACT (and no other
 * flag), several times faster: one pass straight into a growable buffer,
 * string runs copied whole, no per-token callback.
 *
 * Layout (jansson 2.14's): "[" / "{", then per element a newline and
 * (depth + 1) * indent spaces, elements separated by "," (then the
 * newline), the closing bracket after a newline and depth * indent
 * spaces; empty containers "[]" and "{}"; keys and values separated by
 * ": " (":" when compact); object keys in insertion order; strings with
 * '"', '\\' and control characters escaped (\b \f \n \r \t, else
 * \u00XX upper case), everything else as is (jansson strings are valid
 * UTF-8); integers "%lld"; reals "%.17g" with ".0" added when neither a
 * dot nor an exponent shows, the exponent without '+' or leading zeros.
 * tests/unit/test_jdump.c compares it with json_dumps (hostile and random
 * strings, number edges, caps). A string made with a *_nocheck constructor
 * from invalid UTF-8, which json_dumps refuses, is written byte for byte.
 * Cost: one pass; strings scanned 16 bytes at a time; the value is built
 * in a 16 KB stack scratch and appended to b once when it fits.
 */
#ifndef RC_REPORT_JDUMP_H
#define RC_REPORT_JDUMP_H
#include "util/buf.h"
#include <jansson.h>

/* Append the JSON text of v, as at nesting depth `depth`, to b: indent
 * spaces per level (0 with compact), compact separators when compact is
 * non-zero. Returns RC_OK, RC_TOOBIG when b's cap is reached, RC_PARSE
 * for a value jansson could not dump either (NULL). */
int rc_jdump(rc_buf *b, const json_t *v, int indent, int compact, int depth);

/* Append s[0..n) as a JSON string literal (quotes, escapes) as jansson
 * writes a string; s must be valid UTF-8 (NUL bytes allowed). */
int rc_jdump_string(rc_buf *b, const char *s, size_t n);
/* The same when s may not be valid UTF-8: checked in the same pass;
 * RC_PARSE, b unchanged, when it is not (text/utf8.h rc_utf8_valid's
 * rule, jansson's). */
int rc_jdump_string_utf8(rc_buf *b, const char *s, size_t n);
/* The same for the NUL-terminated s, measured in the same pass (no
 * strlen first): RC_OK, or RC_PARSE with b unchanged when s is not valid
 * UTF-8 (RC_TOOBIG: b's cap). */
int rc_jdump_cstring_utf8(rc_buf *b, const char *s);
/* Append v as jansson writes a real. */
int rc_jdump_real(rc_buf *b, double v);

#endif
