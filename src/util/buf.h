/*
 * buf.h - growable byte buffer with a hard size cap (in the manner of curl's
 * dynbuf). The content is always NUL-terminated so it can be used as a C
 * string; len excludes the terminator.
 *
 * Ownership: rc_buf_init() / rc_buf_cleanup() bracket the buffer's life; the
 * data belongs to the buffer until rc_buf_detach() hands it to the caller.
 */
#ifndef RC_BUF_H
#define RC_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct rc_buf {
    char *data;     /* NULL until the first append */
    size_t len;     /* bytes used, excluding the NUL */
    size_t cap;     /* bytes allocated */
    size_t max;     /* hard cap on len; appends beyond it fail */
} rc_buf;

/* Prepare b, empty, with a cap of max bytes (0 means SIZE_MAX/2). */
void rc_buf_init(rc_buf *b, size_t max);
/* Release b's memory; b can be initialised again afterwards. */
void rc_buf_cleanup(rc_buf *b);
/* Forget the content but keep the allocation. */
void rc_buf_reset(rc_buf *b);
/* Keep the first len bytes (nothing when len >= b->len). */
void rc_buf_truncate(rc_buf *b, size_t len);
/* Append n bytes; RC_TOOBIG (content unchanged) when len would pass max. */
int rc_buf_append(rc_buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. Same result codes as rc_buf_append. */
int rc_buf_puts(rc_buf *b, const char *s);
/* Append one byte. */
int rc_buf_putc(rc_buf *b, char c);
/* Append printf-formatted text (vsnprintf; no unbounded writes). */
int rc_buf_printf(rc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int rc_buf_vprintf(rc_buf *b, const char *fmt, va_list ap);
/* Make room for n more bytes (plus the NUL) without changing the content,
 * so a writer can fill data[len .. len + n) directly and then advance len
 * (keeping data[len] == '\0' itself). RC_TOOBIG, nothing changed, when len
 * + n would pass max. After RC_OK, data is non-NULL and cap > len + n. */
int rc_buf_reserve(rc_buf *b, size_t n);
/* Content as a C string; "" when nothing was appended. Owned by b. */
const char *rc_buf_str(const rc_buf *b);
/* Hand the content to the caller (free() it); b is left empty. Never NULL. */
char *rc_buf_detach(rc_buf *b, size_t *len);

/* The decimal digits of v (with its sign, as "%lld" writes it) written
 * to end just before e (at most 20 bytes before it; no NUL); returns
 * where they start. For writers that copy a number into a buffer without
 * a printf. */
static inline char *rc_dec_digits(char *e, long long v)
{
    char *p = e;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

#endif
