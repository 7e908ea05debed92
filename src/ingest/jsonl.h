/*
 * jsonl.h - JSON-lines reader: one article object per line.
 *
 * Recognised string fields: id, url, title, text, html, published, outlet,
 * lang, author (others ignored). A number "id" is accepted and turned into
 * its decimal text. A line that is not a JSON object, or has neither "text"
 * nor "html", is an error for that line only. Blank lines are skipped.
 */
#ifndef RC_JSONL_H
#define RC_JSONL_H
#include <stdio.h>
#include "ingest/ingest.h"

/* Read JSON lines from fp (already open), calling fn per article; raw.input
 * is input and raw.line the line number. Lines longer than max_bytes are
 * reported and skipped without being held in memory whole. Updates *st as
 * rc_ingest_walk does. Returns RC_OK, RC_ERR (some lines failed), RC_IO
 * (read error) or RC_STOP. */
int rc_jsonl_read(FILE *fp, const char *input, const char *group, size_t max_bytes,
                  rc_raw_fn fn, void *ud, rc_ingest_stats *st);

/* Parse one line (n bytes, no NUL needed) into *raw (borrowed pointers into
 * storage owned by *scratch, valid until the next call or rc_jsonl_scratch_free).
 * Returns RC_OK, RC_EMPTY (blank line) or RC_PARSE with a reason in
 * why[whylen]. This is the fuzzing entry point. */
typedef struct rc_jsonl_scratch { void *json; } rc_jsonl_scratch;
int rc_jsonl_parse_line(const char *line, size_t n, rc_raw *raw, rc_jsonl_scratch *scratch,
                        char *why, size_t whylen);
void rc_jsonl_scratch_free(rc_jsonl_scratch *scratch);

#endif
