/*
 * stopwords_data.h - private: the compiled stopword tables that
 * scripts/gen-stopwords.pl generates (build/gen/stopwords_data.c).
 *
 * List i holds count words, case-folded NFC UTF-8, sorted in strcmp order:
 * word k is the NUL-terminated string at pool + off[k], and off[count] is
 * the pool size, so word k has off[k+1] - off[k] - 1 bytes. Words whose
 * first byte is b are the indexes first[b] .. first[b+1]-1; no word is
 * longer than maxlen bytes.
 */
#ifndef RC_STOPWORDS_DATA_H
#define RC_STOPWORDS_DATA_H
#include <stddef.h>
#include <stdint.h>

typedef struct rc_sw_list {
    char lang[3];            /* ISO 639-1 code */
    uint8_t maxlen;          /* bytes of the longest word */
    uint16_t count;          /* number of words */
    const char *pool;        /* words, each NUL-terminated, sorted */
    const uint16_t *off;     /* count + 1 offsets into pool */
    const uint16_t *first;   /* 257 entries: first-byte index */
} rc_sw_list;

extern const rc_sw_list rc_sw_lists[];
extern const size_t rc_sw_nlists;

#endif
