/*
 * ingest.h - walk the user's inputs and hand each article, raw, to a callback.
 *
 * Inputs: files, directories (recursive, sorted by name, hidden entries
 * skipped) and "-" for standard input. By extension (case-insensitive):
 * .txt (one plain-text article per file), .jsonl/.ndjson (one JSON object
 * per line with any of id, url, title, text, html, published, outlet, lang,
 * author), .html/.htm and .html.gz/.htm.gz (one RC_FMT_HTML page; id is the
 * file name without .html/.htm/.gz; gzip undone under the size cap),
 * .warc/.warc.gz/.warc.zst (web archives, streamed record by record: each
 * HTML response or resource is one RC_FMT_HTML article with url, fetched,
 * charset, id from WARC-Record-ID and the URL's host as group; the size cap
 * applies to each record, not the archive; see warc.h). Files with
 * other extensions are skipped inside directories; named explicitly, they
 * are read as plain text when they look like text. Standard input is JSON
 * lines when its first non-blank byte is '{', plain text otherwise.
 *
 * Errors about an input (missing path, unreadable, over the size cap,
 * binary, empty, malformed JSON line, directory without articles, corrupt
 * gzip page, damaged WARC record, archive without HTML pages) are
 * reported through util/diag.h naming the input and the line or offset, the
 * input is counted as failed, and the walk goes on with the next one.
 */
#ifndef RC_INGEST_H
#define RC_INGEST_H
#include <stddef.h>
#include "doc/doc.h"

/* One raw article. Every pointer is borrowed and valid only during the
 * callback; body is not NUL-terminated and may hold any bytes. */
typedef struct rc_raw {
    const char *input;      /* display name: the path, or "-" */
    long line;              /* 1-based line for JSON lines, 0 otherwise */
    const char *id;         /* file name without extension, JSON "id"; NULL: derive from content */
    const char *group;      /* the input's folder (for repeated-line furniture) */
    const char *url, *title, *published, *outlet, *lang, *author; /* given metadata or NULL */
    const char *charset;    /* HTML only: charset from an HTTP header, or NULL */
    const char *fetched;    /* WARC-Date of the capture (ISO 8601), or NULL */
    const char *body;
    size_t body_len;
    rc_format format;       /* RC_FMT_TEXT, or RC_FMT_HTML for an "html" field / .html file */
} rc_raw;

/* Called once per article. Returns RC_OK when the article went in, another
 * result code when it failed (the callback has printed why), or RC_STOP to
 * end the walk early. */
typedef int (*rc_raw_fn)(const rc_raw *raw, void *ud);

typedef struct rc_ingest_opts {
    size_t max_bytes;       /* cap for one file or one JSON line; 0: 32 MiB */
} rc_ingest_opts;

typedef struct rc_ingest_stats {
    unsigned long articles;  /* callback returned RC_OK */
    unsigned long failed;    /* articles or inputs that failed */
    unsigned long skipped;   /* files skipped inside directories (unknown type) */
} rc_ingest_stats;

#define RC_INGEST_DEFAULT_MAX ((size_t)32 << 20)

/* Walk npaths inputs in order, calling fn for each article. Fills *st
 * (zeroed first). Returns RC_OK when every input and article went in,
 * RC_ERR when some failed, RC_STOP when fn stopped the walk. */
int rc_ingest_walk(const char *const *paths, size_t npaths, const rc_ingest_opts *opts,
                   rc_raw_fn fn, void *ud, rc_ingest_stats *st);

#endif
