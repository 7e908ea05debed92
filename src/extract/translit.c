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
        if (c == 't' && nx == 'c' && nx2 == 'h') { r = 'c'; out[(*o)++] = r; r = 'h'; i += 2; }
        else if (c == 's' && nx == 'c' && nx2 == 'h') { r = 'c'; out[(*o)++] = r; r = 'h'; i += 2; }
        else if (c == 's' && nx == 'h') { out[(*o)++] = 'c'; r = 'h'; i++; }
        else if (c == 'c' && nx == 'h') { out[(*o)++] = 'c'; r = 'h'; i++; }
        else if ((c == 'z' && nx == 'h') || (c == 'd' && nx == 'j')) { r = 'j'; i++; }
        else if (c == 'k' && nx == 'h') { r = 'h'; i++; }
        else if (c == 'p' && nx == 'h') { r = 'f'; i++; }
        else if (c == 't' && nx == 'h') { r = 't'; i++; }
        else if (c == 'o' && (nx == 'u' || nx == 'o')) { r = 'u'; i++; }
        else if (c == 'g' && nx == 'u' && (nx2 == 'e' || nx2 == 'i')) { r = 'g'; i++; }
        else if (c == 'q' && nx == 'u') { r = 'k'; i++; }
        else if (c == 'c' && nx == 'k') { r = 'k'; i++; }
        else if (c == 'q') r = 'k';
        else if (c == 'c') r = (nx == 'e' || nx == 'i' || nx == 'y') ? 's' : 'k';
        else if (c == 'y') r = 'i';
        else if (c == 'w') r = 'v';
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
