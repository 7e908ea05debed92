#include "doc/doc.h"
#include "util/mem.h"
#include <strings.h>
#include <string.h>

/* New empty document with its own arena. */
rc_doc *rc_doc_new(void)
{
    rc_doc *d = rc_calloc(1, sizeof *d);
    d->arena = rc_arena_new();
    return d;
}

/* Free the document and its arena. */
void rc_doc_free(rc_doc *d)
{
    if (!d)
        return;
    rc_arena_free(d->arena);
    free(d);
}

/* Copy n bytes of s into the arena and store the copy in *field. */
const char *rc_doc_setn(rc_doc *d, const char **field, const char *s, size_t n)
{
    *field = s ? rc_arena_strndup(d->arena, s, n) : NULL;
    return *field;
}

/* Copy the NUL-terminated s into the arena and store it in *field. */
const char *rc_doc_set(rc_doc *d, const char **field, const char *s)
{
    return rc_doc_setn(d, field, s, s ? strlen(s) : 0);
}

/* Add credit unless already present (case-insensitive). */
void rc_doc_add_credit(rc_doc *d, const char *credit)
{
    if (!credit || !*credit)
        return;
    for (size_t i = 0; i < d->ncredits; i++)
        if (strcasecmp(d->credits[i], credit) == 0)
            return;
    d->credits = rc_arena_grow(d->arena, d->credits, d->ncredits, sizeof *d->credits);
    d->credits[d->ncredits++] = rc_arena_strdup(d->arena, credit);
}

/* Record an inconsistency; strings are copied into the arena. */
void rc_doc_add_issue(rc_doc *d, const char *kind, const char *description,
                      const char *evidence)
{
    d->issues = rc_arena_grow(d->arena, d->issues, d->nissues, sizeof *d->issues);
    rc_issue *is = &d->issues[d->nissues++];
    is->kind = rc_arena_strdup(d->arena, kind ? kind : "");
    is->description = rc_arena_strdup(d->arena, description ? description : "");
    is->evidence = evidence ? rc_arena_strdup(d->arena, evidence) : NULL;
}

/* Record a removed furniture line. */
void rc_doc_add_removed(rc_doc *d, const char *s, size_t n)
{
    d->removed = rc_arena_grow(d->arena, d->removed, d->nremoved, sizeof *d->removed);
    d->removed[d->nremoved++] = rc_arena_strndup(d->arena, s, n);
}
