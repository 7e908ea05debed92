/*
 * bench-frames.c - the codec of the json report's temporary frames
 * (src/pipeline/store_report.c) on a real report: its bytes (the
 * records the workers write, ",\n    " and an element, one after the
 * other, in output order rather than part by part), grouped into frames the way job_pack groups them (a frame ends once it
 * holds at least FRAME bytes), compressed then decompressed with zstd
 * (a negative level; a context made per frame as ZSTD_compress does, or
 * one reused) and lz4 (LZ4_compress_fast at an acceleration). Prints,
 * per codec and frame size, this thread's CPU seconds to compress and to
 * decompress every frame and the compressed size; each frame is checked
 * after its round trip.
 *
 *   build/bench-frames REPORT.json [MAXBYTES]
 */
#include "benchutil.h"
#include <lz4.h>
#include <stdint.h>
#include <string.h>
#include <zstd.h>

enum { C_ZSTD, C_ZSTD_CTX, C_LZ4 };

typedef struct codec {
    int kind;
    int level;              /* zstd level, or lz4 acceleration */
    const char *name;
} codec;

static const codec CODECS[] = {
    {C_ZSTD, -3, "zstd -3 (ZSTD_compress)"},
    {C_ZSTD_CTX, -3, "zstd -3 (cctx/dctx reused)"},
    {C_ZSTD_CTX, -5, "zstd -5 (cctx/dctx reused)"},
    {C_ZSTD_CTX, -8, "zstd -8 (cctx/dctx reused)"},
    {C_LZ4, 1, "lz4 accel 1"},
    {C_LZ4, 2, "lz4 accel 2"},
    {C_LZ4, 3, "lz4 accel 3"},
    {C_LZ4, 4, "lz4 accel 4"},
};

static const size_t FRAMES[] = {64 << 10, 128 << 10, 256 << 10};

/* Frame bounds of rec[n] for frames of at least fb bytes, ending at a
 * record (a line's ",\n" starts the next); returns how many, bounds in
 * *cut (cut[0] = 0 ... cut[k] = n). */
static size_t frames(const char *rec, size_t n, size_t fb, size_t **cut)
{
    size_t cap = n / fb + 16, k = 0;
    size_t *c = malloc((cap + 1) * sizeof *c);
    c[0] = 0;
    size_t from = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (rec[i] == ',' && rec[i + 1] == '\n' && i - from >= fb) {
            if (k + 2 >= cap) {
                cap *= 2;
                c = realloc(c, (cap + 1) * sizeof *c);
            }
            c[++k] = i;
            from = i;
        }
    }
    c[++k] = n;
    *cut = c;
    return k;
}

/* One codec on the frames: prints the figures; returns 0, or 1 when a
 * round trip differs. */
static int run(const codec *C, const char *rec, const size_t *cut, size_t nf, size_t fb)
{
    char **z = malloc(nf * sizeof *z);
    size_t *zs = malloc(nf * sizeof *zs);
    size_t total = 0, big = 0;
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_DCtx *dc = ZSTD_createDCtx();
    double t0 = rc_bench_cpu_now();
    for (size_t f = 0; f < nf; f++) {
        size_t u = cut[f + 1] - cut[f];
        big = u > big ? u : big;
        const char *src = rec + cut[f];
        if (C->kind == C_LZ4) {
            int cap = LZ4_compressBound((int)u);
            z[f] = malloc((size_t)cap);
            zs[f] = (size_t)LZ4_compress_fast(src, z[f], (int)u, cap, C->level);
        } else {
            size_t cap = ZSTD_compressBound(u);
            z[f] = malloc(cap);
            zs[f] = C->kind == C_ZSTD ? ZSTD_compress(z[f], cap, src, u, C->level)
                                      : ZSTD_compressCCtx(cc, z[f], cap, src, u, C->level);
        }
        total += zs[f];
    }
    double t1 = rc_bench_cpu_now();
    char *out = malloc(big);
    int bad = 0;
    double tcheck = 0;
    for (size_t f = 0; f < nf; f++) {
        size_t u = cut[f + 1] - cut[f];
        size_t d;
        if (C->kind == C_LZ4)
            d = (size_t)LZ4_decompress_safe(z[f], out, (int)zs[f], (int)u);
        else if (C->kind == C_ZSTD)
            d = ZSTD_decompress(out, u, z[f], zs[f]);
        else
            d = ZSTD_decompressDCtx(dc, out, u, z[f], zs[f]);
        double tc = rc_bench_cpu_now();
        bad |= d != u || memcmp(out, rec + cut[f], u) != 0;
        tcheck += rc_bench_cpu_now() - tc;
    }
    double t2 = rc_bench_cpu_now() - tcheck;
    size_t n = cut[nf];
    printf("%-28s %4zu KiB  %6zu frames  pack %.3f s (%4.0f MB/s)  unpack %.3f s (%5.0f MB/s)"
           "  sum %.3f s  size %.1f MB (ratio %.2f)%s\n",
           C->name, fb >> 10, nf, t1 - t0, n / (t1 - t0) / 1e6, t2 - t1, n / (t2 - t1) / 1e6,
           t2 - t0, total / 1e6, (double)n / (double)total, bad ? "  MISMATCH" : "");
    for (size_t f = 0; f < nf; f++)
        free(z[f]);
    free(z);
    free(zs);
    free(out);
    ZSTD_freeCCtx(cc);
    ZSTD_freeDCtx(dc);
    return bad;
}

/* bench-frames REPORT.json [MAXBYTES] */
int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s REPORT.json [MAXBYTES]\n", argv[0]);
        return 2;
    }
    size_t max = argc > 2 ? (size_t)rc_bench_num(argv[0], argv[2]) : SIZE_MAX;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseeko(f, 0, SEEK_END);
    size_t n = (size_t)ftello(f);
    n = n < max ? n : max;
    fseeko(f, 0, SEEK_SET);
    char *text = malloc(n);
    if (fread(text, 1, n, f) != n) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    /* the report is its records one after the other (",\n    " and
     * an element), with the keys' brackets in between */
    char *rec = text;
    size_t rl = n;
    printf("%zu bytes of records\n", rl);
    int bad = 0;
    for (size_t s = 0; s < sizeof FRAMES / sizeof *FRAMES; s++) {
        size_t *cut;
        size_t nf = frames(rec, rl, FRAMES[s], &cut);
        for (size_t c = 0; c < sizeof CODECS / sizeof *CODECS; c++)
            bad |= run(&CODECS[c], rec, cut, nf, FRAMES[s]);
        free(cut);
    }
    free(rec);
    return bad;
}
