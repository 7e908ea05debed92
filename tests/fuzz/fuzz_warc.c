/*
 * fuzz_warc.c - libFuzzer target for the WARC reader (rc_warc_read_mem) on
 * arbitrary bytes, plain or compressed (the reader sniffs gzip and zstd
 * magic), with a small and the default payload cap. The callback reads
 * every byte of every field, so a bad length or pointer shows up under
 * AddressSanitizer. Diagnostics are silenced.
 */
#include "ingest/warc.h"
#include "fuzz_raw.h"
#include "util/diag.h"
#include "util/rc.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Callback: touch everything, sometimes refuse. */
static int cb(const rc_raw *raw, void *ud)
{
    unsigned *calls = ud;
    touch_raw(raw);
    if (raw->format != RC_FMT_HTML)
        __builtin_trap();
    (*calls)++;
    return (*calls % 5 == 0) ? RC_PARSE : RC_OK;
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_diag_set_level(-1);
    static const size_t caps[] = {64, 0};
    for (size_t i = 0; i < 2; i++) {
        unsigned calls = 0;
        rc_warc_stats st;
        int rc = rc_warc_read_mem("fuzz.warc", (const char *)data, size, caps[i], cb, &calls, &st);
        if (rc != RC_OK && rc != RC_ERR)
            __builtin_trap();
        if (st.articles != calls || st.articles > st.records)
            __builtin_trap();
    }
    return 0;
}
