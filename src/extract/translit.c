#include "extract/translit.h"
#include <string.h>
#include "meta/fold.h"

/* Append the phonetic form of one folded word w[n] to out at *o (cap). */
static void word_key(const char *w, size_t n, char *out, size_t cap, size_t *o)
{
    size_t start = *o;
    for (size_t i = 0; i < n && *o + 1 < cap; i++) {
        char c = w[i], nx = i + 1 < n ? w[i + 1] : 0, nx2 = i + 2 < n ? w[i + 2] : 0;
        char r = c;
        /* one switch on the letter (the rules of each letter in order) */
        switch (c) {
        case 't':
            if (nx == 'c' && nx2 == 'h') { out[(*o)++] = 'c'; r = 'h'; i += 2; }
            else if (nx == 'h') { r = 't'; i++; }
            break;
        case 's':
            if (nx == 'c' && nx2 == 'h') { out[(*o)++] = 'c'; r = 'h'; i += 2; }
            else if (nx == 'h') { out[(*o)++] = 'c'; r = 'h'; i++; }
            break;
        case 'c':
            if (nx == 'h') { out[(*o)++] = 'c'; r = 'h'; i++; }
            else if (nx == 'k') { r = 'k'; i++; }
            else r = (nx == 'e' || nx == 'i' || nx == 'y') ? 's' : 'k';
            break;
        case 'z':
            if (nx == 'h') { r = 'j'; i++; }
            break;
        case 'd':
            if (nx == 'j') { r = 'j'; i++; }
            break;
        case 'k':
            if (nx == 'h') { r = 'h'; i++; }
            break;
        case 'p':
            if (nx == 'h') { r = 'f'; i++; }
            break;
        case 'o':
            if (nx == 'u' || nx == 'o') { r = 'u'; i++; }
            break;
        case 'g':
            if (nx == 'u' && (nx2 == 'e' || nx2 == 'i')) { r = 'g'; i++; }
            break;
        case 'q':
            r = 'k';
            if (nx == 'u')
                i++;
            break;
        case 'y':
            r = 'i';
            break;
        case 'w':
            r = 'v';
            break;
        default:
            break;
        }
        if (*o + 1 >= cap)
            break;
        if (*o > start && out[*o - 1] == r && r != 'h')
            continue;               /* doubled letter */
        out[(*o)++] = r;
    }
    if (*o - start > 3 && out[*o - 1] == 'e')
        (*o)--;
    /* Latin "-ia" and French "-ie" endings ("Bulgaria" / "Bulgarie") */
    else if (*o - start > 4 && out[*o - 1] == 'a' && out[*o - 2] == 'i')
        (*o)--;
}

size_t rc_translit_key(const char *s, size_t n, char *out, size_t cap)
{
    char f[512];
    size_t fl = rc_fold_key(s, n, f, sizeof f), o = 0;
    size_t i = 0;
    if (cap == 0)
        return 0;
    while (i < fl) {
        while (i < fl && (f[i] == ' ' || f[i] == '-' || f[i] == '\'' || f[i] == '.'))
            i++;
        size_t ws = i;
        while (i < fl && !(f[i] == ' ' || f[i] == '-' || f[i] == '\'' || f[i] == '.'))
            i++;
        if (i > ws)
            word_key(f + ws, i - ws, out, cap, &o);
    }
    out[o] = 0;
    return o;
}
