/*
 * entity.h - HTML character references (&amp; &eacute; &#233; &#xE9;).
 *
 * All HTML5 named references are known (generated table, entity_table.h);
 * the legacy ones (&amp, &nbsp, &eacute ...) are also accepted without the
 * ';' except inside attribute values when followed by [A-Za-z0-9=] (as the
 * HTML5 tokenizer does). Numeric references map 0x80-0x9F through
 * windows-1252, and NUL, surrogates and out-of-range values to U+FFFD.
 */
#ifndef RC_HTML_ENTITY_H
#define RC_HTML_ENTITY_H
#include <stddef.h>

/* Decode the character reference starting at s[0] == '&' within s[n].
 * On success writes its UTF-8 form (at most 8 bytes) to out, stores the
 * number of bytes written in *outlen and returns the number of input bytes
 * consumed (> 0). Returns 0 when s does not start a reference (the caller
 * copies the '&' as is). in_attr selects the attribute-value rule for
 * legacy references without ';'. */
size_t rc_html_entity(const char *s, size_t n, int in_attr, char out[8], size_t *outlen);

/* Write code point cp as UTF-8 into out (at most 4 bytes); invalid code
 * points (surrogates, > 0x10FFFF) become U+FFFD. Returns the length. */
size_t rc_html_put_utf8(unsigned long cp, char out[4]);

#endif
