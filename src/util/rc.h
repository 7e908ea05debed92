/*
 * rc.h - integer result codes shared by every module.
 *
 * Every fallible function returns one of these (0 is success). Callers that
 * need a message use rc_strerror(). Out-of-memory is not a result code: the
 * allocators in util/mem.h abort the process with a message instead (as
 * Redis and git do), so no module carries NULL checks for malloc.
 */
#ifndef RC_RC_H
#define RC_RC_H

enum {
    RC_OK = 0,          /* success */
    RC_ERR,             /* generic failure (message already printed) */
    RC_IO,              /* read/write/open failure (errno kept by caller) */
    RC_NOTFOUND,        /* missing file, id or key */
    RC_TOOBIG,          /* input or buffer over its configured cap */
    RC_PARSE,           /* malformed input */
    RC_UNSUPPORTED,     /* well-formed but not handled (yet) */
    RC_BINARY,          /* input is not text */
    RC_EMPTY,           /* input has no content */
    RC_EXISTS,          /* already present (duplicate) */
    RC_SCHEMA,          /* store schema newer than this program */
    RC_USAGE,           /* bad command-line usage */
    RC_STOP             /* a callback asked the iteration to stop */
};

/* Return a static, human-readable description of result code rc. */
const char *rc_strerror(int rc);

#endif
