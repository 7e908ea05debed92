/*
 * store_report.c - `report` on a store, story by story; see
 * store_report.h.
 */
#define _GNU_SOURCE /* qsort_r */
#include "pipeline/store_report.h"
#include "cluster/copies.h"
#include "cluster/events.h"
#include "cluster/idmap.h"
#include "cluster/place.h"
#include "crosscheck/align.h"
#include "crosscheck/claims.h"
#include "crosscheck/discrepancy.h"
#include "crosscheck/framing.h"
#include "extract/factscodec.h"
#include "pipeline/analysis.h"
#include "pipeline/chunksort.h"
#include "report/jalloc.h"
#include "report/jdump.h"
#include "report/jw.h"
#include "report/report.h"
#include "text/stem.h"
#include "text/textmodel.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include "util/stagetime.h"
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <lz4.h>
#include <sys/stat.h>
#include <unistd.h>

/* The top-level arrays, in the order of the contract. */
static const char *const KEYS[] = {"documents", "events", "stories", "entities",
                                   "quantities", "dates", "quotes", "citations",
                                   "claims", "discrepancies", "framing"};
enum { NKEYS = sizeof KEYS / sizeof *KEYS, K_DOCS = 0, K_EVENTS, K_STORIES, K_ENTITIES,
       K_QUANT, K_DATES, K_QUOTES, K_CIT, K_CLAIMS, K_DISC, K_FRAMING };

typedef rc_chunk chunk;

typedef struct keysink {
    chunk *c;
    size_t n, cap;
} keysink;

/* One block of the stream's temporary file: the records (separator and
 * element) of one key of one part, one after the other, compressed with
 * lz4 (a raw LZ4 block), or as they are (raw: one record, or records
 * that did not shrink). */
typedef struct zblock {
    off_t off;              /* in the temporary file */
    size_t csize, usize;    /* stored and record bytes */
    size_t nchunks;         /* records in it */
    int raw;
} zblock;

/* The state of one report. */
typedef struct run {
    rc_store *s;
    const rc_store_report_opts *o;
    int stream;             /* json elements to temporary files */
    int terminal;           /* terminal sections rendered per story */
    int markdown;           /* each story's Markdown written as it is done */
    FILE *out;
    int with_text;
    char **ids;             /* stored ids, insertion order */
    size_t nids, capids;
    rc_idmap byid;          /* hash(id) -> ordinal */
    keysink k[NKEYS];
    FILE *ztmp;             /* stream: the blocks */
    zblock *blk;
    size_t nblk, capblk;
    uint64_t seq;
    size_t claim_base, ent_base, ndocs_out, nclaims_out;
    FILE *body;             /* terminal sections */
    size_t story_cap;       /* RC_REPORT_STORY_DOCS, or RECOUPE_STORY_PART */
    size_t nworkers;        /* worker threads */
    json_t *story_elem;     /* the current story's stories[] element */
    int bad;
    int tmp_err, out_err;   /* errno of the first failure writing (or reading
                             * back) the temporary files, writing out */
} run;

/* Keep errno (EIO when it is 0) in *slot unless it holds one already:
 * the reason of the first failure, for the final message. */
static void keep_errno(int *slot)
{
    if (!*slot)
        *slot = errno ? errno : EIO;
}

/* Hash of an id for the maps. */
static uint64_t id_hash(const char *id)
{
    return rc_hash64(id, strlen(id), 0x5eed5eedu);
}

/* rc_store_each_id callback: remember the id and its ordinal. */
static int on_id(const char *id, void *ud)
{
    run *R = ud;
    if (R->nids == R->capids) {
        R->capids = R->capids ? R->capids * 2 : 1024;
        R->ids = rc_reallocarray(R->ids, R->capids, sizeof *R->ids);
    }
    R->ids[R->nids] = rc_strdup(id);
    rc_idmap_add(&R->byid, id_hash(id), (uint32_t)R->nids);
    R->nids++;
    return 0;
}

/* Ordinal (insertion rank) of stored id, or SIZE_MAX. */
static size_t ordinal(const run *R, const char *id)
{
    size_t n;
    const uint32_t *v = rc_idmap_get(&R->byid, id_hash(id), &n);
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(R->ids[v[i]], id) == 0)
            return v[i];
    return SIZE_MAX;
}

/* The text of element v as rc_report_json lays it out inside a
 * top-level array: compact, on a line of its own (the separators are
 * written around it). Returns a malloc'd string (*len bytes), or NULL. */
static char *elem_text(const json_t *v, size_t *len)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    if (rc_jdump(&b, v, 0, 1, 0) != RC_OK) {
        rc_buf_cleanup(&b);
        return NULL;
    }
    return rc_buf_detach(&b, len);
}

/* A new chunk of key k with sort key (major, minor), numbered in arrival
 * order (the sort's last tie-break). */
static chunk *sink_chunk(run *R, int k, uint64_t major, uint64_t minor)
{
    keysink *ks = &R->k[k];
    if (ks->n == ks->cap) {
        ks->cap = ks->cap ? ks->cap * 2 : 256;
        ks->c = rc_reallocarray(ks->c, ks->cap, sizeof *ks->c);
    }
    chunk *c = &ks->c[ks->n++];
    memset(c, 0, sizeof *c);
    c->major = major;
    c->minor = minor;
    c->seq = R->seq++;
    return c;
}

/* The separators of the stream layout: before an element (the first of
 * an array without the comma), and closing a non-empty array. */
#define SEP_NEXT ",\n    "
#define SEP_CLOSE "\n  ]"
enum { SEP_LEN = sizeof SEP_NEXT - 1 };

/* The folder of the temporary files: $TMPDIR when set, else /tmp. */
static const char *tmp_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : "/tmp";
}

/* A new temporary file, already unlinked, opened for reading and
 * writing: in $TMPDIR when it is set, else /tmp (tmpfile() ignores
 * TMPDIR). Returns NULL with errno set when it cannot be made. */
static FILE *tmp_open(void)
{
    const char *dir = tmp_dir();
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/recoupe-XXXXXX", dir);
    if (n < 0 || (size_t)n >= sizeof path) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+");
    if (!f)
        close(fd);
    return f;
}

/* Store a block of n records, bytes p[size] (lz4-compressed from usize
 * bytes, or raw when usize is 0), in the stream's temporary file.
 * Returns its index, or SIZE_MAX (R->bad set) when it cannot be written. */
static size_t sink_block(run *R, const void *p, size_t size, size_t usize, size_t n)
{
    if (!R->ztmp) {
        if (!(R->ztmp = tmp_open())) {
            if (!R->bad)
                fprintf(stderr, "recoupe: error: no temporary file in %s (%s)\n", tmp_dir(),
                        strerror(errno));
            R->bad = 1;
            return SIZE_MAX;
        }
        setvbuf(R->ztmp, NULL, _IOFBF, 1 << 20); /* few large writes */
    }
    if (R->nblk == R->capblk) {
        R->capblk = R->capblk ? R->capblk * 2 : 256;
        R->blk = rc_reallocarray(R->blk, R->capblk, sizeof *R->blk);
    }
    zblock *B = &R->blk[R->nblk];
    B->off = ftello(R->ztmp);
    B->csize = size;
    B->usize = usize ? usize : size;
    B->nchunks = n;
    B->raw = !usize;
    if (B->off < 0 || fwrite(p, 1, size, R->ztmp) != size) {
        keep_errno(&R->tmp_err);
        R->bad = 1;
        return SIZE_MAX;
    }
    return R->nblk++;
}

/* Add the text txt[len] of an element of key k with sort key (major,
 * minor) (stream mode): a raw block of one record, the element after its
 * separator (SEP_NEXT; the first element of the array is written from
 * the byte after the comma). */
static void sink_text(run *R, int k, uint64_t major, uint64_t minor, const char *txt, size_t len)
{
    char *rec = rc_malloc(SEP_LEN + len);
    memcpy(rec, SEP_NEXT, SEP_LEN);
    memcpy(rec + SEP_LEN, txt, len);
    size_t b = sink_block(R, rec, SEP_LEN + len, 0, 1);
    free(rec);
    if (b == SIZE_MAX)
        return;
    chunk *c = sink_chunk(R, k, major, minor);
    c->blk = b;
    c->off = 0;
    c->len = SEP_LEN + len;
}

/* Add element v of key k with sort key (major, minor); v is borrowed. */
static void sink_add(run *R, int k, uint64_t major, uint64_t minor, json_t *v)
{
    if (!R->stream) {
        sink_chunk(R, k, major, minor)->v = json_incref(v);
        return;
    }
    size_t len;
    char *txt = elem_text(v, &len);
    if (!txt)
        R->bad = 1;
    else
        sink_text(R, k, major, minor, txt, len);
    free(txt);
}

/* The local index of each document id of a story part. */
typedef struct part {
    rc_doc **docs;
    const unsigned char **feat; /* each document's stored features (in its arena), or NULL */
    size_t *nfeat;
    const unsigned char **ckeys; /* each document's stored copy keys (in its arena), or NULL */
    size_t *nckeys;
    size_t *ord;            /* ordinal of each local document */
    size_t n;
    rc_idmap byid;          /* hash(id) -> local index */
    const size_t *evglobal; /* global event index of each local event */
    const struct rc_events *events;
    size_t story;
} part;

/* One element a worker made for the main thread to sink: its key and
 * sort key, and its JSON text (stream) or value (tree). */
typedef struct ochunk {
    int key;
    uint64_t major, minor;
    size_t off, len;        /* stream: the record at off of the job's text
                             * (after job_pack: of its frame) */
    size_t frame;           /* stream: its frame (job_pack) */
    json_t *v;              /* tree (and stories): the value */
} ochunk;

/* The stages of a job (see the pipeline comment above rc_store_report). */
enum { J_LOADED, J_WORKED, J_NUMBERED, J_DONE };

/* One part of a story, from loading to sinking. Loaded and numbered by
 * the main thread (which alone uses the store), worked on and written by
 * a worker; the state says which may touch it. */
typedef struct job {
    size_t si;
    const size_t *evs;
    size_t nev;
    int last_of_story;
    part P;
    rc_event_given *g;
    size_t *evglobal;
    size_t **gdocs;
    rc_analysis a;
    size_t claim_base, ent_base;
    size_t nclaims;
    ochunk *oc;             /* the elements, in part_elems's order */
    size_t noc, coc;
    rc_buf otext;           /* stream: the records (separator, element), key after key */
    struct jframe {
        char *z;            /* LZ4 block of consecutive records of a key */
        size_t csize, usize, n; /* usize 0: z holds the records as they are */
    } *fr;                  /* stream: the records, compressed (job_pack) */
    size_t nfr;
    char *text;             /* terminal or markdown rendering */
    size_t textlen;
    int bad;
    int state;
} job;

/* Local index of the document with id, or SIZE_MAX. */
static size_t part_doc_id(const part *P, const char *id)
{
    size_t n;
    const uint32_t *v = rc_idmap_get(&P->byid, id_hash(id), &n);
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(P->docs[v[i]]->id, id) == 0)
            return v[i];
    return SIZE_MAX;
}

/* A new chunk of J for an element of key k with sort key (major, minor). */
static ochunk *job_chunk(job *J, int k, uint64_t major, uint64_t minor)
{
    if (J->noc == J->coc) {
        J->coc = J->coc ? J->coc * 2 : 256;
        J->oc = rc_reallocarray(J->oc, J->coc, sizeof *J->oc);
    }
    ochunk *c = &J->oc[J->noc++];
    memset(c, 0, sizeof *c);
    c->key = k;
    c->major = major;
    c->minor = minor;
    return c;
}

/* The sort key of element i of key k, document d (SIZE_MAX: none), in a
 * part with nissues documents' own discrepancies, nd discrepancies in
 * all and ncontested contested claims (the last discrepancies): the
 * order rc_report_json writes the whole store in. */
static void sort_key(const part *P, int k, size_t i, size_t d, size_t nissues, size_t nd,
                     size_t ncontested, uint64_t *major, uint64_t *minor)
{
    uint64_t ord = d < P->n ? P->ord[d] : UINT64_MAX;
    *major = *minor = 0;
    switch (k) {
    case K_DOCS:
    case K_QUANT:
    case K_DATES:
    case K_QUOTES:
    case K_CIT:
        *major = ord;
        break;
    case K_EVENTS:
        *major = P->evglobal[i];
        break;
    case K_DISC:
        if (i < nissues)
            *minor = ord;
        else
            *major = i + ncontested >= nd ? 2 : 1;
        break;
    case K_FRAMING: {
        size_t e = d < P->n ? rc_events_of_doc(P->events, d) : SIZE_MAX;
        *major = e != SIZE_MAX ? P->evglobal[e] : UINT64_MAX;
        break;
    }
    default:
        break;
    }
}

/* File every element of report rep (a part) in J's chunks with its sort
 * key, in the report's order: its text written straight from the
 * analysis (stream), or its value (tree: html, --event). The stories[]
 * element is always a value: it is merged over the parts of its story. */
static void part_elems(const run *R, job *J, const rc_report *rep, size_t ncontested)
{
    rc_report_elems *E = rc_report_elems_new(rep, R->with_text);
    size_t nissues = rc_report_elems_nissues(E);
    size_t nd = rc_report_elems_count(E, K_DISC);
    for (int k = 0; k < NKEYS; k++) {
        size_t n = rc_report_elems_count(E, k);
        for (size_t i = 0; i < n; i++) {
            rc_jw w;
            size_t d;
            int tree = !R->stream || k == K_STORIES;
            size_t at = J->otext.len;
            if (tree) {
                rc_jw_init_tree(&w);
            } else {
                rc_buf_append(&J->otext, SEP_NEXT, SEP_LEN);
                rc_jw_init_bytes(&w, &J->otext);
            }
            int wrote = rc_report_elems_emit(E, &w, k, i, &d);
            if (!wrote || rc_jw_error(&w) != RC_OK) {
                J->bad |= wrote;
                rc_jw_cleanup(&w);
                rc_buf_truncate(&J->otext, at);
                continue;
            }
            uint64_t major, minor;
            sort_key(&J->P, k, i, d, nissues, nd, ncontested, &major, &minor);
            ochunk *c = job_chunk(J, k, major, minor);
            if (tree) {
                c->v = rc_jw_take(&w);
            } else {
                c->off = at;
                c->len = J->otext.len - at;
            }
        }
    }
    rc_report_elems_free(E);
}

/* Records of one key up to this many bytes share a frame (an element
 * longer has one of its own): the in-order write holds a part's frame
 * only while its elements are being written, so memory at the end is
 * about one frame per part whose elements interleave with others'. */
enum { FRAME_BYTES = 128 << 10 };

/* lz4's acceleration for the frames (LZ4_compress_fast): 1, its
 * default. The records shrink about 4.8 times (zstd -3 shrank them 5.5
 * times for about 1.4 times the CPU to pack and twice to unpack; a
 * higher acceleration saves little here and shrinks less); see
 * bench/README.md, "session 6, temporary frames". */
enum { FRAME_ACCEL = 1 };

/* Compress J's records otext[from, to) (n of them, of one key) into J's
 * next frame; records that do not shrink (or are too long for lz4) are
 * kept as they are. */
static void pack_frame(job *J, size_t from, size_t to, size_t n)
{
    J->fr = rc_reallocarray(J->fr, J->nfr + 1, sizeof *J->fr);
    struct jframe *F = &J->fr[J->nfr++];
    memset(F, 0, sizeof *F);
    size_t u = to - from;
    const char *src = J->otext.data + from;
    int cs = 0;
    char *z = NULL;
    if (u <= LZ4_MAX_INPUT_SIZE) {
        int cap = LZ4_compressBound((int)u);
        z = rc_malloc((size_t)cap);
        cs = LZ4_compress_fast(src, z, (int)u, cap, FRAME_ACCEL);
    }
    if (cs > 0 && (size_t)cs < u) {
        F->z = rc_realloc(z, (size_t)cs);
        F->csize = (size_t)cs;
        F->usize = u;
    } else {
        free(z);
        F->z = rc_malloc(u ? u : 1);
        memcpy(F->z, src, u);
        F->csize = u;
    }
    F->n = n;
}

/* A worker's text buffer, kept from one part to the next (a part's text
 * is megabytes: growing a new buffer each time cost realloc copies and
 * page faults); one of more than TEXT_KEEP bytes is not kept. */
static _Thread_local rc_buf tl_text;
enum { TEXT_KEEP = 64 << 20 };

/* Give J the worker's text buffer, empty. */
static void text_take(job *J)
{
    rc_buf_cleanup(&J->otext);
    if (tl_text.data) {
        J->otext = tl_text;
        rc_buf_reset(&J->otext);
        memset(&tl_text, 0, sizeof tl_text);
    } else {
        rc_buf_init(&J->otext, 0);
    }
}

/* Take J's text buffer back for the worker's next part (or free it). */
static void text_give(job *J)
{
    if (!tl_text.data && J->otext.cap <= TEXT_KEEP) {
        tl_text = J->otext;
        rc_buf_reset(&tl_text);
    } else {
        rc_buf_cleanup(&J->otext);
    }
    rc_buf_init(&J->otext, 0);
}

/* Worker, stream: compress J's records (in otext one after the other, in
 * chunk order) into lz4 frames of one key and at most about
 * FRAME_BYTES each (about 4.8 times smaller, so the temporary file
 * stays in the page cache); each element's chunk gets its frame and
 * its offset in the frame's bytes; otext goes back to the worker. */
static void job_pack(job *J)
{
    size_t from = 0, n = 0;
    int key = -1;
    for (size_t i = 0; i < J->noc; i++) {
        ochunk *c = &J->oc[i];
        if (c->v)
            continue;
        if (n && (c->key != key || c->off - from >= FRAME_BYTES)) {
            pack_frame(J, from, c->off, n);
            n = 0;
        }
        if (!n) {
            from = c->off;
            key = c->key;
        }
        c->frame = J->nfr;
        c->off -= from;
        n++;
    }
    if (n)
        pack_frame(J, from, J->otext.len, n);
    text_give(J);
}

/* qsort order of size_t, ascending. */
static int size_cmp(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* A copy of b's bytes in arena a, in *out (*n bytes); nothing when b is
 * empty (*out stays NULL). */
static void blob_keep(rc_arena *a, const rc_buf *b, const unsigned char **out, size_t *n)
{
    if (!b->len)
        return;
    unsigned char *c = rc_arena_alloc(a, b->len);
    memcpy(c, b->data, b->len);
    *out = c;
    *n = b->len;
}

/* Main thread: load the documents of J's events (evs of story si of
 * listing l) in insertion order, and the stored events over them. */
static void job_load(run *R, const rc_evlist *l, job *J)
{
    double t0 = rc_stagetime_now();
    part *P = &J->P;
    P->story = J->si;
    size_t m = 0;
    for (size_t k = 0; k < J->nev; k++)
        m += l->events[J->evs[k]].ndocs;
    P->ord = rc_malloc((m ? m : 1) * sizeof *P->ord);
    size_t n = 0;
    for (size_t k = 0; k < J->nev; k++) {
        const rc_evlist_event *e = &l->events[J->evs[k]];
        for (size_t j = 0; j < e->ndocs; j++) {
            size_t o = ordinal(R, e->docs[j]);
            if (o != SIZE_MAX)
                P->ord[n++] = o;
        }
    }
    /* insertion order */
    qsort(P->ord, n, sizeof *P->ord, size_cmp);
    P->docs = rc_calloc(n ? n : 1, sizeof *P->docs);
    P->feat = rc_calloc(n ? n : 1, sizeof *P->feat);
    P->nfeat = rc_calloc(n ? n : 1, sizeof *P->nfeat);
    P->ckeys = rc_calloc(n ? n : 1, sizeof *P->ckeys);
    P->nckeys = rc_calloc(n ? n : 1, sizeof *P->nckeys);
    rc_buf fb, kb;
    rc_buf_init(&fb, 0);
    rc_buf_init(&kb, 0);
    size_t nl = 0;
    /* one read transaction for the part, not one per statement */
    if (rc_store_read_begin(R->s) != RC_OK)
        J->bad = 1;
    for (size_t i = 0; i < n; i++) {
        if (rc_store_get_keyed(R->s, R->ids[P->ord[i]], &P->docs[nl], &fb, &kb) != RC_OK) {
            J->bad = 1;
            continue;
        }
        /* the stored copy keys (the copies stage reads them) and
         * features (the event labels read their terms) */
        blob_keep(P->docs[nl]->arena, &kb, &P->ckeys[nl], &P->nckeys[nl]);
        blob_keep(P->docs[nl]->arena, &fb, &P->feat[nl], &P->nfeat[nl]);
        P->ord[nl++] = P->ord[i];
    }
    if (rc_store_read_end(R->s) != RC_OK)
        J->bad = 1;
    rc_buf_cleanup(&fb);
    rc_buf_cleanup(&kb);
    P->n = nl;
    rc_idmap_init(&P->byid, 4);
    for (size_t i = 0; i < nl; i++)
        rc_idmap_add(&P->byid, id_hash(P->docs[i]->id), (uint32_t)i);
    /* the story's stored events over the local documents */
    size_t nev = J->nev;
    J->g = rc_calloc(nev + 1, sizeof *J->g);
    J->evglobal = rc_calloc(nev + 1, sizeof *J->evglobal);
    J->gdocs = rc_calloc(nev + 1, sizeof *J->gdocs);
    for (size_t k = 0; k < nev; k++) {
        const rc_evlist_event *e = &l->events[J->evs[k]];
        J->evglobal[k] = J->evs[k];
        J->gdocs[k] = rc_malloc((e->ndocs ? e->ndocs : 1) * sizeof **J->gdocs);
        size_t q = 0;
        for (size_t j = 0; j < e->ndocs; j++) {
            size_t d = part_doc_id(P, e->docs[j]);
            if (d != SIZE_MAX)
                J->gdocs[k][q++] = d;
        }
        qsort(J->gdocs[k], q, sizeof **J->gdocs, size_cmp);
        J->g[k] = (rc_event_given){e->id, e->date, e->undated, e->label, J->gdocs[k], q, 0};
    }
    P->evglobal = J->evglobal;
    rc_stagetime_add("load", rc_stagetime_now() - t0);
}

/* Worker: extract, copies, the given events, and the cross-check's work
 * (claims numbered from C1). */
static void job_work(const rc_evlist *l, job *J, const rc_framing_background *bg)
{
    double t1 = rc_stagetime_now();
    rc_analysis *a = &J->a;
    rc_analysis_extract(a, J->P.docs, J->P.n);
    double t2 = rc_stagetime_now();
    rc_stagetime_add("extract", t2 - t1);
    a->stored_features = J->P.feat;
    a->nstored_features = J->P.nfeat;
    /* the stored copy keys serve a document whose facts came from the
     * store too: the same text model made both */
    a->copies = rc_copies_build_stored(a->docs, a->ndocs, J->P.ckeys, J->P.nckeys,
                                       a->facts_stored);
    const char *sid = l->stories[J->si].id;
    a->events = rc_events_given(a, J->g, J->nev, &sid, 1);
    J->P.events = a->events;
    rc_stagetime_add("copies+events", rc_stagetime_now() - t2);
    rc_analysis_crosscheck_groups(a, bg);
}

/* Main thread, in part order: number J's claims and entities after the
 * parts before it. */
static void job_number(run *R, job *J)
{
    J->claim_base = R->claim_base;
    rc_analysis_crosscheck_finish(&J->a, R->claim_base);
    J->nclaims = J->a.claims->nclaims;
    J->ent_base = R->ent_base;
    R->ent_base += rc_entities_count(J->a.entities);
    R->claim_base += J->nclaims;
    R->ndocs_out += J->P.n;
    R->nclaims_out += J->nclaims;
}

/* Worker: J's part of the report (tree, entity ids shifted, then its
 * elements or its rendering), and free its documents and analysis. */
static void job_write(const run *R, job *J)
{
    double t4 = rc_stagetime_now();
    part *P = &J->P;
    rc_analysis *a = &J->a;
    size_t nl = P->n;
    size_t ncontested = 0;
    for (size_t c = 0; c < a->claims->nclaims; c++)
        ncontested += a->claims->claims[c].status == RC_CLAIM_CONTESTED;
    rc_report rep = {P->docs, nl, R->o->version, a->facts, a->entities, a, J->ent_base};
    if (R->markdown || R->terminal) {
        /* the renderers read a tree: built in a region dropped whole */
        rc_jalloc_begin();
        json_t *t = rc_report_tree(&rep, R->with_text);
        rc_stagetime_add("report tree", rc_stagetime_now() - t4);
        FILE *mem = open_memstream(&J->text, &J->textlen);
        if (!mem) {
            J->bad = 1;
        } else {
            if (R->markdown) {
                if (R->o->event)
                    rc_report_tree_event(t, R->o->event);
                if (rc_report_markdown_tree(mem, &rep, t) != RC_OK)
                    J->bad = 1;
            } else if (rc_report_terminal_body(mem, t, &R->o->term) != RC_OK) {
                J->bad = 1;
            }
            if (fclose(mem) != 0)
                J->bad = 1;
        }
        rc_jalloc_end();
    } else {
        if (R->stream)
            text_take(J);
        part_elems(R, J, &rep, ncontested);
        if (R->stream) {
            double tp = rc_stagetime_now();
            job_pack(J);
            rc_stagetime_add("pack (lz4)", rc_stagetime_now() - tp);
            t4 += rc_stagetime_now() - tp; /* not counted twice */
        }
    }
    rc_stagetime_add("write", rc_stagetime_now() - t4);
    rc_analysis_cleanup(a);
    for (size_t k = 0; k < J->nev; k++)
        free(J->gdocs[k]);
    free(J->gdocs);
    free(J->g);
    free(J->evglobal);
    J->gdocs = NULL;
    J->g = NULL;
    J->evglobal = NULL;
    rc_idmap_cleanup(&P->byid);
    for (size_t i = 0; i < nl; i++)
        rc_doc_free(P->docs[i]);
    free(P->docs);
    free(P->feat);
    free(P->nfeat);
    free(P->ckeys);
    free(P->nckeys);
    free(P->ord);
    memset(P, 0, sizeof *P);
}

/* Main thread, in part order: J's elements to the sinks (the stories[]
 * element merged over the parts of its story and sunk with the last),
 * or its rendering to the output; then J's memory. */
static void job_sink(run *R, job *J)
{
    R->bad |= J->bad;
    /* the frames first, in order */
    size_t *blk = rc_malloc((J->nfr + 1) * sizeof *blk);
    for (size_t f = 0; f < J->nfr; f++)
        blk[f] = J->fr[f].z ? sink_block(R, J->fr[f].z, J->fr[f].csize, J->fr[f].usize,
                                         J->fr[f].n)
                            : SIZE_MAX;
    for (size_t i = 0; i < J->noc; i++) {
        ochunk *c = &J->oc[i];
        if (c->key == K_STORIES) {
            if (!R->story_elem) {
                R->story_elem = c->v;
                c->v = NULL;
            } else {
                json_array_extend(json_object_get(R->story_elem, "events"),
                                  json_object_get(c->v, "events"));
                json_array_extend(json_object_get(R->story_elem, "documents"),
                                  json_object_get(c->v, "documents"));
            }
        } else if (c->v) {
            sink_add(R, c->key, c->major, c->minor, c->v);
        } else if (blk[c->frame] != SIZE_MAX) {
            chunk *d = sink_chunk(R, c->key, c->major, c->minor);
            d->blk = blk[c->frame];
            d->off = c->off;
            d->len = c->len;
        }
        json_decref(c->v);
    }
    for (size_t f = 0; f < J->nfr; f++)
        free(J->fr[f].z);
    free(J->fr);
    free(blk);
    J->fr = NULL;
    J->nfr = 0;
    rc_buf_cleanup(&J->otext);
    free(J->oc);
    J->oc = NULL;
    J->noc = J->coc = 0;
    if (J->last_of_story) {
        if (R->story_elem && !R->terminal && !R->markdown)
            sink_add(R, K_STORIES, J->si, 0, R->story_elem);
        json_decref(R->story_elem);
        R->story_elem = NULL;
    }
    if (J->text) {
        FILE *dst = R->markdown ? R->out : R->body;
        if (J->textlen && fwrite(J->text, 1, J->textlen, dst) != J->textlen) {
            keep_errno(R->markdown ? &R->out_err : &R->tmp_err);
            R->bad = 1;
        }
        free(J->text);
        J->text = NULL;
    }
}

/* The worker pool: a FIFO of jobs to work on or write, served by
 * R->nworkers threads; the main thread waits on `done` for a job's
 * state to change. */
typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job **q;                /* ring of queued jobs */
    size_t qcap, qhead, qn;
    int stop;
    run *R;
    const rc_evlist *l;
    const rc_framing_background *bg;
} pool;

/* Queue J for a worker (its state says which step). */
static void pool_push(pool *Q, job *J)
{
    pthread_mutex_lock(&Q->mu);
    Q->q[(Q->qhead + Q->qn++) % Q->qcap] = J;
    pthread_cond_signal(&Q->work);
    pthread_mutex_unlock(&Q->mu);
}

/* A worker: take jobs until stopped; a loaded job is worked on, a
 * numbered one written. */
static void *pool_worker(void *arg)
{
    pool *Q = arg;
    for (;;) {
        pthread_mutex_lock(&Q->mu);
        /* the wall time a worker finds no part ready: the pipeline's
         * idle time (the main thread's loads or an unnumbered part
         * holding the window), shown by --timings */
        double tw = rc_stagetime_wall_now();
        while (!Q->qn && !Q->stop)
            pthread_cond_wait(&Q->work, &Q->mu);
        rc_stagetime_add_wall("parts: a worker waiting", rc_stagetime_wall_now() - tw);
        if (!Q->qn) {
            pthread_mutex_unlock(&Q->mu);
            break;
        }
        job *J = Q->q[Q->qhead];
        Q->qhead = (Q->qhead + 1) % Q->qcap;
        Q->qn--;
        int st = J->state;
        pthread_mutex_unlock(&Q->mu);
        if (st == J_LOADED)
            job_work(Q->l, J, Q->bg);
        else
            job_write(Q->R, J);
        pthread_mutex_lock(&Q->mu);
        J->state = st == J_LOADED ? J_WORKED : J_DONE;
        pthread_cond_broadcast(&Q->done);
        pthread_mutex_unlock(&Q->mu);
    }
    rc_stem_cleanup();
    rc_align_thread_cleanup();
    rc_buf_cleanup(&tl_text);
    return NULL;
}

/* A part of a story: events evs[0..nev) of story si. */
typedef struct partref {
    size_t si;
    const size_t *evs;
    size_t nev;
    int last;
} partref;

/* The parts to report, in order: each story (or only story `only`) whole
 * when it holds at most R->story_cap documents, else in parts of
 * consecutive events of at most that many documents (an event is never
 * split). Returns the count; *out is malloc'd. */
static size_t plan_parts(const run *R, const rc_evlist *l, size_t only, partref **out)
{
    size_t n = 0, cap = 16;
    partref *p = rc_malloc(cap * sizeof *p);
    for (size_t si = 0; si < l->nstories; si++) {
        if (only != SIZE_MAX && si != only)
            continue;
        const rc_evlist_story *st = &l->stories[si];
        size_t from = 0;
        while (from < st->nevents) {
            size_t to = from, docs = 0;
            while (to < st->nevents &&
                   (to == from || docs + l->events[st->events[to]].ndocs <= R->story_cap))
                docs += l->events[st->events[to++]].ndocs;
            if (n == cap) {
                cap *= 2;
                p = rc_reallocarray(p, cap, sizeof *p);
            }
            p[n++] = (partref){si, st->events + from, to - from, to == st->nevents};
            from = to;
        }
    }
    *out = p;
    return n;
}

/* Report every part: the main thread loads parts ahead (at most
 * 4 x nworkers + 2 in flight), numbers them and sinks them in order; the
 * workers extract, cross-check and write them in any order. The output
 * is the same whatever the number of workers. */
static void run_parts(run *R, const rc_evlist *l, size_t only, const rc_framing_background *bg)
{
    partref *pr;
    size_t np = plan_parts(R, l, only, &pr);
    size_t nw = R->nworkers ? R->nworkers : 1;
    /* parts are numbered and sunk in order, so one slow part holds the
     * ones after it: a window of 4 per worker keeps the workers fed past
     * it (on 12,500 articles, 2 workers: 17.5 s wall with a window of 4,
     * 14.9 s with 10) */
    size_t window = 4 * nw + 2;
    job *jobs = rc_calloc(window, sizeof *jobs);
    pool Q;
    memset(&Q, 0, sizeof Q);
    pthread_mutex_init(&Q.mu, NULL);
    pthread_cond_init(&Q.work, NULL);
    pthread_cond_init(&Q.done, NULL);
    Q.qcap = window * 2;
    Q.q = rc_calloc(Q.qcap, sizeof *Q.q);
    Q.R = R;
    Q.l = l;
    Q.bg = bg;
    pthread_t *th = rc_calloc(nw, sizeof *th);
    size_t started = 0;
    for (; started < nw; started++)
        if (pthread_create(&th[started], NULL, pool_worker, &Q) != 0)
            break;
    if (!started) {
        fprintf(stderr, "recoupe: error: no worker thread could be started\n");
        R->bad = 1;
        np = 0;
    }
    size_t next_load = 0, next_num = 0, next_sink = 0;
    while (next_sink < np) {
        while (next_load < np && next_load - next_sink < window) {
            job *J = &jobs[next_load % window];
            memset(J, 0, sizeof *J);
            rc_buf_init(&J->otext, 0);
            J->si = pr[next_load].si;
            J->evs = pr[next_load].evs;
            J->nev = pr[next_load].nev;
            J->last_of_story = pr[next_load].last;
            job_load(R, l, J);
            J->state = J_LOADED;
            pool_push(&Q, J);
            next_load++;
        }
        /* under the lock: number the next part once worked on (its
         * write can then start), else sink the oldest once written */
        int number = 0;
        pthread_mutex_lock(&Q.mu);
        for (;;) {
            if (next_num < next_load && jobs[next_num % window].state == J_WORKED) {
                number = 1;
                break;
            }
            if (jobs[next_sink % window].state == J_DONE)
                break;
            pthread_cond_wait(&Q.done, &Q.mu);
        }
        pthread_mutex_unlock(&Q.mu);
        if (number) {
            job *J = &jobs[next_num % window];
            job_number(R, J);
            J->state = J_NUMBERED;
            pool_push(&Q, J);
            next_num++;
        } else {
            job_sink(R, &jobs[next_sink % window]);
            next_sink++;
        }
    }
    pthread_mutex_lock(&Q.mu);
    Q.stop = 1;
    pthread_cond_broadcast(&Q.work);
    pthread_mutex_unlock(&Q.mu);
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    free(Q.q);
    pthread_cond_destroy(&Q.work);
    pthread_cond_destroy(&Q.done);
    pthread_mutex_destroy(&Q.mu);
    free(jobs);
    free(pr);
}

/* The framing background: every stored document up to RC_REPORT_BG_DOCS,
 * else every k-th in insertion order (k = ceil(n / RC_REPORT_BG_DOCS)).
 * A document's tokens, amounts and dates (all framing reads) come from
 * the facts the store kept when they decode (rc_analysis_stored_facts:
 * what extracting gives, for a fraction of the work); else its text model
 * is built and those two extractors run. The documents are freed once
 * counted. */
static rc_framing_background *background(run *R)
{
    size_t n = R->nids, step = (n + RC_REPORT_BG_DOCS - 1) / RC_REPORT_BG_DOCS;
    if (!step)
        step = 1;
    rc_doc **docs = rc_calloc(n / step + 2, sizeof *docs);
    rc_facts **facts = rc_calloc(n / step + 2, sizeof *facts);
    rc_facts_scratch *rd = rc_facts_scratch_new();
    size_t m = 0;
    for (size_t i = 0; i < n; i += step) {
        if (rc_store_get(R->s, R->ids[i], &docs[m]) != RC_OK)
            continue;
        rc_doc *d = docs[m];
        facts[m] = rc_analysis_stored_facts(d, rd);
        if (!facts[m]) {
            /* framing leaves dates and amounts out of its terms, as
             * analyze does: those two extractors are all it needs */
            rc_textmodel_build(d);
            facts[m] = rc_facts_new(d);
            rc_extract_quantities(d, facts[m]);
            rc_extract_dates(d, facts[m]);
        }
        m++;
    }
    rc_facts_scratch_free(rd);
    rc_analysis a;
    memset(&a, 0, sizeof a);
    a.docs = docs;
    a.ndocs = m;
    a.facts = facts;
    rc_framing_background *bg = rc_framing_background_new(&a);
    for (size_t i = 0; i < m; i++)
        rc_doc_free(docs[i]);
    free(facts);
    free(docs);
    return bg;
}

/* The stored ids read and the framing background made while the stories
 * are linked (rc_evlist_load_with's during): the run, the result of the
 * ids' read, the background made, and the CPU seconds of both. */
typedef struct bgcall {
    run *R;
    int rc;
    rc_framing_background *bg;
    double cpu;
} bgcall;

/* rc_evlist_load_with's during: read the stored ids (R's ids and byid,
 * into B->rc), then make the framing background from them. */
static void background_during(void *ud)
{
    bgcall *B = ud;
    double ti = rc_stagetime_now();
    B->rc = rc_store_each_id(B->R->s, on_id, B->R);
    double tb = rc_stagetime_now();
    rc_stagetime_add("ids read", tb - ti);
    if (B->rc == RC_OK)
        B->bg = background(B->R);
    B->cpu = rc_stagetime_now() - ti;
    rc_stagetime_add("framing background", rc_stagetime_now() - tb);
}

/* Copy len bytes at off of tmp to out. */
static int copy_bytes(FILE *tmp, long off, size_t len, FILE *out)
{
    char buf[1 << 14];
    if (fseek(tmp, off, SEEK_SET) != 0)
        return -1;
    while (len) {
        size_t k = len < sizeof buf ? len : sizeof buf;
        if (fread(buf, 1, k, tmp) != k || fwrite(buf, 1, k, out) != k)
            return -1;
        len -= k;
    }
    return 0;
}

/* The text before key k's array ("  \"KEY\": [") in buf; returns its
 * length. */
static size_t key_open(int k, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "  \"%s\": [", KEYS[k]);
    return n > 0 ? (size_t)n : 0;
}

/* The text after key k's array of n elements. */
static const char *key_close(int k, size_t n)
{
    if (k + 1 < NKEYS)
        return n ? SEP_CLOSE ",\n" : "],\n";
    return n ? SEP_CLOSE "\n" : "]\n";
}

/* pread all n bytes at off of fd into p. Returns 0 or -1. */
static int pread_all(int fd, char *p, size_t n, off_t off)
{
    while (n) {
        ssize_t r = pread(fd, p, n, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
        off += r;
    }
    return 0;
}

/* pwrite all n bytes of p at off of fd. Returns 0 or -1. */
static int pwrite_all(int fd, const char *p, size_t n, off_t off)
{
    while (n) {
        ssize_t w = pwrite(fd, p, n, off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
        off += w;
    }
    return 0;
}

/* A block's records, read back: cbuf and ubuf are the caller's buffers
 * (grown as needed, *ccap and *ucap their sizes). Returns the records
 * (B->usize bytes: in *ubuf, or in *cbuf for a raw block), or NULL when
 * the file cannot be read or the frame is not the one written. */
static const char *block_read(int fd, const zblock *B, char **cbuf, size_t *ccap, char **ubuf,
                              size_t *ucap)
{
    if (B->csize > *ccap) {
        *ccap = B->csize;
        *cbuf = rc_realloc(*cbuf, *ccap);
    }
    if (pread_all(fd, *cbuf, B->csize, B->off) != 0)
        return NULL;
    if (B->raw)
        return *cbuf;
    if (B->usize > *ucap) {
        *ucap = B->usize;
        *ubuf = rc_realloc(*ubuf, *ucap);
    }
    int u = B->csize > INT_MAX || B->usize > INT_MAX
                ? -1
                : LZ4_decompress_safe(*cbuf, *ubuf, (int)B->csize, (int)B->usize);
    if (u < 0 || (size_t)u != B->usize) {
        errno = EIO; /* read back damaged */
        return NULL;
    }
    return *ubuf;
}

/* The stream's head: the opening brace and the "recoupe" key, compact.
 * Returns a malloc'd string (*len bytes). */
static char *stream_head(const run *R, size_t *len)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_buf_append(&b, "{\n  \"recoupe\": ", 15);
    json_t *meta = json_pack("{s:s, s:i}", "version", R->o->version ? R->o->version : "",
                             "report_format", 1);
    rc_jdump(&b, meta, 0, 1, 0);
    json_decref(meta);
    rc_buf_append(&b, ",\n", 2);
    return rc_buf_detach(&b, len);
}

/* Keys to sort on one thread: a bit set over the keys. */
typedef struct sortjob {
    run *R;
    unsigned keys;
} sortjob;

/* Thread body: sort the elements of the keys of J. */
static void *sort_thread(void *arg)
{
    sortjob *J = arg;
    for (int k = 0; k < NKEYS; k++)
        if (J->keys & (1u << k))
            rc_chunks_sort(J->R->k[k].c, J->R->k[k].n);
    return NULL;
}

/* Sort every key's elements (chunks_sort), the keys shared between the
 * main thread and a second one (largest first, each to the thread with
 * fewer elements so far) when there are workers to spare. */
static void sort_keys(run *R)
{
    sortjob J[2] = {{R, 0}, {R, 0}};
    size_t load[2] = {0, 0};
    unsigned done = 0;
    for (int round = 0; round < NKEYS; round++) {
        int big = -1;
        for (int k = 0; k < NKEYS; k++)
            if (!(done & (1u << k)) && (big < 0 || R->k[k].n > R->k[big].n))
                big = k;
        done |= 1u << big;
        int t = load[1] < load[0];
        J[t].keys |= 1u << big;
        load[t] += R->k[big].n;
    }
    pthread_t th;
    int two = R->nworkers > 1 && J[1].keys && pthread_create(&th, NULL, sort_thread, &J[1]) == 0;
    if (!two)
        J[0].keys |= J[1].keys;
    sort_thread(&J[0]);
    if (two)
        pthread_join(th, NULL);
}

/* The in-order write's output: a stream (pipe, terminal, file opened
 * for appending: fwrite), or a regular file written in windows of WIN
 * bytes by a second thread, each window's whole 4 KiB blocks with
 * O_DIRECT (not through the page cache: on this machine that halves the
 * system time of writing gigabytes) when the file system takes it, its
 * ends and the rest with pwrite. Windows end at multiples of WIN in the
 * file, so only the first may start off a block and only the last end
 * off one. The elements' bytes (out_emit_ref, at least REF_MIN of them)
 * are not copied into the window by the main thread: it notes where
 * they go, and the writer copies them before writing the window, then
 * frees the buffers whose last bytes were in it (out_release); on two
 * cores that takes the gather's copy (a quarter of the main thread's
 * final write) off the serial path. */
enum { WIN = 8 << 20, NWIN = 3, DIO = 4096, REF_MIN = 64 };

/* Bytes of a window still to copy: len bytes from src to at of the
 * window's data. */
typedef struct wpiece {
    const char *src;
    size_t at, len;
} wpiece;

typedef struct wwin {
    char *mem;              /* WIN bytes, DIO-aligned: the file from the
                             * block holding start */
    off_t start;            /* the file offset of the first byte */
    size_t len;             /* bytes in it */
    int full;               /* handed to the writer (under mu) */
    wpiece *pc;             /* bytes to copy in before writing */
    size_t npc, cpc;
    char **fr;              /* buffers to free after the copy */
    size_t nfr, cfr;
} wwin;

typedef struct osink {
    FILE *f;                /* stream output, or NULL */
    int fd, fl;             /* window output: its descriptor and flags */
    int dio;                /* O_DIRECT still tried */
    wwin w[NWIN];
    size_t cur, wnext;      /* the window filled (main), written (writer) */
    off_t pos;              /* the file offset of the next byte */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, bad;          /* under mu */
    int err;                /* errno of the first failed write, under mu */
    pthread_t th;
    int threaded;
    pthread_mutex_t fdmu_own;  /* the first sink's: held around each
                                * window's writes, since O_DIRECT is a
                                * flag of the file description the
                                * sinks of one file share */
    pthread_mutex_t *fdmu;     /* the first sink's fdmu_own */
} osink;

/* Write window W to S's file: its whole blocks with O_DIRECT when
 * S->dio (turned off for good at the first failure, the window then
 * written again with pwrite), the rest with pwrite. Returns 0 or -1. */
static int win_write_locked(osink *S, const wwin *W)
{
    off_t base = W->start - W->start % DIO, end = W->start + (off_t)W->len;
    const char *data = W->mem + (W->start - base);
    off_t a = W->start + (DIO - W->start % DIO) % DIO, b = end - end % DIO;
    if (S->dio && a < b) {
        int ok = fcntl(S->fd, F_SETFL, S->fl | O_DIRECT) == 0 &&
                 pwrite_all(S->fd, W->mem + (a - base), (size_t)(b - a), a) == 0;
        if (fcntl(S->fd, F_SETFL, S->fl) != 0)
            return -1;
        if (ok) {
            if (a > W->start && pwrite_all(S->fd, data, (size_t)(a - W->start), W->start) != 0)
                return -1;
            return b < end ? pwrite_all(S->fd, W->mem + (b - base), (size_t)(end - b), b) : 0;
        }
        S->dio = 0;
    }
    return pwrite_all(S->fd, data, W->len, W->start);
}

/* win_write_locked under S's file lock (the sinks of one file write
 * one at a time). Returns 0 or -1. */
static int win_write(osink *S, const wwin *W)
{
    pthread_mutex_lock(S->fdmu);
    int r = win_write_locked(S, W);
    pthread_mutex_unlock(S->fdmu);
    return r;
}

/* Fill W (its pieces copied in, their buffers freed) and write it to
 * S's file. Returns 0 or -1. */
static int win_fill_write(osink *S, wwin *W)
{
    char *data = W->mem + W->start % DIO;
    for (size_t i = 0; i < W->npc; i++)
        memcpy(data + W->pc[i].at, W->pc[i].src, W->pc[i].len);
    for (size_t i = 0; i < W->nfr; i++)
        free(W->fr[i]);
    W->npc = W->nfr = 0;
    return win_write(S, W);
}

/* The writer thread: write the windows in order as they fill, until
 * stopped with none left. */
static void *win_thread(void *arg)
{
    osink *S = arg;
    double t0 = rc_stagetime_now();
    for (;;) {
        pthread_mutex_lock(&S->mu);
        while (!S->w[S->wnext].full && !S->stop)
            pthread_cond_wait(&S->cv, &S->mu);
        wwin *W = &S->w[S->wnext];
        if (!W->full) {
            pthread_mutex_unlock(&S->mu);
            rc_stagetime_add("final write (writer)", rc_stagetime_now() - t0);
            return NULL;
        }
        pthread_mutex_unlock(&S->mu);
        int r = win_fill_write(S, W);
        int e = errno;
        pthread_mutex_lock(&S->mu);
        S->bad |= r != 0;
        if (r != 0 && !S->err)
            S->err = e ? e : EIO;
        W->full = 0;
        S->wnext = (S->wnext + 1) % NWIN;
        pthread_cond_broadcast(&S->cv);
        pthread_mutex_unlock(&S->mu);
    }
}

/* Hand the current window to the writer (written at once when there is
 * no writer thread) and start the next at S->pos, once it is free. */
static void win_hand(osink *S)
{
    wwin *W = &S->w[S->cur];
    if (!S->threaded) {
        if (win_fill_write(S, W) != 0) {
            S->bad = 1;
            keep_errno(&S->err);
        }
    } else {
        pthread_mutex_lock(&S->mu);
        W->full = 1;
        pthread_cond_broadcast(&S->cv);
        S->cur = (S->cur + 1) % NWIN;
        while (S->w[S->cur].full)
            pthread_cond_wait(&S->cv, &S->mu);
        pthread_mutex_unlock(&S->mu);
        W = &S->w[S->cur];
    }
    W->start = S->pos;
    W->len = 0;
}

/* Append p[n] to the output; with ref (window output), bytes that stay
 * where they are until the buffer holding them is released
 * (out_release): the writer copies them. */
static void out_put(osink *S, const char *p, size_t n, int ref)
{
    if (S->f) {
        if (fwrite(p, 1, n, S->f) != n) {
            S->bad = 1;
            keep_errno(&S->err);
        }
        return;
    }
    while (n) {
        wwin *W = &S->w[S->cur];
        off_t limit = W->start - W->start % WIN + WIN;
        size_t room = (size_t)(limit - (W->start + (off_t)W->len));
        size_t k = n < room ? n : room;
        if (ref && k >= REF_MIN) {
            if (W->npc == W->cpc) {
                W->cpc = W->cpc ? W->cpc * 2 : 1024;
                W->pc = rc_reallocarray(W->pc, W->cpc, sizeof *W->pc);
            }
            W->pc[W->npc++] = (wpiece){p, W->len, k};
        } else {
            memcpy(W->mem + (W->start % DIO) + W->len, p, k);
        }
        W->len += k;
        S->pos += (off_t)k;
        p += k;
        n -= k;
        if (k == room)
            win_hand(S);
    }
}

/* Append p[n] to the output (copied at once). */
static void out_emit(osink *S, const char *p, size_t n)
{
    out_put(S, p, n, 0);
}

/* Append p[n], bytes of a buffer the caller releases with out_release
 * after its last use here. */
static void out_emit_ref(osink *S, const char *p, size_t n)
{
    out_put(S, p, n, 1);
}

/* Free malloc'd buf once what out_emit_ref appended from it is written
 * (the writer frees it after filling the current window; windows are
 * filled in order). */
static void out_release(osink *S, char *buf)
{
    if (S->f) {
        free(buf);
        return;
    }
    wwin *W = &S->w[S->cur];
    if (W->nfr == W->cfr) {
        W->cfr = W->cfr ? W->cfr * 2 : 64;
        W->fr = rc_reallocarray(W->fr, W->cfr, sizeof *W->fr);
    }
    W->fr[W->nfr++] = buf;
}

/* Start S's windows at file offset at of descriptor fd (flags fl),
 * writing under *fdmu, with a writer thread when one can be started. */
static void win_start(osink *S, int fd, int fl, off_t at, pthread_mutex_t *fdmu)
{
    S->fd = fd;
    S->fl = fl;
    S->dio = 1;
    S->pos = at;
    S->fdmu = fdmu;
    for (int i = 0; i < NWIN; i++)
        S->w[i].mem = rc_aligned_alloc(DIO, WIN);
    S->w[0].start = at;
    pthread_mutex_init(&S->mu, NULL);
    pthread_cond_init(&S->cv, NULL);
    S->threaded = pthread_create(&S->th, NULL, win_thread, S) == 0;
}

/* Open S on out: windows from the current offset when out is a regular
 * file not opened for appending (a writer thread when one can be
 * started), else stream. Returns 0, or -1 when out cannot be used. */
static int out_open(osink *S, FILE *out)
{
    memset(S, 0, sizeof *S);
    if (fflush(out) != 0)
        return -1;
    struct stat st;
    int fd = fileno(out);
    int fl = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
    off_t at = fl >= 0 && !(fl & O_APPEND) && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                   ? lseek(fd, 0, SEEK_CUR)
                   : -1;
    if (at < 0) {
        S->f = out;
        return 0;
    }
    pthread_mutex_init(&S->fdmu_own, NULL);
    win_start(S, fd, fl, at, &S->fdmu_own);
    return 0;
}

/* Open S on the file of the window sink first, from offset at (a second
 * sink writing a later part of the same file, under first's lock). */
static void out_open_at(osink *S, osink *first, off_t at)
{
    memset(S, 0, sizeof *S);
    win_start(S, first->fd, first->fl, at, first->fdmu);
}

/* Write what is left, stop the writer, release S (a file's first sink
 * last: it owns the file lock). The file's offset is left to the
 * caller. Returns 0 or -1 (a write failed). */
static int out_close(osink *S)
{
    if (S->f)
        return S->bad ? -1 : 0;
    wwin *W = &S->w[S->cur];
    if (W->len || W->nfr)
        win_hand(S);
    if (S->threaded) {
        pthread_mutex_lock(&S->mu);
        S->stop = 1;
        pthread_cond_broadcast(&S->cv);
        pthread_mutex_unlock(&S->mu);
        pthread_join(S->th, NULL);
    }
    pthread_cond_destroy(&S->cv);
    pthread_mutex_destroy(&S->mu);
    for (int i = 0; i < NWIN; i++) {
        free(S->w[i].mem);
        free(S->w[i].pc);
        free(S->w[i].fr);
    }
    if (S->fdmu == &S->fdmu_own)
        pthread_mutex_destroy(&S->fdmu_own);
    return S->bad ? -1 : 0;
}

/* One share of the in-order write: keys [k0, k1) of R into S (the
 * stream's head first when head, its closing brace last when tail).
 * data[b] and left[b] are the read-back records and the elements still
 * due of block b: a block holds one key's records, so two shares never
 * touch the same block. */
typedef struct share {
    run *R;
    osink *S;
    int k0, k1, head, tail;
    const char *headtxt;
    size_t hl;
    char **data;
    size_t *left;
    int bad;
    int err;                /* errno of the failed read back (EIO: damaged) */
} share;

/* Write share X; X->bad is set when a block cannot be read back. */
static void *share_write(void *arg)
{
    share *X = arg;
    run *R = X->R;
    osink *S = X->S;
    double t0 = rc_stagetime_now();
    char *cbuf = NULL;
    size_t ccap = 0;
    int in = R->ztmp ? fileno(R->ztmp) : -1;
    if (X->head)
        out_emit(S, X->headtxt, X->hl);
    for (int k = X->k0; k < X->k1 && !X->bad; k++) {
        keysink *ks = &R->k[k];
        char open[64];
        size_t ol = key_open(k, open, sizeof open);
        out_emit(S, open, ol);
        for (size_t i = 0; i < ks->n && !X->bad; i++) {
            const chunk *c = &ks->c[i];
            size_t b = c->blk;
            if (!X->data[b]) {
                char *u = NULL;
                size_t ucap = 0;
                const char *rec = block_read(in, &R->blk[b], &cbuf, &ccap, &u, &ucap);
                if (!rec) {
                    keep_errno(&X->err);
                    free(u);
                    X->bad = 1;
                    break;
                }
                if (rec == cbuf) { /* raw: keep the read buffer */
                    X->data[b] = cbuf;
                    cbuf = NULL;
                    ccap = 0;
                    free(u);
                } else {
                    X->data[b] = u;
                }
            }
            /* the first element without its separator's comma */
            out_emit_ref(S, X->data[b] + c->off + (i == 0), c->len - (i == 0));
            if (--X->left[b] == 0) {
                out_release(S, X->data[b]);
                X->data[b] = NULL;
            }
        }
        const char *cl = key_close(k, ks->n);
        out_emit(S, cl, strlen(cl));
    }
    if (X->tail)
        out_emit(S, "}\n", 2);
    free(cbuf);
    if (!X->head)
        rc_stagetime_add("final write (2nd)", rc_stagetime_now() - t0);
    return NULL;
}

/* The bytes key k takes in the stream: its opening, its elements (the
 * first without its comma) and its closing. */
static off_t key_bytes(const run *R, int k)
{
    char open[64];
    const keysink *ks = &R->k[k];
    off_t n = (off_t)key_open(k, open, sizeof open) + (off_t)strlen(key_close(k, ks->n));
    for (size_t i = 0; i < ks->n; i++)
        n += (off_t)ks->c[i].len;
    return n - (ks->n > 0);
}

/* Write the json stream in rc_report_json's layout, in order: each
 * key's elements sorted, each frame read back when its first element is
 * due and freed after its last (frames hold a part's consecutive
 * records of one key, mostly in output order: memory is about a frame
 * per part whose elements interleave with others'). Into a regular
 * file, with workers to spare, the keys are cut in two shares of about
 * the same bytes at a key boundary, and the second is read back and
 * written from its offset (known once every element's length is) by a
 * second thread with its own windows and writer, at the same time as
 * the first. Returns 0 or 1. */
static int write_stream(run *R, FILE *out)
{
    osink S[2];
    if (out_open(&S[0], out) != 0)
        return 1;
    size_t hl;
    char *head = stream_head(R, &hl);
    double t0 = rc_stagetime_now();
    sort_keys(R);
    rc_stagetime_add("final sort (main)", rc_stagetime_now() - t0);
    int bad = R->ztmp && fflush(R->ztmp) != 0;
    if (bad)
        keep_errno(&R->tmp_err);
    char **data = rc_calloc(R->nblk + 1, sizeof *data);
    size_t *left = rc_calloc(R->nblk + 1, sizeof *left);
    for (size_t b = 0; b < R->nblk; b++)
        left[b] = R->blk[b].nchunks;
    share X[2];
    for (int t = 0; t < 2; t++)
        X[t] = (share){R, &S[t], 0, NKEYS, t == 0, 1, head, hl, data, left, 0, 0};
    /* the cut: the key boundary nearest half of the bytes */
    off_t kb[NKEYS], total = (off_t)hl + 2, at = (off_t)hl, best = 0;
    for (int k = 0; k < NKEYS; k++)
        total += kb[k] = key_bytes(R, k);
    int cut = 0;
    for (int k = 0; k < NKEYS; k++) {
        off_t d = 2 * at > total ? 2 * at - total : total - 2 * at;
        if (k > 0 && (cut == 0 || d < best)) {
            best = d;
            cut = k;
        }
        at += kb[k];
    }
    int two = 0;
    pthread_t th;
    if (!bad && cut > 0 && R->nworkers > 1 && !S[0].f) {
        off_t from = S[0].pos + (off_t)hl;
        for (int k = 0; k < cut; k++)
            from += kb[k];
        out_open_at(&S[1], &S[0], from);
        X[0].k1 = X[1].k0 = cut;
        X[0].tail = 0;
        two = pthread_create(&th, NULL, share_write, &X[1]) == 0;
        if (!two) {
            out_close(&S[1]);
            X[0].k1 = NKEYS;
            X[0].tail = 1;
        }
    }
    if (!bad)
        share_write(&X[0]);
    bad |= X[0].bad;
    if (two) {
        pthread_join(th, NULL);
        bad |= X[1].bad;
        bad |= out_close(&S[1]) != 0;
    }
    off_t end = two ? S[1].pos : S[0].pos;
    bad |= out_close(&S[0]) != 0;
    if (!S[0].f && fseeko(out, end, SEEK_SET) != 0) {
        keep_errno(&R->out_err);
        bad = 1;
    }
    /* the reasons, for the final message */
    for (int t = 0; t < 2; t++) {
        if (X[t].err && !R->tmp_err)
            R->tmp_err = X[t].err;
        if ((t == 0 || two) && S[t].err && !R->out_err)
            R->out_err = S[t].err;
    }
    for (size_t b = 0; b < R->nblk; b++)
        free(data[b]);
    free(data);
    free(left);
    free(head);
    return bad;
}

/* The merged report tree of the sinks (tree mode). */
static json_t *merged_tree(run *R)
{
    json_t *t = json_object();
    json_object_set_new(t, "recoupe", json_pack("{s:s, s:i}", "version",
                                                 R->o->version ? R->o->version : "",
                                                 "report_format", 1));
    for (int k = 0; k < NKEYS; k++) {
        keysink *ks = &R->k[k];
        rc_chunks_sort(ks->c, ks->n);
        json_t *a = json_array();
        for (size_t i = 0; i < ks->n; i++) {
            json_array_append_new(a, ks->c[i].v);
            ks->c[i].v = NULL;
        }
        json_object_set_new(t, KEYS[k], a);
    }
    return t;
}

/* Worker threads by default; see store_report.h. */
size_t rc_store_report_jobs(void)
{
    const char *e = getenv("RECOUPE_JOBS");
    if (e && *e) {
        char *end = NULL;
        unsigned long long v = strtoull(e, &end, 10);
        if (end && !*end && v > 0)
            return v > RC_REPORT_MAX_JOBS ? RC_REPORT_MAX_JOBS : (size_t)v;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return (size_t)n > RC_REPORT_MAX_JOBS ? RC_REPORT_MAX_JOBS : (size_t)n;
}

/* The report; see store_report.h. */
int rc_store_report(rc_store *s, const rc_store_report_opts *o, FILE *out)
{
    const char *fmt = o->format ? o->format : "terminal";
    int is_json = strcmp(fmt, "json") == 0, is_html = strcmp(fmt, "html") == 0;
    int is_term = strcmp(fmt, "terminal") == 0;
    run R;
    memset(&R, 0, sizeof R);
    R.s = s;
    R.o = o;
    R.stream = is_json && !o->event;
    R.terminal = is_term && !o->event;
    R.markdown = strcmp(fmt, "markdown") == 0;
    R.story_cap = RC_REPORT_STORY_DOCS;
    R.nworkers = o->jobs ? o->jobs : rc_store_report_jobs();
    const char *cap = getenv("RECOUPE_STORY_PART");
    if (cap && *cap) {
        char *end = NULL;
        unsigned long long v = strtoull(cap, &end, 10);
        if (end && !*end && v > 0 && v <= SIZE_MAX)
            R.story_cap = (size_t)v;
    }
    R.out = out;
    R.with_text = is_json || is_html;
    rc_idmap_init(&R.byid, 4);
    rc_evlist *l = NULL;
    double wall0 = rc_stagetime_wall_now();
    double tl = rc_stagetime_now();
    /* the ids are read and the background made on this thread while the
     * stories are linked on another (the link's tail outlasts the walk) */
    bgcall B = {&R, RC_ERR, NULL, 0.0};
    int rc = rc_evlist_load_with(s, &l, background_during, &B);
    if (rc == RC_OK && B.rc != RC_OK)
        rc = B.rc;
    rc_stagetime_add("events+stories load", rc_stagetime_now() - tl - B.cpu);
    size_t only = SIZE_MAX;
    if (rc == RC_OK && o->event) {
        for (size_t i = 0; i < l->nevents; i++)
            if (strcmp(l->events[i].id, o->event) == 0)
                only = l->events[i].story;
        if (only == SIZE_MAX) {
            size_t n = l->nevents;
            fprintf(stderr, "recoupe: error: no event '%s' (%zu event%s in this report%s)\n",
                    o->event, n, n == 1 ? "" : "s",
                    n ? "; see the events[] ids of --format json" : "");
            rc = RC_NOTFOUND;
        }
    }
    if (rc == RC_OK && R.terminal && !(R.body = tmp_open())) {
        fprintf(stderr, "recoupe: error: no temporary file (%s)\n", strerror(errno));
        rc = RC_IO;
    }
    if (rc == RC_OK) {
        rc_framing_background *bg = B.bg;
        B.bg = NULL;
        /* the serial start (ids, events and stories, background) */
        rc_stagetime_add_wall("start (ids, stories)", rc_stagetime_wall_now() - wall0);
        run_parts(&R, l, only, bg);
        rc_framing_background_free(bg);
        if (R.stream) {
            double tw = rc_stagetime_now(), ww = rc_stagetime_wall_now();
            R.bad |= write_stream(&R, out);
            rc_stagetime_add("final write (main)", rc_stagetime_now() - tw);
            rc_stagetime_add_wall("final (sort, write)", rc_stagetime_wall_now() - ww);
        } else if (R.markdown) {
            /* written story by story */
        } else if (R.terminal) {
            if (rc_report_terminal_head(out, R.ndocs_out, only == SIZE_MAX ? l->nevents : 0,
                                        R.nclaims_out, &o->term) != RC_OK) {
                keep_errno(&R.out_err);
                R.bad = 1;
            }
            fflush(R.body);
            long end = ftell(R.body);
            if (end < 0 || copy_bytes(R.body, 0, (size_t)end, out) != 0) {
                keep_errno(&R.out_err);
                R.bad = 1;
            }
        } else {
            json_t *t = merged_tree(&R);
            if (o->event)
                rc_report_tree_event(t, o->event);
            int w;
            if (is_json)
                w = rc_report_json_tree(out, t);
            else if (is_html)
                w = rc_report_html(out, t);
            else
                w = rc_report_terminal(out, t, &o->term);
            if (w != RC_OK) {
                keep_errno(&R.out_err);
                R.bad = 1;
            }
            json_decref(t);
        }
        if (fflush(out) != 0 || ferror(out)) {
            keep_errno(&R.out_err);
            R.bad = 1;
        }
        if (R.bad) {
            /* one message, naming the file that failed and why */
            const char *name = o->output ? o->output : "stdout";
            if (R.tmp_err)
                fprintf(stderr,
                        "recoupe: error: could not write the report's temporary file in %s "
                        "(%s); the report is incomplete\n",
                        tmp_dir(), strerror(R.tmp_err));
            else if (R.out_err)
                fprintf(stderr, "recoupe: %s: error: could not write the report (%s)\n", name,
                        strerror(R.out_err));
            else
                fprintf(stderr, "recoupe: %s: error: the report is incomplete\n", name);
            rc = RC_IO;
        }
    }
    if (R.body)
        fclose(R.body);
    for (int k = 0; k < NKEYS; k++) {
        for (size_t i = 0; !R.stream && i < R.k[k].n; i++)
            json_decref(R.k[k].c[i].v);
        free(R.k[k].c);
    }
    if (R.ztmp)
        fclose(R.ztmp);
    free(R.blk);
    rc_framing_background_free(B.bg);
    rc_evlist_free(l);
    rc_idmap_cleanup(&R.byid);
    for (size_t i = 0; i < R.nids; i++)
        free(R.ids[i]);
    free(R.ids);
    return rc;
}
