/*
 * charset.h - bytes of a web page in some character set -> UTF-8 (iconv).
 *
 * Precedence: a byte-order mark, the HTTP Content-Type charset, a <meta
 * charset> or <meta http-equiv=Content-Type> in the first 4 KiB, then a
 * guess (valid UTF-8 -> UTF-8, else windows-1252). Labels are resolved like
 * the WHATWG Encoding Standard ("latin1" and "iso-8859-1" -> windows-1252,
 * "utf8" -> UTF-8, unknown labels -> guess, with a warning).
 */
#ifndef RC_CHARSET_H
#define RC_CHARSET_H
#include <stddef.h>
#include "util/buf.h"

/* Append the UTF-8 form of in[n] to out. http_charset is the charset from
 * an HTTP header or NULL. *used receives the encoding name actually used
 * (static string); *bad the number of unconvertible sequences (replaced by
 * U+FFFD). Returns RC_OK or RC_TOOBIG (out's cap). */
int rc_charset_to_utf8(const char *in, size_t n, const char *http_charset, rc_buf *out,
                       const char **used, size_t *bad);

/* The WHATWG name of encoding label s[n] (case-insensitive, surrounding
 * white space ignored): "utf-8", "windows-1252", "iso-8859-15", ... or NULL
 * when the label is unknown or unsupported (callers warn, naming the input). */
const char *rc_charset_resolve(const char *s, size_t n);

/* The label declared by a <meta charset> or <meta http-equiv=Content-Type
 * content="...; charset=..."> in the first 4 KiB of html[n], resolved as
 * rc_charset_resolve does (utf-16 labels give "utf-8", as WHATWG says), or
 * NULL. A tolerant scan, not an HTML parser. */
const char *rc_charset_sniff_meta(const char *html, size_t n);

#endif
