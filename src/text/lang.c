/*
 * lang.c - language identification with libexttextcat's n-gram models.
 *
 * Rather than writing a restricted fpdb.conf to a temporary file for
 * special_textcat_Init(), this uses libexttextcat's fingerprint API
 * directly: each candidate model (.lm) is loaded with fp_Read() under its
 * ISO 639-1 code, the sample gets a fingerprint with fp_Create(), and the
 * models are ranked with fp_Compare() (Cavnar-Trenkle out-of-place
 * distance), exactly as textcat_Classify() does, with the same "too many
 * close candidates means unknown" rule. No files are written.
 *
 * Candidates: the languages of the table below that libstemmer's
 * sb_stemmer_list() offers and whose model file exists. Model names in
 * the stock fpdb.conf ("fr--utf8", "sh--utf8" for sr-Latn, ...) map to the
 * ISO codes of the table.
 */
#include "text/lang.h"
#include "text/utf8.h"
#include <libexttextcat/fingerprint.h>
#include <libstemmer.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MODEL_DIR "/usr/share/libexttextcat/"
#define SAMPLE_MAX 1024      /* bytes of text classified (textcat: "a few
                              * hundred bytes will suffice") */
#define MIN_LETTERS 40       /* fewer letters than this: unknown */
#define MAX_NGRAMS 400       /* as textcat (constants.h MAXNGRAMS) */
#define THRESHOLD 1.03       /* as textcat (constants.h THRESHOLDVALUE) */
#define MAX_CLOSE 5          /* as textcat (constants.h MAXCANDIDATES) */

/* Writing systems, to skip models that cannot match the sample. */
enum { SC_LATIN, SC_CYRILLIC, SC_GREEK, SC_ARABIC, SC_HEBREW, SC_ARMENIAN,
       SC_DEVANAGARI, SC_TAMIL, SC_OTHER };

/* Snowball algorithm name, ISO 639-1 code, model file (from fpdb.conf),
 * script of the model. */
static const struct {
    const char *snowball, *iso, *model;
    int script;
} LANGS[] = {
    /* most likely first: raises the pruning threshold early */
    {"french", "fr", "fr.lm", SC_LATIN},       {"english", "en", "en.lm", SC_LATIN},
    {"german", "de", "de.lm", SC_LATIN},       {"spanish", "es", "es.lm", SC_LATIN},
    {"italian", "it", "it.lm", SC_LATIN},      {"portuguese", "pt", "pt.lm", SC_LATIN},
    {"dutch", "nl", "nl.lm", SC_LATIN},        {"russian", "ru", "ru.lm", SC_CYRILLIC},
    {"arabic", "ar", "ar.lm", SC_ARABIC},      {"armenian", "hy", "hy.lm", SC_ARMENIAN},
    {"basque", "eu", "eu.lm", SC_LATIN},       {"catalan", "ca", "ca.lm", SC_LATIN},
    {"danish", "da", "da.lm", SC_LATIN},       {"finnish", "fi", "fi.lm", SC_LATIN},
    {"greek", "el", "el.lm", SC_GREEK},        {"hindi", "hi", "hi.lm", SC_DEVANAGARI},
    {"hungarian", "hu", "hu.lm", SC_LATIN},    {"indonesian", "id", "id.lm", SC_LATIN},
    {"irish", "ga", "ga.lm", SC_LATIN},        {"lithuanian", "lt", "lt.lm", SC_LATIN},
    {"nepali", "ne", "ne.lm", SC_DEVANAGARI},  {"norwegian", "no", "nb.lm", SC_LATIN},
    {"romanian", "ro", "ro.lm", SC_LATIN},     {"serbian", "sr", "sr-Cyrl.lm", SC_CYRILLIC},
    {"serbian", "sr", "sr-Latn.lm", SC_LATIN}, {"swedish", "sv", "sv.lm", SC_LATIN},
    {"tamil", "ta", "ta.lm", SC_TAMIL},        {"turkish", "tr", "tr.lm", SC_LATIN},
    {"yiddish", "yi", "yi.lm", SC_HEBREW},
};
#define NLANGS (sizeof LANGS / sizeof LANGS[0])

static void *g_fp[NLANGS];        /* loaded fingerprints, NULL if absent */
static const char *g_iso[NLANGS]; /* their ISO codes */
static int g_script[NLANGS];      /* their scripts */
static size_t g_n;
static int g_state;               /* 0 untried, 1 ready, -1 failed */

/* 1 when libstemmer lists algorithm name. */
static int snowball_has(const char *name)
{
    for (const char **l = sb_stemmer_list(); l && *l; l++)
        if (strcmp(*l, name) == 0)
            return 1;
    return 0;
}

/* Load the candidate models once; g_state tells whether any loaded. */
static void init(void)
{
    if (g_state)
        return;
    g_state = -1;
    const char *dir = getenv("RECOUPE_TEXTCAT_DIR");
    if (!dir || !*dir)
        dir = MODEL_DIR;
    for (size_t i = 0; i < NLANGS; i++) {
        if (!snowball_has(LANGS[i].snowball))
            continue;
        char path[PATH_MAX];
        int w = snprintf(path, sizeof path, "%s%s%s", dir,
                         dir[strlen(dir) - 1] == '/' ? "" : "/", LANGS[i].model);
        if (w < 0 || (size_t)w >= sizeof path || access(path, R_OK) != 0)
            continue;
        void *fp = fp_Init(LANGS[i].iso);
        if (!fp)
            continue;
        if (fp_Read(fp, path, MAX_NGRAMS) == 0) {
            fp_Done(fp);
            continue;
        }
        g_fp[g_n] = fp;
        g_iso[g_n] = LANGS[i].iso;
        g_script[g_n] = LANGS[i].script;
        g_n++;
    }
    if (g_n)
        g_state = 1;
}

/* Script of a letter code point (the ranges the candidates use). */
static int script_of(int32_t cp)
{
    if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00))
        return SC_LATIN;
    if (cp >= 0x370 && cp < 0x400)
        return SC_GREEK;
    if (cp >= 0x400 && cp < 0x530)
        return SC_CYRILLIC;
    if (cp >= 0x530 && cp < 0x590)
        return SC_ARMENIAN;
    if (cp >= 0x590 && cp < 0x600)
        return SC_HEBREW;
    if (cp >= 0x600 && cp < 0x780)
        return SC_ARABIC;
    if (cp >= 0x900 && cp < 0x980)
        return SC_DEVANAGARI;
    if (cp >= 0xB80 && cp < 0xC00)
        return SC_TAMIL;
    return SC_OTHER;
}

/* Copy up to SAMPLE_MAX bytes of text[n] into buf (NUL-terminated, cut at a
 * UTF-8 character boundary and at the first NUL, since fingerprinting reads
 * to a NUL). Counts the letters in *letters and returns the dominant script
 * in *script. Returns the sample length. */
static size_t take_sample(const char *text, size_t n, char *buf, size_t *letters,
                          int *script)
{
    size_t m = n < SAMPLE_MAX ? n : SAMPLE_MAX;
    const char *nul = memchr(text, '\0', m);
    if (nul)
        m = (size_t)(nul - text);
    if (m < n)                        /* do not split a character */
        while (m > 0 && ((unsigned char)text[m] & 0xC0) == 0x80)
            m--;
    memcpy(buf, text, m);
    buf[m] = '\0';
    size_t count[SC_OTHER + 1] = {0};
    for (size_t i = 0; i < m;) {
        int32_t cp;
        i += rc_utf8_decode(buf, m, i, &cp);
        if (rc_uc_is_letter(cp))
            count[script_of(cp)]++;
    }
    size_t k = 0;
    int best = SC_LATIN;
    for (int s = 0; s <= SC_OTHER; s++) {
        k += count[s];
        if (count[s] > count[best])
            best = s;
    }
    *letters = k;
    *script = best;
    return m;
}

/* ISO 639-1 code of the language of text[n] (first 4 KB), or NULL when
 * the sample has too few letters, no model is available, or more than
 * MAX_CLOSE candidates score within 3% of the best. */
const char *rc_lang_detect(const char *text, size_t n)
{
    if (!text || n == 0)
        return NULL;
    init();
    if (g_state != 1)
        return NULL;
    char buf[SAMPLE_MAX + 1];
    size_t letters;
    int script;
    size_t m = take_sample(text, n, buf, &letters, &script);
    if (letters < MIN_LETTERS || script == SC_OTHER)
        return NULL;
    void *unknown = fp_Init(NULL);
    if (!unknown)
        return NULL;
    if (fp_Create(unknown, buf, (unsigned)m, MAX_NGRAMS) == 0) {
        fp_Done(unknown);
        return NULL;
    }
    int scores[NLANGS];
    int best = INT_MAX, threshold = INT_MAX;
    size_t besti = 0;
    for (size_t i = 0; i < g_n; i++) {
        if (g_script[i] != script) {
            scores[i] = INT_MAX;
            continue;
        }
        scores[i] = fp_Compare(g_fp[i], unknown, threshold);
        if (scores[i] < best) {
            best = scores[i];
            besti = i;
            threshold = (int)((double)best * THRESHOLD);
        }
    }
    fp_Done(unknown);
    if (best == INT_MAX)
        return NULL;
    size_t close = 0;
    for (size_t i = 0; i < g_n; i++)
        if (scores[i] < threshold)
            close++;
    return close > MAX_CLOSE ? NULL : g_iso[besti];
}

/* Release the loaded models; a later rc_lang_detect() loads them again. */
void rc_lang_cleanup(void)
{
    for (size_t i = 0; i < g_n; i++)
        fp_Done(g_fp[i]);
    memset(g_fp, 0, sizeof g_fp);
    g_n = 0;
    g_state = 0;
}
