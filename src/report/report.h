/*
 * report.h - the analysis report: the JSON contract (docs/report-format.md)
 * and a Markdown rendering for people.
 *
 * The report borrows its documents: the caller owns them and frees them
 * after writing. Keys filled by later stages (events, entities, claims...)
 * are written as empty arrays until those stages exist.
 */
#ifndef RC_REPORT_H
#define RC_REPORT_H
#include <stdio.h>
#include "doc/doc.h"
#include "extract/entities.h"
#include "extract/facts.h"
#include "pipeline/analysis.h"

typedef struct rc_report {
    rc_doc **docs;      /* borrowed */
    size_t ndocs;
    const char *version;
    rc_facts **facts;   /* borrowed, parallel to docs; NULL: facts not extracted */
    const rc_entity_table *entities; /* borrowed, merged over the docs' facts; NULL */
    const rc_analysis *analysis; /* borrowed: the cluster and cross-check results
                                    (NULL: only documents and facts) */
} rc_report;

/* Write r as one JSON object to out (UTF-8, pretty-printed). Returns RC_OK
 * or RC_IO when writing failed. */
int rc_report_json(FILE *out, const rc_report *r);

/* Write r as Markdown to out. Returns RC_OK or RC_IO. */
int rc_report_markdown(FILE *out, const rc_report *r);

/* Write one document as a JSON object (the documents[] element) to out, on
 * one line when compact is 1. Returns RC_OK or RC_IO. */
int rc_report_json_doc(FILE *out, const rc_doc *d, int compact);

/* Write d as one line of `recoupe extract --jsonl`: {"id", "url", "fetched",
 * "title", "published", "outlet", "author", "lang", "credits", "text"},
 * unknown values null (fetched: the WARC-Date of a crawled page). Returns RC_OK or RC_IO. */
int rc_report_extract_line(FILE *out, const rc_doc *d);

/* Write entity e (index i in its table) as one JSON line: {"id", "name",
 * "type", "documents", "mentions", "variants": [{"text", "count"}]}.
 * Returns RC_OK or RC_IO. */
int rc_report_entity_line(FILE *out, const rc_entity *e, size_t i);

#endif
