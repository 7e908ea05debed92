#include "util/diag.h"
#include <stdarg.h>
#include <stdio.h>

static int level;
/* counted from any thread */
static _Atomic unsigned long nerrors, nwarnings;

/* Print the common prefix and the formatted message. */
static void emit(const char *input, long line, long long offset, const char *what,
                 const char *fmt, va_list ap)
{
    flockfile(stderr); /* one message, whole, when threads report at once */
    fputs("recoupe: ", stderr);
    if (input) {
        fputs(input, stderr);
        if (line > 0)
            fprintf(stderr, ":%ld", line);
        if (offset >= 0)
            fprintf(stderr, "@%lld", offset);
        fputs(": ", stderr);
    }
    fputs(what, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
}

/* Report an input failure; always printed and counted. */
void rc_diag_error(const char *input, long line, long long offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nerrors++;
    emit(input, line, offset, "error: ", fmt, ap);
    va_end(ap);
}

/* Report a recoverable problem; counted, printed unless quiet. */
void rc_diag_warn(const char *input, long line, long long offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nwarnings++;
    if (level >= 0)
        emit(input, line, offset, "warning: ", fmt, ap);
    va_end(ap);
}

/* Informational note, only when verbose. */
void rc_diag_info(const char *input, const char *fmt, ...)
{
    if (level < 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(input, 0, -1, "", fmt, ap);
    va_end(ap);
}

/* Set verbosity. */
void rc_diag_set_level(int l)
{
    level = l;
}

/* Errors reported so far. */
unsigned long rc_diag_errors(void)
{
    return nerrors;
}

/* Warnings reported so far. */
unsigned long rc_diag_warnings(void)
{
    return nwarnings;
}
