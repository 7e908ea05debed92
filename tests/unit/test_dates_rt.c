/*
 * test_dates_rt.c - rc_extract_dates against the public Recognizers-Text
 * date vectors (../shared/data/recognizers-text/DateTime-{French,English}-
 * DateTimeModel.json; skipped when absent).
 *
 * Each case that gives a Context.ReferenceDateTime is run as one document:
 * Input as the text, the language of the file, the reference date as the
 * publication date. Cases without one are skipped: their expected values
 * were computed against reference dates the file does not record.
 *
 * In scope (per expected result):
 *   - TypeName "datetimeV2.date" (single days: "le 17 juin", "hier",
 *     "mardi dernier"); passed when an extracted date overlaps the expected
 *     span and its value equals one of the resolved "value"s or the "timex"
 *     (partial dates "XXXX-10-02" are resolved by us to one year, the
 *     vectors list the past and the future candidate);
 *   - TypeName "datetimeV2.daterange" whose timex is a year ("2016"), a
 *     month ("2016-11", "XXXX-06") or an ISO week ("2016-W45"): the
 *     granularities the extractor emits; passed when an overlapping
 *     extracted date has that timex as value (for "XXXX-06", the month of
 *     one of the candidate starts the vectors list).
 * Times, durations, sets, date-times and other ranges ("les deux
 * premières semaines", "du 4 au 22") are out of scope: the contract gives
 * one date per expression.
 *
 * The pass rates reached when this test was written are recorded below;
 * the test fails when a rate drops more than two points under them.
 */
#include "test.h"
#include "doc/doc.h"
#include "extract/dates.h"
#include "extract/facts.h"
#include "text/textmodel.h"
#include <jansson.h>
#include <string.h>

#define FR_RECORDED 0.464
#define EN_RECORDED 0.440
#define MARGIN 0.02

/* Byte offset of character index ci in UTF-8 s (len n). */
static size_t byte_of_char(const char *s, size_t n, size_t ci)
{
    size_t b = 0, c = 0;
    while (b < n && c < ci) {
        b++;
        while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80)
            b++;
        c++;
    }
    return b;
}

/* 1 when timex is "YYYY", "YYYY-MM", "XXXX-MM" or "YYYY-Www". */
static int range_in_scope(const char *t)
{
    size_t n = strlen(t);
    if (n == 4)
        return strspn(t, "0123456789") == 4;
    if (n == 7 && t[4] == '-')
        return (strspn(t, "0123456789") == 4 || memcmp(t, "XXXX", 4) == 0) &&
               strspn(t + 5, "0123456789") == 2;
    if (n == 8 && t[4] == '-' && t[5] == 'W')
        return strspn(t, "0123456789") == 4 && strspn(t + 6, "0123456789") == 2;
    return 0;
}

/* Run one vector file; stores in-scope and passed counts. Returns 0 when
 * the file cannot be read. */
static int run_file(const char *path, const char *lang, int *scope, int *pass, int verbose)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)len, fp);
    fclose(fp);
    size_t off = got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_error_t err;
    json_t *root = json_loadb(buf + off, got - off, 0, &err);
    free(buf);
    assert_non_null(root);
    *scope = *pass = 0;
    size_t ci;
    json_t *c;
    json_array_foreach(root, ci, c) {
        const char *input = json_string_value(json_object_get(c, "Input"));
        json_t *results = json_object_get(c, "Results");
        if (!input || !json_is_array(results))
            continue;
        const char *ref = json_string_value(
            json_object_get(json_object_get(c, "Context"), "ReferenceDateTime"));
        if (!ref || strlen(ref) < 10)
            continue;   /* values of cases without a reference date were made
                           against dates the file does not give */
        char pub[11];
        memcpy(pub, ref, 10);
        pub[10] = '\0';

        rc_doc *d = rc_doc_new();
        rc_doc_set(d, &d->text, input);
        d->text_len = strlen(input);
        rc_doc_set(d, &d->lang, lang);
        rc_doc_set(d, &d->published, pub);
        rc_textmodel_build(d);
        rc_facts *f = rc_facts_new(d);
        assert_int_equal(rc_extract_dates(d, f), 0);

        size_t ri;
        json_t *r;
        json_array_foreach(results, ri, r) {
            const char *type = json_string_value(json_object_get(r, "TypeName"));
            json_t *values = json_object_get(json_object_get(r, "Resolution"), "values");
            json_t *v0 = json_array_get(values, 0);
            const char *timex = json_string_value(json_object_get(v0, "timex"));
            if (!type || !timex)
                continue;
            int is_date = strcmp(type, "datetimeV2.date") == 0;
            int is_range = strcmp(type, "datetimeV2.daterange") == 0 && range_in_scope(timex);
            if (!is_date && !is_range)
                continue;
            size_t s = byte_of_char(input, d->text_len, (size_t)json_integer_value(json_object_get(r, "Start")));
            size_t e = byte_of_char(input, d->text_len, (size_t)json_integer_value(json_object_get(r, "End")) + 1);
            (*scope)++;
            int ok = 0;
            for (size_t k = 0; k < f->ndates && !ok; k++) {
                const rc_date *dt = &f->dates[k];
                if (dt->end <= s || dt->start >= e)
                    continue;
                if (strcmp(dt->value, timex) == 0)
                    ok = 1;
                /* "XXXX-05-09": one year near the reference (the vectors
                 * list the past and the future candidate; with "before" or
                 * "after" their starts shift, the month does not) */
                int ry = (pub[0] - '0') * 1000 + (pub[1] - '0') * 100 + (pub[2] - '0') * 10 + (pub[3] - '0');
                if (memcmp(timex, "XXXX", 4) == 0 && strlen(dt->value) == strlen(timex) &&
                    strcmp(dt->value + 4, timex + 4) == 0 && !strchr(timex + 4, 'X')) {
                    int vy = (dt->value[0] - '0') * 1000 + (dt->value[1] - '0') * 100 +
                             (dt->value[2] - '0') * 10 + (dt->value[3] - '0');
                    if (vy >= ry - 1 && vy <= ry + 1)
                        ok = 1;
                }
                size_t vi;
                json_t *v;
                json_array_foreach(values, vi, v) {
                    const char *val = json_string_value(json_object_get(v, "value"));
                    const char *st = json_string_value(json_object_get(v, "start"));
                    size_t vl = strlen(dt->value);
                    if (is_date && val && strcmp(dt->value, val) == 0)
                        ok = 1;
                    /* "XXXX-05": the candidates' starts ("2016-05-01") */
                    if (is_range && st && vl == strlen(timex) && strncmp(st, dt->value, vl) == 0 &&
                        strchr(timex, 'X'))
                        ok = 1;
                }
            }
            *pass += ok;
            if (!ok && verbose) {
                fprintf(stderr, "miss [%s] %s: want %s got", pub, input, timex);
                for (size_t k = 0; k < f->ndates; k++)
                    fprintf(stderr, " [%.*s]=%s", (int)(f->dates[k].end - f->dates[k].start),
                            d->text + f->dates[k].start, f->dates[k].value);
                fprintf(stderr, "\n");
            }
        }
        rc_doc_free(d);
    }
    json_decref(root);
    return 1;
}

/* One language: run, print the rate, compare with the recorded figure. */
static void check_lang(const char *file, const char *lang, double recorded)
{
    const char *dir = rc_test_shared_dir();
    if (!dir)
        skip();
    char path[1024];
    snprintf(path, sizeof path, "%s/data/recognizers-text/%s", dir, file);
    int scope = 0, pass = 0;
    const char *vb = getenv("RC_DATES_RT_VERBOSE");
    if (!run_file(path, lang, &scope, &pass, vb && *vb)) {
        fprintf(stderr, "note: %s not found; skipped\n", path);
        skip();
    }
    double rate = scope ? (double)pass / scope : 0.0;
    printf("recognizers-text %s: %d/%d in-scope date results (%.1f%%), recorded %.1f%%\n", lang,
           pass, scope, 100.0 * rate, 100.0 * recorded);
    assert_true(scope > 40);
    assert_true(rate >= recorded - MARGIN);
}

/* French vectors. */
static void test_rt_french(void **state)
{
    (void)state;
    check_lang("DateTime-French-DateTimeModel.json", "fr", FR_RECORDED);
}

/* English vectors. */
static void test_rt_english(void **state)
{
    (void)state;
    check_lang("DateTime-English-DateTimeModel.json", "en", EN_RECORDED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rt_french),
        cmocka_unit_test(test_rt_english),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
