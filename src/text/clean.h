/*
 * clean.h - from sanitised article text to a clean body plus metadata.
 *
 * Takes the valid NFC text of one plain-text article and sets on the
 * document: text (the body), removed (furniture lines), title, outlet,
 * author, credits, published, dateline and issues, each only when the
 * field is still NULL (metadata given by the input takes precedence).
 *
 * Furniture is found with general signals combined per line: short lines
 * without sentence punctuation at the edges of the text, navigation and
 * promotion vocabulary per language, self-references to the outlet, and
 * lines that repeat across documents of the same group. Section subheads
 * inside the body stay.
 */
#ifndef RC_CLEAN_H
#define RC_CLEAN_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"

typedef struct rc_clean_ctx {
    /* How many other documents of group contained a line with this hash
     * (see rc_clean_line_hash); NULL when no history is available. */
    unsigned (*line_seen)(void *ud, const char *group, uint64_t line_hash);
    void *ud;
    const char *lang;     /* detected language of the text, or NULL */
    /* 1 when the text is a web page's article as extracted from its markup
     * (html/extract.h): its lines are the page's own blocks, so a short line
     * at the start or end is a heading or a short paragraph, not furniture
     * by position. Credit lines, bylines, promotional lines and repeated
     * lines are still removed; a first line repeating the title is too. */
    int from_page;
} rc_clean_ctx;

/* Clean text[n] (valid NFC UTF-8, LF line ends) into d. Also sets
 * d->line_hashes for the repeated-line signal: the hashes of the lines that
 * may be furniture (lines that are not body paragraphs, and promotional
 * paragraphs at the very end), not of every line. Returns RC_OK, or RC_EMPTY
 * when no body is left. */
int rc_clean_text(rc_doc *d, const char *text, size_t n, const rc_clean_ctx *ctx);

/* Hash of one line for the repeated-line signal: case-folded, spaces and
 * digits squeezed, so "Page 2" and "Page 3" repeat. */
uint64_t rc_clean_line_hash(const char *line, size_t n);

#endif
