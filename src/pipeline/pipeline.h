/*
 * pipeline.h - one raw article in, one clean document out.
 *
 * Steps: binary sniff; for web pages, conversion to UTF-8 (ingest/charset.h)
 * and article extraction (html/extract.h) with the page's metadata; then
 * UTF-8 repair (counted, warned), NFC, cleaning and metadata
 * (text/clean.h), language identification, text model (text/textmodel.h).
 * Metadata given by the input wins over the page's, which wins over what
 * is detected in the text.
 */
#ifndef RC_PIPELINE_H
#define RC_PIPELINE_H
#include "ingest/ingest.h"
#include "store/store.h"

/* Build a document from raw. store (may be NULL) supplies the repeated-line
 * history. On success *out owns a new document (rc_doc_free). Returns RC_OK,
 * RC_BINARY, RC_EMPTY (no article text) or RC_TOOBIG; messages for these
 * are the caller's to print. A recoverable problem only the pipeline sees
 * (an unknown charset label) is warned about here, naming the input. */
int rc_pipeline_build(const rc_raw *raw, rc_store *store, rc_doc **out);

/* The same without the text model (no sentences or tokens): what
 * `recoupe extract` needs. */
int rc_pipeline_clean(const rc_raw *raw, rc_store *store, rc_doc **out);

/* The content hash of raw (rc_doc.content_hash, and the id of an article
 * given none): XXH3 of its bytes, seeded by its given URL and outlet. The
 * same bytes re-read are the same article ("unchanged"); the same wire text
 * run by another outlet or under another URL is another publication, stored
 * as its own document, and the copies stage reports it as an exact copy. */
uint64_t rc_raw_content_hash(const rc_raw *raw);

#endif
