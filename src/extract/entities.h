/*
 * entities.h - named entities: mentions in one document
 * (rc_extract_entities, declared in extract/facts.h) and the entity table
 * that merges them across the documents of one analysis run.
 *
 * Mentions: capitalised word sequences (with particles "de", "du", "van",
 * "al-"...), courtesy titles ("M.", "Mme", "Dr", "Mr") kept in the span,
 * role words ("président", "ministre", "spokesman") and initials ("S. X")
 * for persons, organisation cue words ("Conseil", "Institut", "Ministry",
 * "Party"...) and acronyms for organisations, news agencies
 * (meta/credits.h), and the place gazetteer (extract/gazetteer.h).
 * Capitalised role words in front ("Prime Minister X") are left out and a
 * possessive ("X's") ends a name and stays out of the span. A one-word
 * name outside the gazetteer is typed by its context: a place noun before
 * ("la ville de X", "the port of X", "la capitale X") or after ("the X
 * valley"), "X's government", "à X", "in X" -> place; an organisation noun
 * before or after ("l'agence officielle X", "the X news agency") ->
 * organisation. Named structures ("X dam", "barrage de X") are one
 * mention of type other, keyed by name and structure class so both word
 * orders merge. All words are looked up once per token in one hashed
 * vocabulary. Sentence-initial common words, months, weekdays and
 * stopwords are not entities. rc_mention.key is the folded longest form the mention refers
 * to within its document ("S. Choïgou" -> "sergueï choïgou").
 *
 * Merging (rc_entities_merge): one entity per place of the gazetteer
 * whatever the language ("Corée du Nord" = "North Korea"); one per agency;
 * otherwise names with equal phonetic keys (extract/translit.h: hyphen,
 * space, case, accent and transliteration variants); a surname alone,
 * with a title or an initial, joins the one full name in the corpus that
 * ends (or, family name first, starts) with it and has a compatible
 * initial; when several full names qualify it stays apart.
 *
 * A one-word mention that opens a sentence and is named nowhere else in
 * its document is kept only when its group also holds another mention in
 * the run; otherwise its .entity stays -1.
 *
 * Ownership: the table owns copies of every string it returns; the facts
 * given to rc_entities_add must stay alive until rc_entities_merge returns
 * (it writes rc_mention.entity). Memory: O(mentions + distinct names).
 */
#ifndef RC_ENTITIES_H
#define RC_ENTITIES_H
#include <stddef.h>
#include "extract/facts.h"

typedef struct rc_entity_table rc_entity_table;

typedef struct rc_entity_variant {
    const char *text;       /* a distinct surface as written ("M. Choïgou") */
    size_t count;           /* its mentions over the run */
} rc_entity_variant;

typedef struct rc_entity {
    const char *name;       /* canonical: the longest, most frequent full form */
    rc_etype type;
    size_t nmentions;
    const rc_entity_variant *variants; /* most frequent first */
    size_t nvariants;
    const char *const *docs; /* ids of the documents it is mentioned in, in add order */
    size_t ndocs;
} rc_entity;

/* New empty table for one run. Never NULL. */
rc_entity_table *rc_entities_new(void);

/* Free the table and every string it returned. NULL is a no-op. */
void rc_entities_free(rc_entity_table *t);

/* Record the mentions of f (found in d by rc_extract_entities). d->id is
 * copied; f must stay alive until rc_entities_merge. Returns RC_OK. */
int rc_entities_add(rc_entity_table *t, const rc_doc *d, rc_facts *f);

/* Cluster every recorded mention into entities and set each mention's
 * .entity to its entity's index in the sorted order below, and its .type to
 * the entity's type (the vote of all its mentions). Can be called
 * again after more rc_entities_add (recomputes everything). Returns RC_OK. */
int rc_entities_merge(rc_entity_table *t);

/* Number of entities after rc_entities_merge. */
size_t rc_entities_count(const rc_entity_table *t);

/* Entity i (0 <= i < count), sorted by number of documents, then mentions
 * (descending), then name; NULL when out of range. Valid until the next
 * merge or free. */
const rc_entity *rc_entities_get(const rc_entity_table *t, size_t i);

/* "person", "place", "organization" or "other". */
const char *rc_etype_name(rc_etype type);

#endif
