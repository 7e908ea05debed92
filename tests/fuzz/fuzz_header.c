/*
 * fuzz_header.c - libFuzzer target for the header/dateline parser, the
 * weekday helpers and the whole cleaning step on arbitrary bytes (made
 * valid NFC UTF-8 first, as the pipeline does).
 */
#include "doc/doc.h"
#include "meta/header.h"
#include "text/clean.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A deterministic fake history: some lines count as repeated. */
static unsigned fake_seen(void *ud, const char *group, uint64_t h)
{
    (void)ud;
    (void)group;
    return (unsigned)(h & 3);
}

/* Abort when a fixed-size header field is not NUL-terminated. */
static void check_field(const char *f, size_t cap)
{
    if (!memchr(f, '\0', cap))
        abort();
}

/* One input: parse, check the invariants of rc_header, clean. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    rc_header h;
    rc_header_parse(s, size, &h);
    if (h.consumed > size || h.weekday_index < -1 || h.weekday_index > 6)
        abort();
    check_field(h.date, sizeof h.date);
    check_field(h.dateline_place, sizeof h.dateline_place);
    check_field(h.agency, sizeof h.agency);
    check_field(h.dl_date, sizeof h.dl_date);
    check_field(h.weekday, sizeof h.weekday);
    if (h.weekday_mismatch && (h.weekday_index < 0 || !h.dl_date[0]))
        abort();

    int w = rc_weekday_word(s, size < 64 ? size : 64);
    if (w < -1 || w > 6)
        abort();
    if (size >= 4) {
        int y = (int)(data[0] | (data[1] << 8)), m = data[2] % 14, d = data[3] % 33;
        int wd = rc_weekday(y, m, d);
        if (wd < -1 || wd > 6)
            abort();
    }

    rc_buf clean, nfc;
    rc_buf_init(&clean, (size_t)1 << 22);
    rc_buf_init(&nfc, (size_t)1 << 22);
    size_t invalid = 0;
    if (rc_utf8_sanitize(s, size, &clean, &invalid) == RC_OK &&
        rc_utf8_nfc(rc_buf_str(&clean), clean.len, &nfc) == RC_OK) {
        rc_doc *d = rc_doc_new();
        d->group = "fuzz";
        rc_clean_ctx ctx = {fake_seen, NULL, NULL};
        int r = rc_clean_text(d, rc_buf_str(&nfc), nfc.len, size & 1 ? &ctx : NULL);
        if (r != RC_OK && r != RC_EMPTY)
            abort();
        if (!d->text || strlen(d->text) != d->text_len || d->text_len > nfc.len)
            abort();
        rc_doc_free(d);
    }
    rc_buf_cleanup(&clean);
    rc_buf_cleanup(&nfc);
    return 0;
}
