/*
 * jdump.c - jansson-compatible JSON writer; see jdump.h.
 */
#include "report/jdump.h"
#include "util/rc.h"
#include <stdio.h>
#include <string.h>

/* Newline and depth * indent spaces (indent > 0), else a space when
 * space is set and not compact: jansson's dump_indent. */
static int put_indent(rc_buf *b, int indent, int compact, int depth, int space)
{
    if (indent > 0) {
        static const char sp[] = "                                                                ";
        size_t n = (size_t)depth * (size_t)indent;
        int r = rc_buf_putc(b, '\n');
        while (r == RC_OK && n) {
            size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
            r = rc_buf_append(b, sp, k);
            n -= k;
        }
        return r;
    }
    if (space && !compact)
        return rc_buf_putc(b, ' ');
    return RC_OK;
}

/* s[n] as a JSON string literal. */
int rc_jdump_string(rc_buf *b, const char *s, size_t n)
{
    int r = rc_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n && r == RC_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        r = rc_buf_append(b, s + run, i - run);
        run = i + 1;
        char esc[8];
        const char *t = esc;
        size_t len = 2;
        switch (c) {
        case '\\': t = "\\\\"; break;
        case '"': t = "\\\""; break;
        case '\b': t = "\\b"; break;
        case '\f': t = "\\f"; break;
        case '\n': t = "\\n"; break;
        case '\r': t = "\\r"; break;
        case '\t': t = "\\t"; break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
            len = 6;
        }
        if (r == RC_OK)
            r = rc_buf_append(b, t, len);
    }
    if (r == RC_OK)
        r = rc_buf_append(b, s + run, n - run);
    return r == RC_OK ? rc_buf_putc(b, '"') : r;
}

/* A real as jansson writes it (jsonp_dtostr with precision 17). */
int rc_jdump_real(rc_buf *b, double v)
{
    char s[64];
    int len = snprintf(s, sizeof s, "%.17g", v);
    if (len < 0 || (size_t)len >= sizeof s - 3)
        return RC_PARSE;
    size_t n = (size_t)len;
    if (!strchr(s, '.') && !strchr(s, 'e')) {
        s[n++] = '.';
        s[n++] = '0';
        s[n] = '\0';
    }
    char *e = strchr(s, 'e');
    if (e) {
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, n - (size_t)(end - s) + 1);
            n -= (size_t)(end - start);
        }
    }
    return rc_buf_append(b, s, n);
}

/* See jdump.h. */
int rc_jdump(rc_buf *b, const json_t *v, int indent, int compact, int depth)
{
    if (!v)
        return RC_PARSE;
    int r = RC_OK;
    switch (json_typeof(v)) {
    case JSON_NULL:
        return rc_buf_append(b, "null", 4);
    case JSON_TRUE:
        return rc_buf_append(b, "true", 4);
    case JSON_FALSE:
        return rc_buf_append(b, "false", 5);
    case JSON_INTEGER:
        return rc_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    case JSON_REAL:
        return rc_jdump_real(b, json_real_value(v));
    case JSON_STRING:
        return rc_jdump_string(b, json_string_value(v), json_string_length(v));
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (!n)
            return rc_buf_append(b, "[]", 2);
        r = rc_buf_putc(b, '[');
        if (r == RC_OK)
            r = put_indent(b, indent, compact, depth + 1, 0);
        for (size_t i = 0; i < n && r == RC_OK; i++) {
            r = rc_jdump(b, json_array_get(v, i), indent, compact, depth + 1);
            if (r != RC_OK)
                break;
            if (i + 1 < n) {
                r = rc_buf_putc(b, ',');
                if (r == RC_OK)
                    r = put_indent(b, indent, compact, depth + 1, 1);
            } else {
                r = put_indent(b, indent, compact, depth, 0);
            }
        }
        return r == RC_OK ? rc_buf_putc(b, ']') : r;
    }
    case JSON_OBJECT: {
        void *it = json_object_iter((json_t *)v);
        if (!it)
            return rc_buf_append(b, "{}", 2);
        r = rc_buf_putc(b, '{');
        if (r == RC_OK)
            r = put_indent(b, indent, compact, depth + 1, 0);
        while (it && r == RC_OK) {
            void *next = json_object_iter_next((json_t *)v, it);
            r = rc_jdump_string(b, json_object_iter_key(it), json_object_iter_key_len(it));
            if (r == RC_OK)
                r = compact ? rc_buf_putc(b, ':') : rc_buf_append(b, ": ", 2);
            if (r == RC_OK)
                r = rc_jdump(b, json_object_iter_value(it), indent, compact, depth + 1);
            if (r != RC_OK)
                break;
            if (next) {
                r = rc_buf_putc(b, ',');
                if (r == RC_OK)
                    r = put_indent(b, indent, compact, depth + 1, 1);
            } else {
                r = put_indent(b, indent, compact, depth, 0);
            }
            it = next;
        }
        return r == RC_OK ? rc_buf_putc(b, '}') : r;
    }
    }
    return RC_PARSE;
}
