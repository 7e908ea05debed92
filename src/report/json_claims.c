/*
 * json_claims.c - claims[] (crosscheck/claims.h); see report/json_int.h.
 */
#include "report/json_int.h"

/* claims[]; see json_int.h. */
json_t *rc_json_claims(const rc_report *r)
{
    (void)r;
    return json_array();
}
