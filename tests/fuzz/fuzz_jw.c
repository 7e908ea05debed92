/*
 * fuzz_jw.c - libFuzzer target for the report's JSON writer (report/jw.h)
 * on article bytes: the input, cut at 0xFF bytes into strings, is written
 * through a tree writer and a bytes writer with the same calls (str,
 * strn, span over the whole input as a document text, nested arrays and
 * objects chosen by the first byte of each piece); the bytes must equal
 * json_dumps(tree, JSON_COMPACT), and the UTF-8 rule must equal
 * json_stringn's on every piece.
 */
#include "doc/doc.h"
#include "report/jw.h"
#include "text/utf8.h"
#include "util/buf.h"
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The calls for one input, through w. */
static void build(rc_jw *w, const uint8_t *data, size_t size, const rc_doc *d)
{
    rc_jw_obj(w);
    rc_jw_key(w, "pieces");
    rc_jw_arr(w);
    size_t from = 0;
    int depth = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != 0xFF)
            continue;
        const char *p = (const char *)data + from;
        size_t n = i - from;
        unsigned op = n ? (unsigned char)p[0] % 6 : 0;
        if (op == 0) {
            rc_jw_strn(w, p, n, NULL);
        } else if (op == 1) {
            char *z = malloc(n + 1);
            memcpy(z, p, n);
            z[n] = '\0';
            rc_jw_str(w, z);
            free(z);
        } else if (op == 2 && depth < 8) {
            rc_jw_arr(w);
            depth++;
        } else if (op == 3 && depth) {
            rc_jw_end(w);
            depth--;
        } else if (op == 4) {
            rc_jw_span(w, d, (uint32_t)from, (uint32_t)i);
        } else {
            rc_jw_int(w, (long long)n * (p[n - 1] & 1 ? -1 : 1));
        }
        from = i + 1;
    }
    while (depth--)
        rc_jw_end(w);
    rc_jw_end(w);
    rc_jw_end(w);
}

/* One input: both writers, compared. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_doc d;
    memset(&d, 0, sizeof d);
    d.text = (char *)data;
    d.text_len = size;
    json_t *js = json_stringn((const char *)data, size);
    if (rc_utf8_valid((const char *)data, size) != (js != NULL))
        abort();
    json_decref(js);
    rc_jw t;
    rc_jw_init_tree(&t);
    build(&t, data, size, &d);
    json_t *tree = rc_jw_take(&t);
    if (!tree)
        abort();
    char *want = json_dumps(tree, JSON_COMPACT);
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_jw w;
    rc_jw_init_bytes(&w, &b);
    build(&w, data, size, &d);
    if (rc_jw_error(&w) || !want || strlen(want) != b.len || memcmp(want, b.data, b.len) != 0)
        abort();
    free(want);
    json_decref(tree);
    rc_buf_cleanup(&b);
    return 0;
}
