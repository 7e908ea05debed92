/*
 * report.h - the analysis report: the JSON contract (docs/report-format.md),
 * and the renderings for people (terminal, Markdown, HTML), which read the
 * report tree (rc_report_tree) only; their shared parts are in render.h.
 *
 * The report borrows its documents: the caller owns them and frees them
 * after writing. Keys filled by later stages (events, entities, claims...)
 * are written as empty arrays until those stages exist.
 */
#ifndef RC_REPORT_H
#define RC_REPORT_H
#include <jansson.h>
#include <stdio.h>
#include "doc/doc.h"
#include "extract/entities.h"
#include "extract/facts.h"
#include "pipeline/analysis.h"
#include "report/jw.h"

typedef struct rc_report {
    rc_doc **docs;      /* borrowed */
    size_t ndocs;
    const char *version;
    rc_facts **facts;   /* borrowed, parallel to docs; NULL: facts not extracted */
    const rc_entity_table *entities; /* borrowed, merged over the docs' facts; NULL */
    const rc_analysis *analysis; /* borrowed: the cluster and cross-check results
                                    (NULL: only documents and facts) */
    size_t entity_base; /* added to every entity id ("E<base + n>"): a report
                           written in parts numbers its entities on */
} rc_report;

/* The report's top-level arrays, in the order they are written. */
enum {
    RC_RK_DOCUMENTS, RC_RK_EVENTS, RC_RK_STORIES, RC_RK_ENTITIES, RC_RK_QUANTITIES,
    RC_RK_DATES, RC_RK_QUOTES, RC_RK_CITATIONS, RC_RK_CLAIMS, RC_RK_DISCREPANCIES,
    RC_RK_FRAMING, RC_REPORT_NKEYS
};
/* The name of top-level key k ("documents"...), NULL out of range. */
const char *rc_report_key_name(int key);

/* The elements of a report, one at a time: a writer of the report in
 * parts (pipeline/store_report.c) writes each element as text through a
 * report/jw.h writer and files it by its key and document, without a
 * tree. rc_report_elems_new indexes r (borrowed: it must outlive the
 * index) in O(documents + facts + mentions); with_text 0 leaves
 * documents[].text out. */
typedef struct rc_report_elems rc_report_elems;
rc_report_elems *rc_report_elems_new(const rc_report *r, int with_text);
/* Free; NULL is a no-op. */
void rc_report_elems_free(rc_report_elems *e);
/* The number of candidate elements of key k (framing: entries whose
 * document may not be the report's, see below). */
size_t rc_report_elems_count(const rc_report_elems *e, int key);
/* Write element i < count of key k through w, in the report's order for
 * the key; *doc (when doc is not NULL) receives the report document the
 * element belongs to (documents, facts, the documents' own
 * discrepancies, framing), else SIZE_MAX. Returns 1, or 0 when nothing
 * was written (a framing entry of a document not in the report). */
int rc_report_elems_emit(const rc_report_elems *e, rc_jw *w, int key, size_t i,
                         size_t *doc);
/* The number of discrepancies[] elements recorded on single documents
 * (they come first; the cross-document ones follow). */
size_t rc_report_elems_nissues(const rc_report_elems *e);

/* Write r as one JSON object to out (UTF-8, pretty-printed). Returns RC_OK
 * or RC_IO when writing failed. */
int rc_report_json(FILE *out, const rc_report *r);

/* The whole report as one jansson tree, with the keys and values
 * rc_report_json writes (the same builders); documents[].text left out
 * when with_text is 0. The caller owns the tree (json_decref). The human
 * renderers below read only this tree. */
json_t *rc_report_tree(const rc_report *r, int with_text);

/* Write tree t (an rc_report_tree, possibly filtered) in rc_report_json's
 * layout: for an unfiltered tree with text the output is byte-identical.
 * Returns RC_OK or RC_IO. */
int rc_report_json_tree(FILE *out, const json_t *t);

/* Keep in tree t only event id (events[]), its documents, the stories
 * holding it, and the entities, facts, claims, discrepancies and framing
 * that name one of its documents. Returns RC_OK, or RC_NOTFOUND (t
 * unchanged) when no event has this id. (report/filter.c) */
int rc_report_tree_event(json_t *t, const char *id);

/* Write r as Markdown to out: the articles, entities, quotes,
 * inconsistencies and removed furniture, then per event (all articles as
 * one group until events exist) the sections of the terminal report.
 * Returns RC_OK or RC_IO. */
int rc_report_markdown(FILE *out, const rc_report *r);

/* The same from a tree t (rc_report_tree of r, possibly filtered with
 * rc_report_tree_event): the article sections list only t's documents. */
int rc_report_markdown_tree(FILE *out, const rc_report *r, const json_t *t);

/* Options of the terminal report. */
typedef struct rc_term_opts {
    int color;      /* ANSI colours (the caller decides: TTY, --no-color, NO_COLOR) */
    size_t width;   /* columns to wrap at (0: 80) */
} rc_term_opts;

/* Write the human report of tree t for a terminal (report/terminal.c): per
 * event its header (date, outlets, languages, articles), established claims
 * with their origin counts, single-origin and single-source claims,
 * conflicts and quote drift side by side, timeline, framing terms; all
 * documents as one group until events exist. Returns RC_OK or RC_IO. */
int rc_report_terminal(FILE *out, const json_t *t, const rc_term_opts *o);

/* The terminal report in parts, for a report written story by story
 * (`report` on a store): the header line with the given totals, and the
 * per-event sections of a part's tree t. rc_report_terminal(t) writes
 * head(totals of t) then body(t). Returns RC_OK or RC_IO. */
int rc_report_terminal_head(FILE *out, size_t ndocs, size_t nevents, size_t nclaims,
                            const rc_term_opts *o);
int rc_report_terminal_body(FILE *out, const json_t *t, const rc_term_opts *o);

/* Write tree t (with text) as one self-contained HTML page
 * (report/html.c): no network, inline CSS, no script; a coverage matrix
 * per event, timeline, quote drift side by side, framing, discrepancies,
 * and every article's text with sentence anchors (#doc-N-s-M) that claims
 * and evidence link to. All article-derived text is escaped. Returns RC_OK
 * or RC_IO. */
int rc_report_html(FILE *out, const json_t *t);

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
