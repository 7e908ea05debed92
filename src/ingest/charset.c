/*
 * charset.c - web page bytes in some character set -> UTF-8 (see charset.h).
 *
 * Decisions beyond charset.h:
 *  - UTF-8 and windows-1252 are converted here (windows-1252 as WHATWG
 *    defines it: 0x81, 0x8D, 0x8F, 0x90, 0x9D map to the C1 controls, where
 *    glibc's CP1252 refuses them); everything else goes through iconv.
 *  - Invalid sequences become U+FFFD: for UTF-8 one per maximal invalid
 *    subpart (Unicode's recommended practice), for iconv one per byte it
 *    refuses (two for UTF-16), one for a sequence cut at the end.
 *  - WHATWG mappings used where glibc differs: shift_jis -> CP932,
 *    euc-kr -> CP949, gbk/gb2312 -> GB18030, big5 -> BIG5-HKSCS,
 *    iso-8859-9/latin5 -> windows-1254, tis-620/iso-8859-11 -> windows-874.
 *  - A <meta> naming a UTF-16 label means UTF-8 (a page that could declare
 *    it in ASCII is not UTF-16).
 */
#include "ingest/charset.h"
#include "util/rc.h"
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define RC_META_SCAN 4096

typedef struct label_map {
    const char *label;
    const char *name;
} label_map;

/* WHATWG labels (lower case) -> encoding name. */
static const label_map labels[] = {
    {"unicode-1-1-utf-8", "utf-8"}, {"unicode11utf8", "utf-8"}, {"unicode20utf8", "utf-8"},
    {"utf-8", "utf-8"}, {"utf8", "utf-8"}, {"x-unicode20utf8", "utf-8"},
    {"ansi_x3.4-1968", "windows-1252"}, {"ascii", "windows-1252"},
    {"cp1252", "windows-1252"}, {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"},
    {"ibm819", "windows-1252"}, {"iso-8859-1", "windows-1252"},
    {"iso-ir-100", "windows-1252"}, {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"}, {"l1", "windows-1252"}, {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"windows-1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"csisolatin2", "iso-8859-2"}, {"iso-ir-101", "iso-8859-2"}, {"l2", "iso-8859-2"},
    {"latin2", "iso-8859-2"}, {"iso_8859-2:1987", "iso-8859-2"},
    {"csisolatin3", "iso-8859-3"}, {"iso-ir-109", "iso-8859-3"}, {"l3", "iso-8859-3"},
    {"latin3", "iso-8859-3"}, {"iso_8859-3:1988", "iso-8859-3"},
    {"csisolatin4", "iso-8859-4"}, {"iso-ir-110", "iso-8859-4"}, {"l4", "iso-8859-4"},
    {"latin4", "iso-8859-4"}, {"iso_8859-4:1988", "iso-8859-4"},
    {"csisolatincyrillic", "iso-8859-5"}, {"cyrillic", "iso-8859-5"},
    {"iso-ir-144", "iso-8859-5"}, {"iso_8859-5:1988", "iso-8859-5"},
    {"arabic", "iso-8859-6"}, {"asmo-708", "iso-8859-6"}, {"csiso88596e", "iso-8859-6"},
    {"csiso88596i", "iso-8859-6"}, {"csisolatinarabic", "iso-8859-6"},
    {"ecma-114", "iso-8859-6"}, {"iso-8859-6-e", "iso-8859-6"},
    {"iso-8859-6-i", "iso-8859-6"}, {"iso-ir-127", "iso-8859-6"},
    {"iso_8859-6:1987", "iso-8859-6"},
    {"csisolatingreek", "iso-8859-7"}, {"ecma-118", "iso-8859-7"}, {"elot_928", "iso-8859-7"},
    {"greek", "iso-8859-7"}, {"greek8", "iso-8859-7"}, {"iso-ir-126", "iso-8859-7"},
    {"iso_8859-7:1987", "iso-8859-7"}, {"sun_eu_greek", "iso-8859-7"},
    {"csiso88598e", "iso-8859-8"}, {"csisolatinhebrew", "iso-8859-8"},
    {"hebrew", "iso-8859-8"}, {"iso-8859-8-e", "iso-8859-8"}, {"iso-ir-138", "iso-8859-8"},
    {"iso_8859-8:1988", "iso-8859-8"}, {"visual", "iso-8859-8"},
    {"csiso88598i", "iso-8859-8"}, {"iso-8859-8-i", "iso-8859-8"}, {"logical", "iso-8859-8"},
    {"csisolatin6", "iso-8859-10"}, {"iso-ir-157", "iso-8859-10"}, {"l6", "iso-8859-10"},
    {"latin6", "iso-8859-10"},
    {"l9", "iso-8859-15"}, {"latin9", "iso-8859-15"}, {"csisolatin9", "iso-8859-15"},
    {"iso_8859-15", "iso-8859-15"},
    {"csisolatin5", "windows-1254"}, {"iso-ir-148", "windows-1254"}, {"l5", "windows-1254"},
    {"latin5", "windows-1254"}, {"iso_8859-9:1989", "windows-1254"},
    {"dos-874", "windows-874"}, {"tis-620", "windows-874"},
    {"cskoi8r", "koi8-r"}, {"koi", "koi8-r"}, {"koi8", "koi8-r"}, {"koi8-r", "koi8-r"},
    {"koi8_r", "koi8-r"}, {"koi8-ru", "koi8-u"}, {"koi8-u", "koi8-u"},
    {"csshiftjis", "shift_jis"}, {"ms932", "shift_jis"}, {"ms_kanji", "shift_jis"},
    {"shift-jis", "shift_jis"}, {"shift_jis", "shift_jis"}, {"sjis", "shift_jis"},
    {"windows-31j", "shift_jis"}, {"x-sjis", "shift_jis"},
    {"cseucpkdfmtjapanese", "euc-jp"}, {"euc-jp", "euc-jp"}, {"x-euc-jp", "euc-jp"},
    {"cseuckr", "euc-kr"}, {"csksc56011987", "euc-kr"}, {"euc-kr", "euc-kr"},
    {"iso-ir-149", "euc-kr"}, {"korean", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"},
    {"ks_c_5601-1989", "euc-kr"}, {"ksc5601", "euc-kr"}, {"ksc_5601", "euc-kr"},
    {"windows-949", "euc-kr"},
    {"chinese", "gbk"}, {"csgb2312", "gbk"}, {"csiso58gb231280", "gbk"}, {"gb2312", "gbk"},
    {"gb_2312", "gbk"}, {"gb_2312-80", "gbk"}, {"gbk", "gbk"}, {"iso-ir-58", "gbk"},
    {"x-gbk", "gbk"}, {"gb18030", "gb18030"},
    {"big5", "big5"}, {"big5-hkscs", "big5"}, {"cn-big5", "big5"}, {"csbig5", "big5"},
    {"x-x-big5", "big5"},
    {"csunicode", "utf-16le"}, {"iso-10646-ucs-2", "utf-16le"}, {"ucs-2", "utf-16le"},
    {"unicode", "utf-16le"}, {"unicodefeff", "utf-16le"}, {"utf-16", "utf-16le"},
    {"utf-16le", "utf-16le"}, {"unicodefffe", "utf-16be"}, {"utf-16be", "utf-16be"},
};

/* Encoding names handled through iconv, with glibc's name for each. */
static const label_map iconv_names[] = {
    {"iso-8859-2", "ISO-8859-2"}, {"iso-8859-3", "ISO-8859-3"}, {"iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "ISO-8859-5"}, {"iso-8859-6", "ISO-8859-6"}, {"iso-8859-7", "ISO-8859-7"},
    {"iso-8859-8", "ISO-8859-8"}, {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"}, {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "ISO-8859-15"}, {"iso-8859-16", "ISO-8859-16"},
    {"windows-874", "CP874"}, {"windows-1250", "CP1250"}, {"windows-1251", "CP1251"},
    {"windows-1253", "CP1253"}, {"windows-1254", "CP1254"}, {"windows-1255", "CP1255"},
    {"windows-1256", "CP1256"}, {"windows-1257", "CP1257"}, {"windows-1258", "CP1258"},
    {"koi8-r", "KOI8-R"}, {"koi8-u", "KOI8-U"}, {"shift_jis", "CP932"},
    {"euc-jp", "EUC-JP"}, {"euc-kr", "CP949"}, {"gbk", "GB18030"}, {"gb18030", "GB18030"},
    {"big5", "BIG5-HKSCS"}, {"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
};

/* Does s[n] equal the lower-case ASCII string lit, ignoring case? */
static int eq_nocase(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    return n == m && strncasecmp(s, lit, n) == 0;
}

/* Resolve a label (see charset.h). */
const char *rc_charset_resolve(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > 40)
        return NULL;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (eq_nocase(s, n, labels[i].label))
            return labels[i].name;
    /* systematic families: iso-8859-N, iso8859-N, iso8859N, iso_8859-N,
     * windows-125N, cp125N, x-cp125N */
    char low[48];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = '\0';
    const char *num = NULL;
    static const char *const iso_pre[] = {"iso-8859-", "iso8859-", "iso_8859-", "iso8859"};
    for (size_t i = 0; i < 4 && !num; i++)
        if (strncmp(low, iso_pre[i], strlen(iso_pre[i])) == 0)
            num = low + strlen(iso_pre[i]);
    if (num) {
        static const char *const iso[] = {"2", "3", "4", "5", "6", "7", "8", "10",
                                          "13", "14", "15", "16"};
        static const char *const iso_name[] = {
            "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
            "iso-8859-7", "iso-8859-8", "iso-8859-10", "iso-8859-13", "iso-8859-14",
            "iso-8859-15", "iso-8859-16"};
        for (size_t i = 0; i < sizeof iso / sizeof iso[0]; i++)
            if (strcmp(num, iso[i]) == 0)
                return iso_name[i];
        if (strcmp(num, "1") == 0)
            return "windows-1252";
        if (strcmp(num, "9") == 0)
            return "windows-1254";
        if (strcmp(num, "11") == 0)
            return "windows-874";
        return NULL;
    }
    static const char *const win_pre[] = {"windows-", "x-cp", "cp"};
    for (size_t i = 0; i < 3; i++) {
        size_t pl = strlen(win_pre[i]);
        if (strncmp(low, win_pre[i], pl) == 0 && strlen(low + pl) == 4 &&
            strncmp(low + pl, "125", 3) == 0 && low[pl + 3] >= '0' && low[pl + 3] <= '8') {
            static const char *const win[] = {"windows-1250", "windows-1251", "windows-1252",
                                              "windows-1253", "windows-1254", "windows-1255",
                                              "windows-1256", "windows-1257", "windows-1258"};
            return win[low[pl + 3] - '0'];
        }
    }
    if (strcmp(low, "windows-874") == 0)
        return "windows-874";
    return NULL;
}

/* Case-insensitive search for lower-case ASCII needle in h[n]; offset or n. */
static size_t find_nocase(const char *h, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m > n)
        return n;
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && tolower((unsigned char)h[i + k]) == needle[k])
            k++;
        if (k == m)
            return i;
    }
    return n;
}

/* Sniff a <meta> charset declaration (see charset.h). */
const char *rc_charset_sniff_meta(const char *html, size_t n)
{
    if (n > RC_META_SCAN)
        n = RC_META_SCAN;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(html + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - html);
        if (n - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
            size_t e = find_nocase(html + i + 4, n - i - 4, "-->");
            i += 4 + e + 3;
            continue;
        }
        if (n - i < 6 || strncasecmp(html + i, "<meta", 5) != 0 ||
            !(isspace((unsigned char)html[i + 5]) || html[i + 5] == '/')) {
            i++;
            continue;
        }
        size_t s = i + 5;
        const char *gt = memchr(html + s, '>', n - s);
        size_t e = gt ? (size_t)(gt - html) : n;
        size_t j = s;
        while (j < e) {
            size_t k = find_nocase(html + j, e - j, "charset");
            if (k == e - j)
                break;
            j += k + 7;
            size_t q = j;
            while (q < e && isspace((unsigned char)html[q]))
                q++;
            if (q >= e || html[q] != '=')
                continue;
            q++;
            while (q < e && isspace((unsigned char)html[q]))
                q++;
            if (q < e && (html[q] == '"' || html[q] == '\''))
                q++;
            size_t ls = q;
            while (q < e && html[q] != '"' && html[q] != '\'' && html[q] != ';' &&
                   !isspace((unsigned char)html[q]) && html[q] != '/')
                q++;
            const char *name = rc_charset_resolve(html + ls, q - ls);
            if (name) {
                if (strncmp(name, "utf-16", 6) == 0)
                    return "utf-8";
                return name;
            }
        }
        i = e;
    }
    return NULL;
}

/* Length of the valid UTF-8 sequence at b[0..n) (1..4), or 0 when invalid;
 * *sub receives the length of the maximal invalid subpart (>= 1) then. */
static size_t utf8_seq(const unsigned char *b, size_t n, size_t *sub)
{
    unsigned c = b[0];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *sub = 1;
        return 0;
    }
    for (size_t k = 1; k < len; k++) {
        unsigned lo_k = k == 1 ? lo : 0x80, hi_k = k == 1 ? hi : 0xBF;
        if (k >= n || b[k] < lo_k || b[k] > hi_k) {
            *sub = k;
            return 0;
        }
    }
    return len;
}

/* Is b[n] entirely valid UTF-8? */
static int valid_utf8(const unsigned char *b, size_t n)
{
    size_t i = 0, sub;
    while (i < n) {
        if (b[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = utf8_seq(b + i, n - i, &sub);
        if (!l)
            return 0;
        i += l;
    }
    return 1;
}

static const char fffd[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* Append code point cp (< 0x10000) as UTF-8. */
static int put_cp(rc_buf *out, unsigned cp)
{
    char u[3];
    if (cp < 0x80) {
        u[0] = (char)cp;
        return rc_buf_append(out, u, 1);
    }
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        return rc_buf_append(out, u, 2);
    }
    u[0] = (char)(0xE0 | cp >> 12);
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    return rc_buf_append(out, u, 3);
}

/* UTF-8 in[n] -> out, invalid subparts replaced and counted. */
static int from_utf8(const unsigned char *b, size_t n, rc_buf *out, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        size_t run = i, sub = 0, l = 0;
        while (run < n && (b[run] < 0x80 || (l = utf8_seq(b + run, n - run, &sub)) != 0))
            run += b[run] < 0x80 ? 1 : l;
        if (run > i && rc_buf_append(out, b + i, run - i) != RC_OK)
            return RC_TOOBIG;
        if (run >= n)
            break;
        if (rc_buf_append(out, fffd, 3) != RC_OK)
            return RC_TOOBIG;
        (*bad)++;
        i = run + sub;
    }
    return RC_OK;
}

/* windows-1252 bytes 0x80..0x9F as WHATWG maps them. */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/* windows-1252 in[n] -> out (every byte maps to something). */
static int from_1252(const unsigned char *b, size_t n, rc_buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && b[run] < 0x80)
            run++;
        if (run > i && rc_buf_append(out, b + i, run - i) != RC_OK)
            return RC_TOOBIG;
        if (run >= n)
            break;
        unsigned c = b[run];
        if (put_cp(out, c < 0xA0 ? cp1252_c1[c - 0x80] : c) != RC_OK)
            return RC_TOOBIG;
        i = run + 1;
    }
    return RC_OK;
}

/* in[n] in glibc encoding ic -> out through iconv; unit is the byte step
 * after a refused sequence. RC_OK, RC_TOOBIG, or RC_UNSUPPORTED when iconv
 * does not know ic. */
static int from_iconv(const char *ic, size_t unit, const char *in, size_t n, rc_buf *out,
                      size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", ic);
    if (cd == (iconv_t)-1)
        return RC_UNSUPPORTED;
    char *ip = (char *)(uintptr_t)in;
    size_t il = n;
    char obuf[8192];
    int rc = RC_OK;
    while (il > 0 && rc == RC_OK) {
        char *op = obuf;
        size_t ol = sizeof obuf;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        int e = errno;
        if (op > obuf && rc_buf_append(out, obuf, (size_t)(op - obuf)) != RC_OK) {
            rc = RC_TOOBIG;
            break;
        }
        if (r != (size_t)-1)
            break;
        if (e == E2BIG)
            continue;
        if (rc_buf_append(out, fffd, 3) != RC_OK) {
            rc = RC_TOOBIG;
            break;
        }
        (*bad)++;
        if (e == EILSEQ) {
            size_t step = unit < il ? unit : il;
            ip += step;
            il -= step;
            iconv(cd, NULL, NULL, NULL, NULL);
        } else {
            break; /* EINVAL: incomplete sequence at the end */
        }
    }
    if (rc == RC_OK) {
        char *op = obuf;
        size_t ol = sizeof obuf;
        iconv(cd, NULL, NULL, &op, &ol);
        if (op > obuf && rc_buf_append(out, obuf, (size_t)(op - obuf)) != RC_OK)
            rc = RC_TOOBIG;
    }
    iconv_close(cd);
    return rc;
}

/* Convert to UTF-8 (see charset.h). */
int rc_charset_to_utf8(const char *in, size_t n, const char *http_charset, rc_buf *out,
                       const char **used, size_t *bad)
{
    const unsigned char *b = (const unsigned char *)in;
    const char *name = NULL;
    size_t skip = 0;
    *bad = 0;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        name = "utf-8";
        skip = 3;
    } else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        name = "utf-16le";
        skip = 2;
    } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        name = "utf-16be";
        skip = 2;
    }
    if (!name && http_charset)
        name = rc_charset_resolve(http_charset, strlen(http_charset));
    if (!name)
        name = rc_charset_sniff_meta(in, n);
    if (!name)
        name = valid_utf8(b, n) ? "utf-8" : "windows-1252";
    b += skip;
    n -= skip;
    *used = name;
    if (strcmp(name, "utf-8") == 0)
        return from_utf8(b, n, out, bad);
    if (strcmp(name, "windows-1252") == 0)
        return from_1252(b, n, out);
    for (size_t i = 0; i < sizeof iconv_names / sizeof iconv_names[0]; i++) {
        if (strcmp(iconv_names[i].label, name) != 0)
            continue;
        size_t unit = strncmp(name, "utf-16", 6) == 0 ? 2 : 1;
        int rc = from_iconv(iconv_names[i].name, unit, (const char *)b, n, out, bad);
        if (rc != RC_UNSUPPORTED)
            return rc;
        break;
    }
    /* iconv lacks it (should not happen with glibc): best effort */
    *used = "windows-1252";
    return from_1252(b, n, out);
}
