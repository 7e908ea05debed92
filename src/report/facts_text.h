/*
 * facts_text.h - one article's text with its facts marked inline, for
 * `recoupe show ID --facts`.
 *
 * With color, facts are highlighted with ANSI colours (entities by type,
 * quantities, dates, quotes) and their resolved values follow in dim text.
 * Without color, plain markers that survive copy and paste:
 *   [Name]{person}   {{1 000 sapeurs}}{=1000}   <<le 17 juin>>{2025-06-17}
 *   «« quoted words »»{speaker}
 * A legend precedes the text. Spans that cross (rather than nest) are
 * clipped to the enclosing one, so markers always balance.
 */
#ifndef RC_FACTS_TEXT_H
#define RC_FACTS_TEXT_H
#include <stdio.h>
#include "doc/doc.h"
#include "extract/facts.h"

/* Write d's text with the facts of f marked to out. Returns RC_OK or
 * RC_IO. */
int rc_report_facts_text(FILE *out, const rc_doc *d, const rc_facts *f, int color);

#endif
