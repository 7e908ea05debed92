/*
 * fuzz_html.c - libFuzzer target for the HTML extractor: arbitrary bytes
 * (NUL bytes, broken tags and entities, invalid UTF-8) through
 * rc_html_extract, checking the invariants of its result.
 */
#include "html/extract.h"
#include "util/arena.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Abort unless s is NULL or a NUL-terminated string of valid UTF-8. */
static void check_utf8(const char *s, size_t n)
{
    if (!s)
        return;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!l || i + l > n || c == 0)
            abort();
        for (size_t k = 1; k < l; k++)
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                abort();
        i += l;
    }
}

/* One input: extract with and without a page URL, check the result. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_arena *a = rc_arena_new();
    rc_extracted x;
    const char *url = size & 1 ? "https://example.org/2025/06/17/story" : NULL;
    int rc = rc_html_extract(a, (const char *)data, size, url, &x);
    if (rc != RC_OK && rc != RC_EMPTY && rc != RC_TOOBIG)
        abort();
    if (!x.text || strlen(x.text) != x.text_len)
        abort();
    if (rc == RC_OK && x.text_len == 0)
        abort();
    check_utf8(x.text, x.text_len);
    if (x.ncredits && !x.credits)
        abort();
    for (size_t i = 0; i < x.ncredits; i++)
        if (!x.credits[i])
            abort();
    if (x.lang && strlen(x.lang) != 2)
        abort();
    rc_arena_free(a);
    return 0;
}
