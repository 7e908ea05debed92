/*
 * score.h - the article body inside a parsed page (content scoring and
 * boilerplate removal).
 *
 * Method (docs/extraction.md): every block of text (the inline content of a
 * block element) is classified from its length, link density and
 * punctuation as good, medium, short or bad; class/id words, roles and
 * elements (nav, aside, footer, "comment", "share", "related" ...) mark
 * boilerplate regions. The container is the element maximising
 * good characters minus a multiple of boilerplate characters, with a bonus
 * for semantic markers (<article>, itemprop=articleBody, "article-body").
 * Inside it, boilerplate regions and bad blocks are dropped, and short or
 * medium blocks are kept only between good ones (jusText-style context).
 */
#ifndef RC_HTML_SCORE_H
#define RC_HTML_SCORE_H
#include "html/dom.h"
#include "util/buf.h"

/* Append the article text of d to out: paragraphs, headings and list items
 * on their own lines, separated by '\n', no leading/trailing white space.
 * hint (may be NULL) is a JSON-LD articleBody used as a signal. Returns
 * RC_OK, RC_EMPTY when no article text was found, or RC_TOOBIG (out's cap). */
int rc_html_body(const rc_dom *d, const char *hint, rc_buf *out);

#endif
