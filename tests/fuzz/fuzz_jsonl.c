/*
 * fuzz_jsonl.c - libFuzzer target for the JSON-lines reader: the input as one
 * line (rc_jsonl_parse_line), then as a stream (rc_jsonl_read over fmemopen)
 * with a small line cap and with the default one. The callback reads every
 * byte of every field it is given, so a bad length or pointer shows up under
 * AddressSanitizer.
 */
#include "ingest/jsonl.h"
#include "fuzz_raw.h"
#include "util/rc.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Callback for rc_jsonl_read: touch everything, alternate results. */
static int cb(const rc_raw *raw, void *ud)
{
    unsigned *calls = ud;
    touch_raw(raw);
    (*calls)++;
    return (*calls % 7 == 0) ? RC_EMPTY : RC_OK;
}

/* Run the reader over data with cap max (0: default). */
static void read_stream(const uint8_t *data, size_t size, size_t max)
{
    if (size == 0)
        return;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp)
        return;
    unsigned calls = 0;
    rc_ingest_stats st = {0};
    int rc = rc_jsonl_read(fp, "fuzz.jsonl", "fuzz", max, cb, &calls, &st);
    fclose(fp);
    if (rc != RC_OK && rc != RC_ERR && rc != RC_IO && rc != RC_STOP)
        __builtin_trap();
    if (st.articles > calls)
        __builtin_trap();
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_jsonl_scratch scratch = {0};
    rc_raw raw;
    char why[200];
    int rc = rc_jsonl_parse_line((const char *)data, size, &raw, &scratch, why, sizeof why);
    if (rc == RC_OK) {
        touch_raw(&raw);
    } else if (rc == RC_PARSE) {
        if (why[0] == '\0' || strlen(why) >= sizeof why)
            __builtin_trap();
        touch_str(why);
    } else if (rc != RC_EMPTY) {
        __builtin_trap();
    }
    rc_jsonl_scratch_free(&scratch);

    read_stream(data, size, 64);
    read_stream(data, size, 0);
    return 0;
}
