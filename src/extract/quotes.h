/*
 * quotes.h - quotations and citations of one document.
 *
 * rc_quote_scan pairs quote marks: « » (inner spaces, NBSP, NNBSP trimmed),
 * “ ”, straight " " (opening or closing told by the characters around),
 * ‘ ’ (only when opened by ‘; ’ is otherwise an apostrophe), „ “, ‹ ›.
 * Nested quotes stay inside the outer one; a mark left open is dropped at
 * the end of its paragraph; a quote longer than RC_QUOTE_MAX bytes is not
 * one. Linear time, memory bounded by the number of marks.
 *
 * rc_extract_quotes (declared in extract/facts.h) adds the quotes with
 * their speaker, relays and fragment flag, and the citations (every source
 * the text attributes information to) using extract/attrib.h.
 */
#ifndef RC_EXTRACT_QUOTES_H
#define RC_EXTRACT_QUOTES_H
#include <stddef.h>
#include <stdint.h>
#include "extract/facts.h"

enum { RC_QUOTE_MAX = 4000 };

/* One quotation found by its marks: [open, close_end) covers the marks,
 * [start, end) the quoted words (no marks, no surrounding spaces). */
typedef struct rc_qspan {
    uint32_t open, close_end;
    uint32_t start, end;
} rc_qspan;

/* Find the outermost quotations of text[n] in order. Stores an array
 * (rc_malloc, the caller frees it) in *out and returns its length. */
size_t rc_quote_scan(const char *text, size_t n, rc_qspan **out);

#endif
