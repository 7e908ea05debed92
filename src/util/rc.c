#include "util/rc.h"

/* Return a static, human-readable description of result code rc. */
const char *rc_strerror(int rc)
{
    switch (rc) {
    case RC_OK: return "success";
    case RC_ERR: return "failure";
    case RC_IO: return "input/output error";
    case RC_NOTFOUND: return "not found";
    case RC_TOOBIG: return "over the size limit";
    case RC_PARSE: return "malformed input";
    case RC_UNSUPPORTED: return "not supported";
    case RC_BINARY: return "binary content, not text";
    case RC_EMPTY: return "empty input";
    case RC_EXISTS: return "already present";
    case RC_SCHEMA: return "store written by a newer recoupe";
    case RC_USAGE: return "usage error";
    case RC_STOP: return "stopped";
    default: return "unknown error";
    }
}
