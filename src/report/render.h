/*
 * render.h - what the human reports (terminal.c, markdown.c, html.c) share:
 * escaping, width-aware wrapping, and a view of the report tree
 * (rc_report_tree) grouped by event.
 *
 * The renderers read only the JSON contract (docs/report-format.md), never
 * the stages' C structs, and tolerate missing keys: a key that is absent or
 * of another type reads as empty. Article-derived strings are untrusted:
 * every writer escapes them for its format (rc_render_html, rc_render_md,
 * rc_render_term_clean) and caps how much it shows (RC_RENDER_* below), so
 * a hostile corpus costs linear time and bounded output.
 *
 * Ownership: rc_rview_init() borrows the tree (it must outlive the view);
 * rc_rview_cleanup() frees the view's arrays.
 */
#ifndef RC_RENDER_H
#define RC_RENDER_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include "util/buf.h"

/* Caps on what one report shows (hostile or huge input). */
#define RC_RENDER_MAX_TEXT 600         /* bytes of one claim, quote or evidence */
#define RC_RENDER_MAX_ITEMS 200        /* claims, discrepancies... per section */
#define RC_RENDER_MAX_OUTLETS 60       /* columns of a coverage matrix */
#define RC_RENDER_MAX_SINGLE 6        /* single-source claims shown per event */
#define RC_RENDER_MAX_LABEL 110        /* bytes of an event label in a heading */
#define RC_RENDER_MAX_TERMS 12         /* framing terms per article */
#define RC_RENDER_MAX_DOC_TEXT (512u * 1024u) /* bytes of one article's text (HTML) */
#define RC_RENDER_MAX_DOCS_TEXT 2000   /* articles whose text the HTML carries */
#define RC_RENDER_MAX_HTML_TEXT (64u << 20) /* bytes of article text in one HTML page */

/* Append s[0..n) to b HTML-escaped (& < > " ' as entities; control
 * characters other than newline and tab dropped), at most max bytes of s
 * (cut on a UTF-8 boundary, "…" appended when cut; 0: no cap). */
void rc_render_html(rc_buf *b, const char *s, size_t n, size_t max);

/* Append s[0..n) to b as inline Markdown text: \ ` * _ [ ] | ~ # escaped
 * with a backslash, < > & as entities, line breaks and other control
 * characters (C0, DEL, C1) as spaces; capped like rc_render_html. */
void rc_render_md(rc_buf *b, const char *s, size_t n, size_t max);

/* Append s[0..n) to b safe for a terminal: control characters (C0, DEL,
 * C1, so no escape sequence from the text reaches the terminal) and line
 * breaks become spaces, runs of spaces collapse; capped like rc_render_html. */
void rc_render_term_clean(rc_buf *b, const char *s, size_t n, size_t max);

/* Display width of s[0..n) in terminal columns: UTF-8 code points by their
 * East Asian width (combining marks 0, wide 2), ANSI SGR sequences
 * (ESC [ ... m) 0. */
size_t rc_render_width(const char *s, size_t n);

/* Append text to b wrapped at width columns: the first line starts after
 * first (already written by the caller, of display width first_w), the
 * following lines with indent spaces. Breaks at spaces; a word longer than
 * a line is cut at a code point. Each line ends with '\n'. ANSI SGR
 * sequences in text take no width. */
void rc_render_wrap(rc_buf *b, const char *text, size_t first_w, size_t indent, size_t width);

/* Append text to out wrapped into lines of at most width columns (as
 * rc_render_wrap without indent), each ending in '\n'; returns the number
 * of lines (at least 1). */
size_t rc_render_lines(rc_buf *out, const char *text, size_t width);

/* How many bytes of s (NUL-terminated, NULL: 0) to show within max bytes:
 * all of it when it fits, else cut at the last space in the second half
 * of the budget (else at a code point) without trailing punctuation;
 * *cut is set to 1 when cut (the caller appends "…"). */
size_t rc_render_cut_words(const char *s, size_t max, int *cut);

/* Importance rank of a claim status, what a reader checks first: 0
 * contested or conflicting, 1 corroborated, 2 single_origin, 3
 * single_source, 4 anything else. */
int rc_render_claim_rank(const char *status);

/* Small accessors tolerant of missing keys: the string at key (NULL when
 * absent or not a string), the array at key (an empty static array when
 * absent), the integer at key (def when absent). */
const char *rc_jstr(const json_t *o, const char *key);
/* The words of a framing omission: a string, or its "term" (older "text"). */
const char *rc_render_omission(const json_t *x);
/* The words of a timeline item: its text, else "the event" or "published"
 * for the items of those kinds, else "". */
const char *rc_render_timeline_text(const json_t *x);
const json_t *rc_jarr(const json_t *o, const char *key);
long long rc_jint(const json_t *o, const char *key, long long def);

/* A list of indexes into one of the tree's arrays. */
typedef struct rc_rlist {
    size_t *v, n;
} rc_rlist;

/* One group of the report: an event, or (no events) all documents, or the
 * documents no event holds. Lists index the tree's arrays. */
typedef struct rc_rview_group {
    const json_t *event;   /* events[] element, NULL for a group without one */
    const char *title;     /* "All articles", "Other articles" when no event */
    rc_rlist docs;         /* documents[] */
    rc_rlist claims;       /* claims[] touching these documents, most important
                              first (rc_render_claim_rank, then more independent
                              origins, more articles, input order) */
    rc_rlist discs;        /* discrepancies[] */
    rc_rlist framing;      /* framing[] */
    rc_rlist quotes;       /* quotes[] */
} rc_rview_group;

typedef struct rc_rview {
    const json_t *tree;
    const json_t *documents, *events, *claims, *discrepancies, *framing, *quotes, *entities;
    size_t ndocs;
    rc_rview_group *groups;
    size_t ngroups;
    size_t *sorted;        /* documents[] indexes sorted by id (lookup) */
    const char **sorted_id; /* their ids (NULL: none), parallel to sorted; borrowed from the tree */
} rc_rview;

/* Build the view of tree (an rc_report_tree). Returns RC_OK. */
int rc_rview_init(rc_rview *v, const json_t *tree);
/* Free the view's arrays (the tree stays). */
void rc_rview_cleanup(rc_rview *v);
/* documents[] index of the document with this id, or -1. O(log n). */
long rc_rview_doc(const rc_rview *v, const char *id);
/* The document's outlet, else its id ("?" when neither). */
const char *rc_rview_outlet(const rc_rview *v, size_t doc);
/* Index of the sentence of documents[doc] holding byte offset off, or -1. */
long rc_rview_sentence(const rc_rview *v, size_t doc, long long off);
/* The text to show for claims[] element c in group g: the claim's
 * representative sentence when a support of g's event gives it (or g has
 * no event), else the shortest sentence (30 bytes or more when there is
 * one) of a support of g's event; so an event never shows a sentence of
 * another event as its own. NULL when c has no text. */
const char *rc_rview_claim_text(const rc_rview_group *g, const json_t *c);
/* The display name of a quote's speaker: its entity's name when
 * speaker_entity resolves, else speaker, else NULL. */
const char *rc_rview_speaker(const rc_rview *v, const json_t *quote);

#endif
