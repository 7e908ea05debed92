/*
 * pipeline.h - one raw article in, one clean document out.
 *
 * Steps: binary sniff, UTF-8 repair (counted, warned), NFC, language
 * identification, cleaning and metadata (text/clean.h), text model
 * (text/textmodel.h). Metadata given by the input wins over detected.
 */
#ifndef RC_PIPELINE_H
#define RC_PIPELINE_H
#include "ingest/ingest.h"
#include "store/store.h"

/* Build a document from raw. store (may be NULL) supplies the repeated-line
 * history. On success *out owns a new document (rc_doc_free). Returns RC_OK,
 * RC_BINARY, RC_EMPTY, RC_UNSUPPORTED (HTML before the HTML extractor) or
 * RC_TOOBIG; messages are the caller's to print. */
int rc_pipeline_build(const rc_raw *raw, rc_store *store, rc_doc **out);

#endif
