/*
 * sqlite.c - the SQLite store backend (the embedded default).
 *
 * Schema, version 5 (RC_STORE_SCHEMA_VERSION; also PRAGMA user_version):
 *
 *   meta(key TEXT PRIMARY KEY, value TEXT)     schema_version = '2',
 *                                              df_docs = documents counted
 *                                              by rc_store_df_add
 *   documents(
 *     n             INTEGER PRIMARY KEY,  insertion order (kept on replace)
 *     id            TEXT NOT NULL UNIQUE,
 *     source, url, title, published, outlet, author, dateline, lang,
 *     grp           TEXT,                 NULL when unknown
 *     format        INTEGER NOT NULL,     rc_format
 *     text          TEXT NOT NULL,        the cleaned text: TEXT (plain
 *                                        UTF-8), or since version 2 a BLOB
 *                                        holding one zstd frame of it
 *     content_hash  INTEGER NOT NULL UNIQUE, the uint64 with its bits read
 *                                        as int64 (two's complement)
 *     invalid_bytes INTEGER NOT NULL,
 *     sentences     BLOB,                 8 bytes per sentence: start, end
 *                                        as uint32 little endian
 *     line_hashes   BLOB,                 8 bytes per line hash, uint64
 *                                        little endian, input order
 *     added_at      TEXT NOT NULL)        UTC, "2025-06-17T08:00:00Z"
 *   credits(doc, idx, name)                        PRIMARY KEY (doc, idx)
 *   issues(doc, idx, kind, description, evidence)  PRIMARY KEY (doc, idx)
 *   removed(doc, idx, line)                        PRIMARY KEY (doc, idx)
 *   line_seen(grp, hash, ndocs)                    PRIMARY KEY (grp, hash)
 *
 * Version 2 adds the state of incremental clustering (store.h):
 *
 *   doc_cluster(
 *     doc       INTEGER PRIMARY KEY,  documents.n (ON DELETE CASCADE), so
 *                                     insertion order is the row order
 *     day       INTEGER,              event day (days since 1970-01-01),
 *                                     NULL when undated; index (day)
 *     features  BLOB,                 the engine's serialised features
 *     event_id  INTEGER,              NULL: in no event
 *     copy_of   TEXT)                 id of the document it copies, or NULL
 *   events(event_id INTEGER PRIMARY KEY, story_id, day, label, ndocs, state)
 *   stories(story_id INTEGER PRIMARY KEY, day, label, state)
 *                                     index (day) on both; state: opaque
 *   term_df(term INTEGER PRIMARY KEY, df INTEGER NOT NULL)
 *                                     term: uint64 hash read as int64
 *
 * Version 3 adds doc_cluster.facts BLOB: the document's extracted facts
 * (extract/factscodec.h), written with the features by put_cluster (same
 * statement, same batch), NULL in rows of older stores or when the facts
 * could not be recorded. rc_store_get and rc_store_each read it into
 * rc_doc.stored_facts (one primary-key lookup in the same statement).
 * It goes with the cluster row: a replaced document loses both.
 *
 * Version 4 adds doc_cluster.copykeys BLOB: the document's copy keys
 * (cluster/copies.h rc_dedup_record_keys: text hash, band keys, sentence
 * fingerprints), written by put_cluster with the row, NULL in rows of
 * older stores; rc_store_get_keyed reads them with the document and its
 * features (one LEFT JOIN).
 *
 * Version 5 adds the write generation, meta.write_gen: every write
 * transaction adds 1 to it inside itself (a batch once, at its first
 * write, outside any savepoint: a batch that writes nothing leaves it; a
 * write outside a batch in the transaction of its own that tx_begin
 * opens; put_event and put_story outside a batch likewise), so two reads
 * of the same generation see the same rows, whatever wrote them. And
 *
 *   story_link(k INTEGER PRIMARY KEY,     1: one row at most
 *     gen  INTEGER NOT NULL,              the write generation it was made at
 *     fp   INTEGER NOT NULL,              the maker's fingerprint (opaque)
 *     data BLOB NOT NULL)                 cluster/linkcache.h's record
 *
 * the stories' link of the listing (cluster/place.h), kept so that a
 * listing at the same generation reads it instead of linking again.
 * Writing it (rc_store_put_link) does not move the generation.
 *
 * A replaced document (same id, new content) loses its doc_cluster row in
 * the same transaction as the rewrite. Window reads (each_cluster, _event,
 * _story) fetch PAGE_ROWS rows at a time by key (day, rowid) > last seen,
 * copy them, reset the statement, then call back: memory is one page, and
 * no statement is open while the caller runs. The (day) index holds the
 * rowid, so each page is one index seek.
 *
 * credits, issues and removed are WITHOUT ROWID tables keyed by
 * documents.n (foreign key, ON DELETE CASCADE). Sentences and line hashes
 * are blobs in the document row rather than child tables: a 3 KB article
 * has ~30 of each and one row per item made put three times slower.
 *
 * line_seen counts, per group and line hash, the distinct documents of
 * that group containing the line: a put adds 1 per distinct hash of its
 * line_hashes (one INSERT .. SELECT over json_each, not one statement per
 * line); a replace first subtracts the old row's (its grp and line_hashes
 * blob), deleting counts that reach 0. Documents without a group count
 * nowhere.
 *
 * Text compression: a text of at least ZTEXT_MIN bytes is stored as a zstd
 * frame (level ZTEXT_LEVEL, content size in the frame header) when that
 * saves at least 1/16 of it; the column's type says which (rows of
 * version 1 stores stay plain and read as before). News text compresses
 * about 2-3x at level 1, and WAL mode writes every page twice (log, then
 * checkpoint), so this roughly halves what an ingest writes. Readers see
 * plain text only (rc_store_get / rc_store_each).
 *
 * Durability: WAL, synchronous=NORMAL, foreign_keys=ON, busy timeout 5 s,
 * wal_autocheckpoint WAL_CHECKPOINT_PAGES, temp_store=MEMORY once a batch
 * is opened (see sq_begin).
 * Every rc_store_put is one BEGIN IMMEDIATE .. COMMIT (ROLLBACK on any
 * failure), or one savepoint inside a batch (rc_store_begin/commit), so a
 * killed process leaves only complete documents. Prepared statements are
 * made on first use and kept until close.
 *
 * Versions: a store newer than this program is refused (RC_SCHEMA) before
 * anything is written; older ones are brought up by the steps in upgrades[]
 * in one transaction. A file that is not an SQLite database, or an SQLite
 * database that is not a recoupe store, is refused with RC_IO.
 */
#include "store/backend.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/rc.h"
#include <sqlite3.h>
#include <zstd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUSY_TIMEOUT_MS 5000
#define CACHE_KIB 32768 /* page cache: a batch of puts should not spill */
#define PAGE_ROWS 256   /* rows per page of a window read */
/* WAL pages between automatic checkpoints (SQLite's default is 1,000):
 * each checkpoint costs two fdatasync calls and copies every page changed
 * since the last one, and a bulk ingest changes the same index pages
 * (documents.id, content_hash, line_seen) again and again, so fewer,
 * larger checkpoints write less and wait less. The WAL file grows to
 * about this many pages (40 MiB at 4 KiB) and is removed at close. */
#define WAL_CHECKPOINT_PAGES 10000
/* Pages of the database file are read through a shared mapping of up to
 * this many bytes (PRAGMA mmap_size; SQLite's own cap is just under 2 GiB)
 * rather than one pread call and copy per page: a report reads every
 * document row once, and at 12,500 articles that was a third of the
 * main thread's load time. The WAL is still read with pread. */
#define MMAP_BYTES 2147418112LL
#define ZTEXT_MIN 256   /* shorter texts are stored plain */
#define ZTEXT_LEVEL 1   /* zstd level: fast; higher levels gained little */
#define ZTEXT_MAX ((unsigned long long)1 << 31) /* largest text a frame may claim */

/* The tables added by schema version 2 (incremental clustering). */
#define CLUSTER_SQL \
    "CREATE TABLE doc_cluster(" \
    " doc INTEGER PRIMARY KEY REFERENCES documents(n) ON DELETE CASCADE," \
    " day INTEGER, features BLOB, event_id INTEGER, copy_of TEXT);" \
    "CREATE INDEX doc_cluster_day ON doc_cluster(day);" \
    "CREATE TABLE events(event_id INTEGER PRIMARY KEY, story_id INTEGER," \
    " day INTEGER, label TEXT, ndocs INTEGER NOT NULL DEFAULT 0, state BLOB);" \
    "CREATE INDEX events_day ON events(day);" \
    "CREATE TABLE stories(story_id INTEGER PRIMARY KEY, day INTEGER," \
    " label TEXT, state BLOB);" \
    "CREATE INDEX stories_day ON stories(day);" \
    "CREATE TABLE term_df(term INTEGER PRIMARY KEY, df INTEGER NOT NULL);"

/* Schema version 3: the stored facts beside the features. */
#define FACTS_SQL "ALTER TABLE doc_cluster ADD COLUMN facts BLOB;"
/* Schema version 4: the copy keys beside them. */
#define COPYKEYS_SQL "ALTER TABLE doc_cluster ADD COLUMN copykeys BLOB;"
/* Schema version 5: the write generation and the stories' link kept for
 * it (one row, k = 1). */
#define LINK_SQL \
    "CREATE TABLE story_link(k INTEGER PRIMARY KEY, gen INTEGER NOT NULL," \
    " fp INTEGER NOT NULL, data BLOB NOT NULL);" \
    "INSERT OR IGNORE INTO meta(key, value) VALUES('write_gen', '0');"

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE documents("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " source TEXT, format INTEGER NOT NULL DEFAULT 0,"
    " url TEXT, title TEXT, published TEXT, outlet TEXT, author TEXT,"
    " dateline TEXT, lang TEXT, grp TEXT,"
    " text TEXT NOT NULL,"
    " content_hash INTEGER NOT NULL UNIQUE,"
    " invalid_bytes INTEGER NOT NULL DEFAULT 0,"
    " sentences BLOB,"
    " line_hashes BLOB,"
    " added_at TEXT NOT NULL);"
    "CREATE TABLE credits("
    " doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, name TEXT NOT NULL,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE issues("
    " doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL,"
    " evidence TEXT,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE removed("
    " doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, line TEXT NOT NULL,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE line_seen("
    " grp TEXT NOT NULL, hash INTEGER NOT NULL, ndocs INTEGER NOT NULL,"
    " PRIMARY KEY(grp, hash)) WITHOUT ROWID;"
    CLUSTER_SQL FACTS_SQL COPYKEYS_SQL LINK_SQL;

/* upgrades[v] turns a version v store into version v + 1 (SQL run inside
 * one transaction, followed by the version bump); NULL when only the
 * version changes. Version 0 is an empty file and gets schema_sql. */
static const char *const upgrades[RC_STORE_SCHEMA_VERSION] = {
    [0] = NULL,
    [1] = CLUSTER_SQL, /* 1 -> 2: incremental clustering; documents kept */
    [2] = FACTS_SQL,   /* 2 -> 3: stored facts; old rows have none */
    [3] = COPYKEYS_SQL, /* 3 -> 4: copy keys; old rows have none */
    [4] = LINK_SQL,     /* 4 -> 5: write generation, kept stories link */
};

enum {
    S_BEGIN, S_BEGIN_READ, S_COMMIT, S_ROLLBACK, S_SAVE, S_RELEASE, S_UNDO,
    S_FIND_ID, S_FIND_HASH,
    S_INS_DOC, S_UPD_DOC,
    S_DEL_CRED, S_DEL_ISSUE, S_DEL_REMOVED,
    S_INS_CRED, S_INS_ISSUE, S_INS_REMOVED,
    S_LINE_INC, S_LINE_DEC, S_LINE_GC, S_LINE_GET,
    S_GET_ID, S_GET_ID_F, S_GET_ID_K, S_NEXT, S_MAXN, S_COUNT, S_IDS,
    S_SEL_CRED, S_SEL_ISSUE, S_SEL_REMOVED,
    S_DEL_CLUSTER, S_PUT_CLUSTER, S_GET_CLUSTER,
    S_WIN_CLUSTER, S_UND_CLUSTER, S_WIN_CLUSTER_B, S_UND_CLUSTER_B, S_WIN_EVENT, S_UND_EVENT,
    S_WIN_STORY, S_UND_STORY,
    S_PUT_EVENT, S_PUT_STORY, S_NEXT_EVENT, S_NEXT_STORY,
    S_DF_INC, S_DF_DEC, S_DF_GC, S_DF_GET, S_DOCS_ADD, S_DOCS_GET, S_DF_ADDN,
    S_GEN_BUMP, S_GEN_GET, S_LINK_GET, S_LINK_PUT,
    S_N
};

/* column order read by load_doc */
#define DOC_COLS_BASE \
    "documents.n, id, source, format, url, title, published, outlet, author, dateline, " \
    "lang, grp, text, content_hash, invalid_bytes, sentences, line_hashes"
#define DOC_COLS DOC_COLS_BASE ", (SELECT facts FROM doc_cluster WHERE doc=documents.n)"

#define CLUSTER_COLS \
    "SELECT c.doc, c.day, d.id, c.copy_of, c.features, c.event_id, 0 " \
    "FROM doc_cluster c JOIN documents d ON d.n=c.doc"
/* the same without the features (NULL in their column) */
#define CLUSTER_COLS_B \
    "SELECT c.doc, c.day, d.id, c.copy_of, NULL, c.event_id, 0 " \
    "FROM doc_cluster c JOIN documents d ON d.n=c.doc"
#define EVENT_COLS "SELECT event_id, day, label, NULL, state, story_id, ndocs FROM events"
#define STORY_COLS "SELECT story_id, day, label, NULL, state, 0, 0 FROM stories"

static const char *const sql[S_N] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_BEGIN_READ] = "BEGIN",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_SAVE] = "SAVEPOINT put",
    [S_RELEASE] = "RELEASE put",
    [S_UNDO] = "ROLLBACK TO put",
    [S_FIND_ID] = "SELECT n, content_hash, grp, line_hashes FROM documents WHERE id=?1",
    [S_FIND_HASH] = "SELECT id FROM documents WHERE content_hash=?1",
    [S_INS_DOC] = "INSERT INTO documents(id, source, format, url, title, published, "
                  "outlet, author, dateline, lang, grp, text, content_hash, "
                  "invalid_bytes, sentences, line_hashes, added_at) "
                  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    [S_UPD_DOC] = "UPDATE documents SET id=?1, source=?2, format=?3, url=?4, title=?5, "
                  "published=?6, outlet=?7, author=?8, dateline=?9, lang=?10, grp=?11, "
                  "text=?12, content_hash=?13, invalid_bytes=?14, sentences=?15, "
                  "line_hashes=?16, added_at=?17 WHERE n=?18",
    [S_DEL_CRED] = "DELETE FROM credits WHERE doc=?1",
    [S_DEL_ISSUE] = "DELETE FROM issues WHERE doc=?1",
    [S_DEL_REMOVED] = "DELETE FROM removed WHERE doc=?1",
    [S_INS_CRED] = "INSERT INTO credits(doc, idx, name) VALUES(?1,?2,?3)",
    [S_INS_ISSUE] = "INSERT INTO issues(doc, idx, kind, description, evidence) "
                    "VALUES(?1,?2,?3,?4,?5)",
    [S_INS_REMOVED] = "INSERT INTO removed(doc, idx, line) VALUES(?1,?2,?3)",
    /* ?2 is a JSON array of distinct int64 hashes */
    [S_LINE_INC] = "INSERT INTO line_seen(grp, hash, ndocs) "
                   "SELECT ?1, value, 1 FROM json_each(?2) WHERE 1 "
                   "ON CONFLICT(grp, hash) DO UPDATE SET ndocs=ndocs+1",
    [S_LINE_DEC] = "UPDATE line_seen SET ndocs=ndocs-1 "
                   "WHERE grp=?1 AND hash IN (SELECT value FROM json_each(?2))",
    [S_LINE_GC] = "DELETE FROM line_seen WHERE grp=?1 AND ndocs<=0 "
                  "AND hash IN (SELECT value FROM json_each(?2))",
    [S_LINE_GET] = "SELECT ndocs FROM line_seen WHERE grp=?1 AND hash=?2",
    [S_GET_ID] = "SELECT " DOC_COLS " FROM documents WHERE id=?1",
    /* the same and the cluster row's features, column 18 */
    [S_GET_ID_F] = "SELECT " DOC_COLS_BASE ", c.facts, c.features FROM documents "
                   "LEFT JOIN doc_cluster c ON c.doc=documents.n WHERE documents.id=?1",
    /* the same and the cluster row's copy keys, column 19: the row's
     * three blobs read from one lookup of it */
    [S_GET_ID_K] = "SELECT " DOC_COLS_BASE ", c.facts, c.features, c.copykeys FROM documents "
                   "LEFT JOIN doc_cluster c ON c.doc=documents.n WHERE documents.id=?1",
    [S_NEXT] = "SELECT " DOC_COLS " FROM documents WHERE n>?1 AND n<=?2 "
               "ORDER BY n LIMIT 1",
    [S_MAXN] = "SELECT max(n) FROM documents",
    [S_COUNT] = "SELECT count(*) FROM documents",
    [S_IDS] = "SELECT n, id FROM documents WHERE n>?1 ORDER BY n LIMIT 256",
    [S_SEL_CRED] = "SELECT name FROM credits WHERE doc=?1 ORDER BY idx",
    [S_SEL_ISSUE] = "SELECT kind, description, evidence FROM issues WHERE doc=?1 "
                    "ORDER BY idx",
    [S_SEL_REMOVED] = "SELECT line FROM removed WHERE doc=?1 ORDER BY idx",
    [S_DEL_CLUSTER] = "DELETE FROM doc_cluster WHERE doc=?1",
    [S_PUT_CLUSTER] = "INSERT OR REPLACE INTO doc_cluster(doc, day, features, event_id, "
                      "copy_of, facts, copykeys) SELECT n, ?2, ?3, ?4, ?5, ?6, ?7 "
                      "FROM documents WHERE id=?1",
    /* window reads: every one returns (key, day, str, str, blob, int, int);
     * dated: ?1 last day, ?2 last key, ?3 last day of the window, ?4 page;
     * undated: ?1 last key, ?2 page */
    [S_GET_CLUSTER] = CLUSTER_COLS " WHERE d.id=?1",
    [S_WIN_CLUSTER] = CLUSTER_COLS " WHERE c.day>=?1 AND c.day<=?3 AND (c.day, c.doc)>(?1, ?2) "
                      "ORDER BY c.day, c.doc LIMIT ?4",
    [S_UND_CLUSTER] = CLUSTER_COLS " WHERE c.day IS NULL AND c.doc>?1 ORDER BY c.doc LIMIT ?2",
    [S_WIN_CLUSTER_B] = CLUSTER_COLS_B " WHERE c.day>=?1 AND c.day<=?3 AND (c.day, c.doc)>(?1, ?2) "
                        "ORDER BY c.day, c.doc LIMIT ?4",
    [S_UND_CLUSTER_B] = CLUSTER_COLS_B " WHERE c.day IS NULL AND c.doc>?1 ORDER BY c.doc LIMIT ?2",
    [S_WIN_EVENT] = EVENT_COLS " WHERE day>=?1 AND day<=?3 AND (day, event_id)>(?1, ?2) "
                    "ORDER BY day, event_id LIMIT ?4",
    [S_UND_EVENT] = EVENT_COLS " WHERE day IS NULL AND event_id>?1 ORDER BY event_id LIMIT ?2",
    [S_WIN_STORY] = STORY_COLS " WHERE day>=?1 AND day<=?3 AND (day, story_id)>(?1, ?2) "
                    "ORDER BY day, story_id LIMIT ?4",
    [S_UND_STORY] = STORY_COLS " WHERE day IS NULL AND story_id>?1 ORDER BY story_id LIMIT ?2",
    [S_PUT_EVENT] = "INSERT OR REPLACE INTO events(event_id, story_id, day, label, ndocs, "
                    "state) VALUES(?1,?2,?3,?4,?5,?6)",
    [S_PUT_STORY] = "INSERT OR REPLACE INTO stories(story_id, day, label, state) "
                    "VALUES(?1,?2,?3,?4)",
    [S_NEXT_EVENT] = "SELECT coalesce(max(event_id), 0) + 1 FROM events",
    [S_NEXT_STORY] = "SELECT coalesce(max(story_id), 0) + 1 FROM stories",
    /* ?1 is a JSON array of distinct int64 term hashes */
    [S_DF_INC] = "INSERT INTO term_df(term, df) SELECT value, 1 FROM json_each(?1) WHERE 1 "
                 "ON CONFLICT(term) DO UPDATE SET df=df+1",
    [S_DF_DEC] = "UPDATE term_df SET df=df-1 WHERE term IN (SELECT value FROM json_each(?1))",
    [S_DF_GC] = "DELETE FROM term_df WHERE df<=0 "
                "AND term IN (SELECT value FROM json_each(?1))",
    [S_DF_GET] = "SELECT df FROM term_df WHERE term=?1",
    [S_DOCS_ADD] = "INSERT INTO meta(key, value) VALUES('df_docs', max(0, ?1)) "
                   "ON CONFLICT(key) DO UPDATE SET value=max(0, CAST(value AS INTEGER)+?1)",
    [S_DOCS_GET] = "SELECT CAST(value AS INTEGER) FROM meta WHERE key='df_docs'",
    [S_DF_ADDN] = "INSERT INTO term_df(term, df) VALUES(?1, ?2) "
                  "ON CONFLICT(term) DO UPDATE SET df=df+excluded.df",
    [S_GEN_BUMP] = "INSERT INTO meta(key, value) VALUES('write_gen', '1') "
                   "ON CONFLICT(key) DO UPDATE SET value=CAST(value AS INTEGER)+1",
    [S_GEN_GET] = "SELECT CAST(value AS INTEGER) FROM meta WHERE key='write_gen'",
    [S_LINK_GET] = "SELECT gen, fp, data FROM story_link WHERE k=1",
    [S_LINK_PUT] = "INSERT OR REPLACE INTO story_link(k, gen, fp, data) VALUES(1, ?1, ?2, ?3)",
};

/* A reusable byte buffer for blobs being bound. */
typedef struct scratch {
    unsigned char *p;
    size_t cap;
} scratch;

struct rc_store_impl {
    sqlite3 *db;
    char *name;                 /* for diagnostics */
    sqlite3_stmt *st[S_N];      /* prepared on first use */
    scratch sent, lines, old;   /* encoded sentences, line hashes, old blob */
    uint64_t *hs;               /* deduplicated line hashes */
    size_t hs_cap;
    rc_buf json;                /* the same as a JSON array */
    rc_buf row;                 /* copies made by get_cluster */
    scratch ztext;              /* a compressed text being bound */
    ZSTD_CCtx *zc;              /* made on first use */
    ZSTD_DCtx *zd;
    int batch;                  /* inside rc_store_begin .. rc_store_commit */
    int reading;                /* inside rc_store_read_begin .. _read_end */
    int temp_in_memory;         /* PRAGMA temp_store=MEMORY done (sq_begin) */
    int gen_touched;            /* the open batch moved the generation */
};

/* At least n bytes of s (contents not kept). */
static unsigned char *scratch_get(scratch *s, size_t n)
{
    if (n > s->cap || !s->p) {
        s->p = rc_realloc(s->p, n ? n : 1);
        s->cap = n;
    }
    return s->p;
}

/* Store v at p, little endian, in nbytes bytes (4 or 8). */
static void put_le(unsigned char *p, uint64_t v, int nbytes)
{
    for (int k = 0; k < nbytes; k++)
        p[k] = (unsigned char)(v >> (8 * k));
}

/* The little-endian nbytes-byte unsigned integer at p. */
static uint64_t get_le(const unsigned char *p, int nbytes)
{
    uint64_t v = 0;
    for (int k = nbytes - 1; k >= 0; k--)
        v = v << 8 | p[k];
    return v;
}

/* Print one error naming the store, what failed and SQLite's message;
 * return RC_IO. */
static int fail(rc_store_impl *h, const char *what)
{
    rc_diag_error(h->name, 0, -1, "%s: %s", what, sqlite3_errmsg(h->db));
    return RC_IO;
}

/* The uint64 v as the int64 with the same bits (well defined). */
static sqlite3_int64 u2i(uint64_t v)
{
    sqlite3_int64 r;
    memcpy(&r, &v, sizeof r);
    return r;
}

/* The uint64 with the same bits as the int64 v. */
static uint64_t i2u(sqlite3_int64 v)
{
    uint64_t r;
    memcpy(&r, &v, sizeof r);
    return r;
}

/* Statement `which`, prepared on first use and kept until close, ready to
 * bind. Returns NULL after printing a message when it cannot be prepared. */
static sqlite3_stmt *stmt(rc_store_impl *h, int which)
{
    if (!h->st[which] &&
        sqlite3_prepare_v3(h->db, sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &h->st[which], NULL) != SQLITE_OK) {
        fail(h, "cannot prepare a statement");
        h->st[which] = NULL;
        return NULL;
    }
    return h->st[which];
}

/* Run a statement that returns no rows (bindings already made) and reset
 * it. Returns RC_OK, or RC_IO after a message mentioning what. */
static int run(rc_store_impl *h, sqlite3_stmt *st, const char *what)
{
    int e = sqlite3_step(st), rc = RC_OK;
    if (e != SQLITE_DONE && e != SQLITE_ROW)
        rc = fail(h, what); /* before the reset, which may clear the message */
    sqlite3_reset(st);
    return rc;
}

/* Run the unbound statement `which` once (BEGIN, COMMIT, ...). */
static int run1(rc_store_impl *h, int which, const char *what)
{
    sqlite3_stmt *st = stmt(h, which);
    return st ? run(h, st, what) : RC_IO;
}

/* Bind the string s (NULL binds SQL NULL) without copying; s must stay
 * valid until the statement is reset. Returns an SQLite code. */
static int bind_str(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Bind n bytes at p as a blob (NULL when n is 0) without copying. */
static int bind_blob(sqlite3_stmt *st, int i, const void *p, size_t n)
{
    if (!n)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_blob64(st, i, p, n, SQLITE_STATIC);
}

/* Column i as a NUL-terminated string, or NULL when SQL NULL. */
static const char *col_str(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL
               ? NULL
               : (const char *)sqlite3_column_text(st, i);
}

/* Read one integer from the first row of q into *v (0 when no row).
 * Returns SQLITE_OK or the SQLite code of the failure. */
static int query_int(sqlite3 *db, const char *q, sqlite3_int64 *v)
{
    sqlite3_stmt *st;
    *v = 0;
    int e = sqlite3_prepare_v2(db, q, -1, &st, NULL);
    if (e != SQLITE_OK)
        return e;
    e = sqlite3_step(st);
    if (e == SQLITE_ROW) {
        *v = sqlite3_column_int64(st, 0);
        e = SQLITE_OK;
    } else if (e == SQLITE_DONE) {
        e = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return e;
}

/* Schema version of the open store: the larger of PRAGMA user_version and
 * meta.schema_version (so a bump of either is seen). Sets *empty when the
 * file holds no tables at all. Only reads. Returns RC_OK or RC_IO after a
 * message (not an SQLite database, or not a recoupe store). */
static int read_version(rc_store_impl *h, sqlite3_int64 *version, int *empty)
{
    sqlite3_int64 uv = 0, ntables = 0, mv = 0;
    int e = query_int(h->db, "PRAGMA user_version", &uv);
    if (e == SQLITE_OK)
        e = query_int(h->db, "SELECT count(*) FROM sqlite_master", &ntables);
    if (e == SQLITE_NOTADB) {
        rc_diag_error(h->name, 0, -1, "not an SQLite database, so not a recoupe "
                      "store (%s); not opened", sqlite3_errmsg(h->db));
        return RC_IO;
    }
    if (e != SQLITE_OK)
        return fail(h, "cannot read the store");
    if (ntables > 0) {
        sqlite3_int64 has_meta = 0;
        e = query_int(h->db, "SELECT count(*) FROM sqlite_master "
                      "WHERE type='table' AND name='meta'", &has_meta);
        if (e == SQLITE_OK && has_meta)
            e = query_int(h->db, "SELECT CAST(value AS INTEGER) FROM meta "
                          "WHERE key='schema_version'", &mv);
        if (e != SQLITE_OK)
            return fail(h, "cannot read the schema version");
        if (!has_meta) {
            rc_diag_error(h->name, 0, -1, "an SQLite database but not a recoupe "
                          "store (no meta table); not opened");
            return RC_IO;
        }
    }
    *version = uv > mv ? uv : mv;
    *empty = ntables == 0;
    return RC_OK;
}

/* Run several ;-separated statements. Returns RC_OK or RC_IO after a
 * message mentioning what. */
static int exec(rc_store_impl *h, const char *q, const char *what)
{
    return sqlite3_exec(h->db, q, NULL, NULL, NULL) == SQLITE_OK ? RC_OK : fail(h, what);
}

/* Roll back the open transaction, if SQLite has not already done so. */
static void rollback(rc_store_impl *h)
{
    if (!sqlite3_get_autocommit(h->db))
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Create the schema in an empty store, or upgrade an older one, in one
 * transaction. Re-reads the version under the write lock, so two processes
 * opening a new file do not both create it; *version gets what was found.
 * Returns RC_OK, RC_SCHEMA (a newer program got there first; no message)
 * or RC_IO. */
static int create_or_upgrade(rc_store_impl *h, sqlite3_int64 *version)
{
    if (exec(h, "BEGIN IMMEDIATE", "cannot lock the store") != RC_OK)
        return RC_IO;
    int empty, rc = read_version(h, version, &empty);
    sqlite3_int64 v = *version;
    if (rc == RC_OK && v > RC_STORE_SCHEMA_VERSION)
        rc = RC_SCHEMA;
    if (rc == RC_OK && empty)
        rc = exec(h, schema_sql, "cannot create the store's tables");
    else if (rc == RC_OK)
        for (; v < RC_STORE_SCHEMA_VERSION && rc == RC_OK; v++)
            if (upgrades[v])
                rc = exec(h, upgrades[v], "cannot upgrade the store");
    if (rc == RC_OK) {
        char q[160];
        snprintf(q, sizeof q,
                 "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '%d');"
                 "PRAGMA user_version=%d",
                 RC_STORE_SCHEMA_VERSION, RC_STORE_SCHEMA_VERSION);
        rc = exec(h, q, "cannot record the schema version");
    }
    if (rc == RC_OK)
        rc = exec(h, "COMMIT", "cannot commit the new schema");
    if (rc != RC_OK)
        rollback(h);
    else if (!empty && *version < RC_STORE_SCHEMA_VERSION)
        rc_diag_warn(h->name, 0, -1, "upgraded the store from schema %lld to %d "
                     "(documents kept)", (long long)*version, RC_STORE_SCHEMA_VERSION);
    return rc;
}

static int sq_commit(rc_store_impl *h);
static int sq_read_end(rc_store_impl *h);

/* Commit an open batch, finalize every statement, close the database and
 * free h. */
static void sq_close(rc_store_impl *h)
{
    if (h->db) {
        sq_commit(h);
        sq_read_end(h);
    }
    for (int i = 0; i < S_N; i++)
        sqlite3_finalize(h->st[i]);
    sqlite3_close_v2(h->db);
    free(h->name);
    free(h->sent.p);
    free(h->lines.p);
    free(h->old.p);
    free(h->hs);
    rc_buf_cleanup(&h->json);
    rc_buf_cleanup(&h->row);
    free(h->ztext.p);
    ZSTD_freeCCtx(h->zc);
    ZSTD_freeDCtx(h->zd);
    free(h);
}

/* Open (creating when absent) the SQLite store at path; name is used in
 * messages. Returns RC_OK, RC_IO or RC_SCHEMA (see store.h). Nothing is
 * written to a store that is refused. */
static int sq_open(const char *path, const char *name, rc_store_impl **out)
{
    *out = NULL;
    rc_store_impl *h = rc_calloc(1, sizeof *h);
    h->name = rc_strdup(name);
    rc_buf_init(&h->json, 0);
    rc_buf_init(&h->row, 0);
    int e = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            NULL);
    if (e != SQLITE_OK) {
        if (h->db)
            fail(h, "cannot open the store");
        else
            rc_diag_error(name, 0, -1, "cannot open the store: %s", sqlite3_errstr(e));
        sq_close(h);
        return RC_IO;
    }
    sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);

    sqlite3_int64 v = 0;
    int empty = 0, rc = read_version(h, &v, &empty);
    if (rc == RC_OK && v > RC_STORE_SCHEMA_VERSION) {
        rc = RC_SCHEMA;
    } else if (rc == RC_OK && (empty || v < RC_STORE_SCHEMA_VERSION)) {
        /* WAL first, so the new tables are written through it */
        if (empty)
            rc = exec(h, "PRAGMA journal_mode=WAL", "cannot switch to WAL");
        if (rc == RC_OK)
            rc = create_or_upgrade(h, &v);
    }
    if (rc == RC_SCHEMA)
        rc_diag_error(name, 0, -1, "written by a newer recoupe (schema %lld, this "
                      "program knows %d); not opened", (long long)v,
                      RC_STORE_SCHEMA_VERSION);
    if (rc == RC_OK) {
        char q[256];
        snprintf(q, sizeof q,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "PRAGMA foreign_keys=ON; PRAGMA cache_size=-%d;"
                 "PRAGMA wal_autocheckpoint=%d; PRAGMA mmap_size=%lld",
                 CACHE_KIB, WAL_CHECKPOINT_PAGES, MMAP_BYTES);
        rc = exec(h, q, "cannot configure the store");
    }
    if (rc != RC_OK) {
        sq_close(h);
        return rc;
    }
    *out = h;
    return RC_OK;
}

/* Look up the document with content hash hash; copy its id into id[idlen].
 * Returns RC_OK, RC_NOTFOUND, RC_TOOBIG (id longer than idlen - 1 bytes:
 * truncated copy) or RC_IO. */
static int sq_find_hash(rc_store_impl *h, uint64_t hash, char *id, size_t idlen)
{
    sqlite3_stmt *st = stmt(h, S_FIND_HASH);
    if (!st)
        return RC_IO;
    sqlite3_bind_int64(st, 1, u2i(hash));
    int e = sqlite3_step(st), rc = RC_NOTFOUND;
    if (e == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        size_t n = s ? strlen(s) : 0;
        rc = RC_OK;
        if (n >= idlen) {
            rc = RC_TOOBIG;
            n = idlen ? idlen - 1 : 0;
        }
        if (idlen) {
            if (n)
                memcpy(id, s, n);
            id[n] = '\0';
        }
    } else if (e != SQLITE_DONE) {
        rc = fail(h, "cannot look up a content hash");
    }
    sqlite3_reset(st);
    return rc;
}

/* Order for qsort on uint64. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Append the decimal text of v to b (what "%lld" prints, without the
 * format parsing: this runs for every line of every stored document). */
static void put_i64(rc_buf *b, long long v)
{
    char tmp[24];
    size_t k = sizeof tmp;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--k] = '-';
    rc_buf_append(b, tmp + k, sizeof tmp - k);
}

/* Set h->json to a JSON array of the distinct hashes among the n at p
 * (8-byte little-endian items when le, else a uint64_t array), as int64.
 * Returns the number of distinct hashes. */
static size_t hashes_json(rc_store_impl *h, const void *p, size_t n, int le)
{
    if (n > h->hs_cap) {
        h->hs = rc_reallocarray(h->hs, n, sizeof *h->hs);
        h->hs_cap = n;
    }
    for (size_t i = 0; i < n; i++)
        h->hs[i] = le ? get_le((const unsigned char *)p + 8 * i, 8)
                      : ((const uint64_t *)p)[i];
    if (n > 1)
        qsort(h->hs, n, sizeof *h->hs, cmp_u64);
    rc_buf_reset(&h->json);
    rc_buf_putc(&h->json, '[');
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && h->hs[i] == h->hs[i - 1])
            continue;
        if (k)
            rc_buf_putc(&h->json, ',');
        put_i64(&h->json, (long long)u2i(h->hs[i]));
        k++;
    }
    rc_buf_putc(&h->json, ']');
    return k;
}

/* Bind group grp and h->json to st, run it. Returns RC_OK or RC_IO. */
static int run_lines(rc_store_impl *h, int which, const char *grp, const char *what)
{
    sqlite3_stmt *st = stmt(h, which);
    if (!st)
        return RC_IO;
    if (sqlite3_bind_text(st, 1, grp, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text64(st, 2, rc_buf_str(&h->json), h->json.len, SQLITE_STATIC,
                            SQLITE_UTF8) != SQLITE_OK) {
        fail(h, what);
        sqlite3_reset(st);
        return RC_IO;
    }
    return run(h, st, what);
}

/* Remove what hangs off stored document n before it is rewritten: its
 * credits, issues, removed lines and cluster row, and its line counts (from its old
 * group grp and line-hash blob of blen bytes). */
static int unlink_doc(rc_store_impl *h, sqlite3_int64 n, const char *grp,
                      const unsigned char *blob, size_t blen)
{
    if (grp && blen >= 8 && hashes_json(h, blob, blen / 8, 1)) {
        if (run_lines(h, S_LINE_DEC, grp, "cannot uncount lines") != RC_OK ||
            run_lines(h, S_LINE_GC, grp, "cannot uncount lines") != RC_OK)
            return RC_IO;
    }
    static const int dels[] = {S_DEL_CRED, S_DEL_ISSUE, S_DEL_REMOVED, S_DEL_CLUSTER};
    for (size_t i = 0; i < sizeof dels / sizeof dels[0]; i++) {
        sqlite3_stmt *st = stmt(h, dels[i]);
        if (!st)
            return RC_IO;
        sqlite3_bind_int64(st, 1, n);
        if (run(h, st, "cannot delete an old document's rows") != RC_OK)
            return RC_IO;
    }
    return RC_OK;
}

/* Bind text[len] as parameter i: a zstd frame (blob) when the text is
 * long enough and compresses by at least 1/16, else plain text. Neither is
 * copied (the frame lives in h->ztext until the next call). */
static int bind_text(rc_store_impl *h, sqlite3_stmt *st, int i, const char *text, size_t len)
{
    if (len >= ZTEXT_MIN) {
        if (!h->zc)
            h->zc = ZSTD_createCCtx();
        size_t cap = ZSTD_compressBound(len);
        unsigned char *z = h->zc ? scratch_get(&h->ztext, cap) : NULL;
        size_t zn = z ? ZSTD_compressCCtx(h->zc, z, cap, text, len, ZTEXT_LEVEL) : 0;
        if (z && !ZSTD_isError(zn) && zn <= len - len / 16)
            return sqlite3_bind_blob64(st, i, z, zn, SQLITE_STATIC);
    }
    return sqlite3_bind_text64(st, i, text, len, SQLITE_STATIC, SQLITE_UTF8);
}

/* Read the text column i of row into d->text / d->text_len: plain text as
 * is, a blob as a zstd frame (see the top of the file). Returns RC_OK, or
 * RC_IO after a message naming the document when the frame is damaged. */
static int load_text(rc_store_impl *h, sqlite3_stmt *row, int i, rc_doc *d)
{
    if (sqlite3_column_type(row, i) != SQLITE_BLOB) {
        const char *t = (const char *)sqlite3_column_text(row, i);
        d->text_len = t ? (size_t)sqlite3_column_bytes(row, i) : 0;
        rc_doc_setn(d, &d->text, t ? t : "", d->text_len);
        return RC_OK;
    }
    const void *z = sqlite3_column_blob(row, i);
    size_t zn = (size_t)sqlite3_column_bytes(row, i);
    unsigned long long n = z ? ZSTD_getFrameContentSize(z, zn) : ZSTD_CONTENTSIZE_ERROR;
    if (!h->zd)
        h->zd = ZSTD_createDCtx();
    if (n != ZSTD_CONTENTSIZE_ERROR && n != ZSTD_CONTENTSIZE_UNKNOWN && n < ZTEXT_MAX &&
        h->zd) {
        char *t = rc_arena_alloc(d->arena, (size_t)n + 1);
        size_t got = ZSTD_decompressDCtx(h->zd, t, (size_t)n, z, zn);
        if (!ZSTD_isError(got) && got == n) {
            t[n] = '\0';
            d->text = t;
            d->text_len = (size_t)n;
            return RC_OK;
        }
    }
    rc_diag_error(h->name, 0, -1, "the stored text of document %s is damaged",
                  d->id ? d->id : "?");
    return RC_IO;
}

/* Bind the document columns ?1..?17 of S_INS_DOC / S_UPD_DOC from d.
 * Returns an SQLite code (SQLITE_TOOBIG for an absurd document). */
static int bind_doc(rc_store_impl *h, sqlite3_stmt *st, const rc_doc *d,
                    const char *added_at)
{
    size_t ns = d->sentences ? d->nsentences : 0;
    size_t nl = d->line_hashes ? d->nline_hashes : 0;
    if (ns > SIZE_MAX / 16 || nl > SIZE_MAX / 16)
        return SQLITE_TOOBIG;
    unsigned char *sb = scratch_get(&h->sent, ns * 8);
    for (size_t i = 0; i < ns; i++) {
        put_le(sb + 8 * i, d->sentences[i].start, 4);
        put_le(sb + 8 * i + 4, d->sentences[i].end, 4);
    }
    unsigned char *lb = scratch_get(&h->lines, nl * 8);
    for (size_t i = 0; i < nl; i++)
        put_le(lb + 8 * i, d->line_hashes[i], 8);
    int e = 0;
    e |= bind_str(st, 1, d->id);
    e |= bind_str(st, 2, d->source);
    e |= sqlite3_bind_int(st, 3, (int)d->format);
    e |= bind_str(st, 4, d->url);
    e |= bind_str(st, 5, d->title);
    e |= bind_str(st, 6, d->published);
    e |= bind_str(st, 7, d->outlet);
    e |= bind_str(st, 8, d->author);
    e |= bind_str(st, 9, d->dateline);
    e |= bind_str(st, 10, d->lang);
    e |= bind_str(st, 11, d->group);
    e |= bind_text(h, st, 12, d->text ? d->text : "", d->text ? d->text_len : 0);
    e |= sqlite3_bind_int64(st, 13, u2i(d->content_hash));
    e |= sqlite3_bind_int64(st, 14, (sqlite3_int64)d->invalid_bytes);
    e |= bind_blob(st, 15, sb, ns * 8);
    e |= bind_blob(st, 16, lb, nl * 8);
    e |= sqlite3_bind_text(st, 17, added_at, -1, SQLITE_STATIC);
    return e;
}

/* Insert the child rows of d (credits, issues, removed lines) under
 * document n and count its lines. Returns RC_OK or RC_IO. */
static int put_children(rc_store_impl *h, sqlite3_int64 n, const rc_doc *d)
{
    sqlite3_stmt *st;
    if (d->ncredits && d->credits) {
        if (!(st = stmt(h, S_INS_CRED)))
            return RC_IO;
        for (size_t i = 0; i < d->ncredits; i++) {
            sqlite3_bind_int64(st, 1, n);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
            sqlite3_bind_text(st, 3, d->credits[i] ? d->credits[i] : "", -1, SQLITE_STATIC);
            if (run(h, st, "cannot store a credit") != RC_OK)
                return RC_IO;
        }
    }
    if (d->nissues && d->issues) {
        if (!(st = stmt(h, S_INS_ISSUE)))
            return RC_IO;
        for (size_t i = 0; i < d->nissues; i++) {
            const rc_issue *is = &d->issues[i];
            sqlite3_bind_int64(st, 1, n);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
            sqlite3_bind_text(st, 3, is->kind ? is->kind : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, is->description ? is->description : "", -1,
                              SQLITE_STATIC);
            bind_str(st, 5, is->evidence);
            if (run(h, st, "cannot store an issue") != RC_OK)
                return RC_IO;
        }
    }
    if (d->nremoved && d->removed) {
        if (!(st = stmt(h, S_INS_REMOVED)))
            return RC_IO;
        for (size_t i = 0; i < d->nremoved; i++) {
            sqlite3_bind_int64(st, 1, n);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
            sqlite3_bind_text(st, 3, d->removed[i] ? d->removed[i] : "", -1, SQLITE_STATIC);
            if (run(h, st, "cannot store a removed line") != RC_OK)
                return RC_IO;
        }
    }
    if (d->group && d->line_hashes && d->nline_hashes &&
        hashes_json(h, d->line_hashes, d->nline_hashes, 0) &&
        run_lines(h, S_LINE_INC, d->group, "cannot count lines") != RC_OK)
        return RC_IO;
    return RC_OK;
}

/* Whether a document other than the one being written holds content hash
 * hash: 1 yes, 0 no, -1 error (message printed). */
static int hash_taken(rc_store_impl *h, uint64_t hash)
{
    char other[2];
    int rc = sq_find_hash(h, hash, other, sizeof other);
    return rc == RC_OK || rc == RC_TOOBIG ? 1 : rc == RC_NOTFOUND ? 0 : -1;
}

/* The body of sq_put, inside its transaction or savepoint. Returns RC_OK
 * with *status set, or RC_IO (the caller undoes everything). */
static int put_locked(rc_store_impl *h, const rc_doc *d, int *status)
{
    sqlite3_stmt *st = stmt(h, S_FIND_ID);
    if (!st)
        return RC_IO;
    sqlite3_bind_text(st, 1, d->id, -1, SQLITE_STATIC);
    int e = sqlite3_step(st);
    if (e != SQLITE_ROW && e != SQLITE_DONE) {
        fail(h, "cannot look up a document id");
        sqlite3_reset(st);
        return RC_IO;
    }
    int found = e == SQLITE_ROW;
    if (found && i2u(sqlite3_column_int64(st, 1)) == d->content_hash) {
        sqlite3_reset(st);
        *status = RC_PUT_UNCHANGED;
        return RC_OK;
    }
    sqlite3_int64 oldn = 0;
    char *oldgrp = NULL;
    size_t oldlen = 0;
    if (found) {
        /* copies: the row goes away at the reset */
        oldn = sqlite3_column_int64(st, 0);
        const char *g = col_str(st, 2);
        oldgrp = g ? rc_strdup(g) : NULL;
        oldlen = (size_t)sqlite3_column_bytes(st, 3);
        if (oldlen)
            memcpy(scratch_get(&h->old, oldlen), sqlite3_column_blob(st, 3), oldlen);
    }
    sqlite3_reset(st);

    int taken = hash_taken(h, d->content_hash), rc = RC_OK;
    if (taken)
        rc = taken < 0 ? RC_IO : RC_OK;
    else if (found)
        rc = unlink_doc(h, oldn, oldgrp, h->old.p, oldlen);
    free(oldgrp);
    if (taken || rc != RC_OK) {
        *status = RC_PUT_DUPLICATE;
        return rc;
    }

    char added_at[32];
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) ||
        !strftime(added_at, sizeof added_at, "%Y-%m-%dT%H:%M:%SZ", &tm))
        memcpy(added_at, "1970-01-01T00:00:00Z", 21);

    st = stmt(h, found ? S_UPD_DOC : S_INS_DOC);
    if (!st)
        return RC_IO;
    if (bind_doc(h, st, d, added_at) != SQLITE_OK ||
        (found && sqlite3_bind_int64(st, 18, oldn) != SQLITE_OK)) {
        rc_diag_error(h->name, 0, -1, "document %s is too big to store", d->id);
        sqlite3_reset(st);
        return RC_IO;
    }
    if (run(h, st, "cannot store a document") != RC_OK)
        return RC_IO;
    sqlite3_int64 n = found ? oldn : sqlite3_last_insert_rowid(h->db);
    if (put_children(h, n, d) != RC_OK)
        return RC_IO;
    *status = found ? RC_PUT_REPLACED : RC_PUT_ADDED;
    return RC_OK;
}

/* The open batch's first write moves the write generation, in the
 * batch's transaction and outside any savepoint (so only a rollback of
 * the whole batch undoes it, with every write): a batch that writes
 * nothing leaves it. RC_OK or RC_IO after a message. */
static int batch_touch(rc_store_impl *h)
{
    if (h->gen_touched)
        return RC_OK;
    if (run1(h, S_GEN_BUMP, "cannot count a write") != RC_OK)
        return RC_IO;
    h->gen_touched = 1;
    return RC_OK;
}

/* Start the unit of one write: BEGIN IMMEDIATE, or a savepoint when a
 * batch is open. Returns RC_OK or RC_IO after a message. */
static int tx_begin(rc_store_impl *h)
{
    if (h->batch && sqlite3_get_autocommit(h->db))
        h->batch = 0; /* SQLite ended the batch after an error */
    if (h->batch)
        return batch_touch(h) == RC_OK ? run1(h, S_SAVE, "cannot start a transaction") : RC_IO;
    if (run1(h, S_BEGIN, "cannot start a transaction") != RC_OK)
        return RC_IO;
    if (run1(h, S_GEN_BUMP, "cannot count a write") != RC_OK) {
        rollback(h);
        return RC_IO;
    }
    return RC_OK;
}

/* End the unit started by tx_begin: commit (or release the savepoint) when
 * rc is RC_OK, else undo it alone (rolling back the whole batch only when
 * the savepoint cannot be undone). Returns rc, or RC_IO when the commit
 * failed. */
static int tx_end(rc_store_impl *h, int rc)
{
    if (rc == RC_OK)
        rc = run1(h, h->batch ? S_RELEASE : S_COMMIT, "cannot commit a write");
    if (rc != RC_OK) {
        if (!h->batch)
            rollback(h);
        else if (!sqlite3_get_autocommit(h->db) &&
                 (run1(h, S_UNDO, "cannot undo a write") != RC_OK ||
                  run1(h, S_RELEASE, "cannot undo a write") != RC_OK))
            rollback(h); /* the whole batch, rather than keep part of a write */
    }
    return rc;
}

/* Write d (see store.h): one BEGIN IMMEDIATE .. COMMIT transaction or,
 * inside a batch, one savepoint of the batch's transaction, undone alone
 * on failure. A document without an id is refused with RC_ERR. */
static int sq_put(rc_store_impl *h, const rc_doc *d, int *status)
{
    int st = 0;
    *status = 0;
    if (!d || !d->id) {
        rc_diag_error(h->name, 0, -1, "a document without an id was not stored");
        return RC_ERR;
    }
    if (tx_begin(h) != RC_OK)
        return RC_IO;
    int rc = tx_end(h, put_locked(h, d, &st));
    if (rc != RC_OK)
        return RC_IO;
    *status = st;
    return RC_OK;
}

/* Start a batch: later puts share one write transaction until sq_commit.
 * Returns RC_OK, RC_ERR (a batch is open) or RC_IO. */
static int sq_begin(rc_store_impl *h)
{
    if (h->batch && !sqlite3_get_autocommit(h->db)) {
        rc_diag_error(h->name, 0, -1, "a batch is already open");
        return RC_ERR;
    }
    h->batch = 0;
    /* Each put of a batch is a savepoint, and SQLite saves the old image of
     * every page the put changes that the batch had already changed (a
     * sub-journal) to a temporary file once it passes 64 KiB: ingesting
     * 12,500 articles, that was 10,600 of 74,100 write calls with batches
     * of 64 and 119,000 of 148,000 with 1,024. In memory it is one put's
     * pages at most, freed at each RELEASE. Set for batches only, so the
     * connection's other temporary storage (a report's sorts) stays as it
     * was until a batch is opened. */
    if (!h->temp_in_memory) {
        if (exec(h, "PRAGMA temp_store=MEMORY", "cannot configure the store") != RC_OK)
            return RC_IO;
        h->temp_in_memory = 1;
    }
    if (run1(h, S_BEGIN, "cannot start a batch") != RC_OK)
        return RC_IO;
    /* the batch's writes count as one: its first write moves the
     * generation (batch_touch) */
    h->gen_touched = 0;
    h->batch = 1;
    return RC_OK;
}

/* Commit the open batch (a no-op without one). Returns RC_OK, or RC_IO
 * after rolling the batch back. */
static int sq_commit(rc_store_impl *h)
{
    if (!h->batch)
        return RC_OK;
    h->batch = 0;
    if (sqlite3_get_autocommit(h->db))
        return RC_OK;
    if (run1(h, S_COMMIT, "cannot commit a batch") != RC_OK) {
        rollback(h);
        return RC_IO;
    }
    return RC_OK;
}

/* Open a read transaction (see rc_store_read_begin): "BEGIN" (deferred:
 * the first read takes the snapshot) unless a batch or another
 * transaction is open, when it does nothing. Returns RC_OK or RC_IO. */
static int sq_read_begin(rc_store_impl *h)
{
    if (h->reading || h->batch || !sqlite3_get_autocommit(h->db))
        return RC_OK;
    if (run1(h, S_BEGIN_READ, "cannot start a read") != RC_OK)
        return RC_IO;
    h->reading = 1;
    return RC_OK;
}

/* End the read transaction sq_read_begin opened (a no-op otherwise).
 * Returns RC_OK or RC_IO. */
static int sq_read_end(rc_store_impl *h)
{
    if (!h->reading)
        return RC_OK;
    h->reading = 0;
    if (sqlite3_get_autocommit(h->db))
        return RC_OK;
    if (run1(h, S_COMMIT, "cannot end a read") != RC_OK) {
        rollback(h);
        return RC_IO;
    }
    return RC_OK;
}

/* Read child rows of document n with statement which into d via add.
 * Returns RC_OK or RC_IO after a message. */
static int load_children(rc_store_impl *h, int which, sqlite3_int64 n, rc_doc *d)
{
    sqlite3_stmt *st = stmt(h, which);
    if (!st)
        return RC_IO;
    sqlite3_bind_int64(st, 1, n);
    int e;
    while ((e = sqlite3_step(st)) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 0);
        if (which == S_SEL_CRED)
            rc_doc_add_credit(d, a);
        else if (which == S_SEL_ISSUE)
            rc_doc_add_issue(d, a, (const char *)sqlite3_column_text(st, 1),
                             col_str(st, 2));
        else
            rc_doc_add_removed(d, a ? a : "", a ? (size_t)sqlite3_column_bytes(st, 0) : 0);
    }
    int rc = e == SQLITE_DONE ? RC_OK : fail(h, "cannot read a document");
    sqlite3_reset(st);
    return rc;
}

/* Fill a new document from the current row of row (DOC_COLS order) and the
 * child tables; *out gets it. Returns RC_OK or RC_IO after a message. */
static int load_doc(rc_store_impl *h, sqlite3_stmt *row, rc_doc **out)
{
    rc_doc *d = rc_doc_new();
    sqlite3_int64 n = sqlite3_column_int64(row, 0);
    const char **fields[] = {NULL, &d->id, &d->source, NULL, &d->url, &d->title,
                             &d->published, &d->outlet, &d->author, &d->dateline,
                             &d->lang, &d->group};
    for (int i = 1; i <= 11; i++) {
        const char *s = fields[i] ? col_str(row, i) : NULL;
        if (s)
            rc_doc_setn(d, fields[i], s, (size_t)sqlite3_column_bytes(row, i));
    }
    d->format = (rc_format)sqlite3_column_int(row, 3);
    d->content_hash = i2u(sqlite3_column_int64(row, 13));
    sqlite3_int64 inv = sqlite3_column_int64(row, 14);
    d->invalid_bytes = inv > 0 ? (size_t)inv : 0;
    const unsigned char *b = sqlite3_column_blob(row, 15);
    size_t blen = (size_t)sqlite3_column_bytes(row, 15);
    if (b && blen >= 8) {
        d->nsentences = blen / 8;
        d->sentences = rc_arena_calloc(d->arena, d->nsentences, sizeof *d->sentences);
        for (size_t i = 0; i < d->nsentences; i++) {
            d->sentences[i].start = (uint32_t)get_le(b + 8 * i, 4);
            d->sentences[i].end = (uint32_t)get_le(b + 8 * i + 4, 4);
        }
    }
    b = sqlite3_column_blob(row, 16);
    blen = (size_t)sqlite3_column_bytes(row, 16);
    if (b && blen >= 8) {
        d->nline_hashes = blen / 8;
        d->line_hashes = rc_arena_calloc(d->arena, d->nline_hashes, sizeof *d->line_hashes);
        for (size_t i = 0; i < d->nline_hashes; i++)
            d->line_hashes[i] = get_le(b + 8 * i, 8);
    }
    b = sqlite3_column_blob(row, 17);
    blen = (size_t)sqlite3_column_bytes(row, 17);
    if (b && blen) {
        unsigned char *fb = rc_arena_alloc(d->arena, blen);
        memcpy(fb, b, blen);
        d->stored_facts = fb;
        d->nstored_facts = blen;
    }
    if (load_text(h, row, 12, d) != RC_OK ||
        load_children(h, S_SEL_CRED, n, d) != RC_OK ||
        load_children(h, S_SEL_ISSUE, n, d) != RC_OK ||
        load_children(h, S_SEL_REMOVED, n, d) != RC_OK) {
        rc_doc_free(d);
        return RC_IO;
    }
    *out = d;
    return RC_OK;
}

/* Copy blob column i of row st into b (reset first; left empty when NULL,
 * empty or too big for b). */
static void blob_into(sqlite3_stmt *st, int i, rc_buf *b)
{
    rc_buf_reset(b);
    const void *p = sqlite3_column_blob(st, i);
    int n = sqlite3_column_bytes(st, i);
    if (p && n > 0 && rc_buf_append(b, p, (size_t)n) != RC_OK)
        rc_buf_reset(b);
}

/* Read document id (see store.h), and when features is not NULL its
 * cluster row's features into it, when copykeys is not NULL (features
 * then must not be NULL either) its copy keys (each reset first; empty
 * when none): RC_OK, RC_NOTFOUND or RC_IO. */
static int sq_get_feat(rc_store_impl *h, const char *id, rc_doc **out, rc_buf *features,
                       rc_buf *copykeys)
{
    *out = NULL;
    if (features)
        rc_buf_reset(features);
    if (copykeys)
        rc_buf_reset(copykeys);
    if (!id)
        return RC_NOTFOUND;
    sqlite3_stmt *st = stmt(h, copykeys ? S_GET_ID_K : features ? S_GET_ID_F : S_GET_ID);
    if (!st)
        return RC_IO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int e = sqlite3_step(st), rc;
    if (e == SQLITE_ROW)
        rc = load_doc(h, st, out);
    else if (e == SQLITE_DONE)
        rc = RC_NOTFOUND;
    else
        rc = fail(h, "cannot read a document");
    if (rc == RC_OK && features)
        blob_into(st, 18, features);
    if (rc == RC_OK && copykeys)
        blob_into(st, 19, copykeys);
    sqlite3_reset(st);
    return rc;
}

/* Read document id (see store.h): RC_OK, RC_NOTFOUND or RC_IO. */
static int sq_get(rc_store_impl *h, const char *id, rc_doc **out)
{
    return sq_get_feat(h, id, out, NULL, NULL);
}

/* Call fn on every document stored when the iteration starts, in insertion
 * order, one rc_doc at a time. Each is read by key (n > previous), so no
 * statement stays open during fn: fn may use the store, even write. */
static int sq_each(rc_store_impl *h, int (*fn)(rc_doc *d, void *ud), void *ud)
{
    sqlite3_stmt *st = stmt(h, S_MAXN);
    if (!st)
        return RC_IO;
    int e = sqlite3_step(st);
    sqlite3_int64 maxn = e == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int rc = e == SQLITE_ROW ? RC_OK : fail(h, "cannot list documents");
    sqlite3_reset(st);
    if (rc != RC_OK)
        return rc;
    sqlite3_int64 last = 0;
    for (;;) {
        if (!(st = stmt(h, S_NEXT)))
            return RC_IO;
        sqlite3_bind_int64(st, 1, last);
        sqlite3_bind_int64(st, 2, maxn);
        e = sqlite3_step(st);
        rc_doc *d = NULL;
        if (e == SQLITE_ROW) {
            last = sqlite3_column_int64(st, 0);
            rc = load_doc(h, st, &d);
        } else {
            rc = e == SQLITE_DONE ? RC_OK : fail(h, "cannot list documents");
        }
        sqlite3_reset(st);
        if (!d)
            return rc;
        rc = fn(d, ud);
        rc_doc_free(d);
        if (rc)
            return rc;
    }
}

/* Visit the ids of the stored documents in insertion order, a page of
 * 256 at a time with no statement open during fn; see store.h. */
static int sq_each_id(rc_store_impl *h, int (*fn)(const char *id, void *ud), void *ud)
{
    sqlite3_int64 last = 0;
    char *page[256];
    for (;;) {
        sqlite3_stmt *st = stmt(h, S_IDS);
        if (!st)
            return RC_IO;
        sqlite3_bind_int64(st, 1, last);
        size_t n = 0;
        int e = SQLITE_DONE;
        while (n < 256 && (e = sqlite3_step(st)) == SQLITE_ROW) {
            last = sqlite3_column_int64(st, 0);
            const char *id = (const char *)sqlite3_column_text(st, 1);
            page[n++] = rc_strdup(id ? id : "");
        }
        int rc = n == 256 || e == SQLITE_DONE ? RC_OK : fail(h, "cannot list documents");
        sqlite3_reset(st);
        int stop = 0;
        for (size_t i = 0; i < n; i++) {
            if (rc == RC_OK && !stop)
                stop = fn(page[i], ud);
            free(page[i]);
        }
        if (rc != RC_OK)
            return rc;
        if (stop)
            return stop;
        if (n < 256)
            return RC_OK;
    }
}

/* Number of stored documents, or -1 after a message. */
static long sq_count(rc_store_impl *h)
{
    sqlite3_stmt *st = stmt(h, S_COUNT);
    if (!st)
        return -1;
    int e = sqlite3_step(st);
    long n = e == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    if (e != SQLITE_ROW)
        fail(h, "cannot count documents");
    sqlite3_reset(st);
    return n;
}

/* Distinct documents of group containing line hash hash; 0 for a NULL
 * group, or after a message on error. */
static unsigned sq_line_seen(rc_store_impl *h, const char *group, uint64_t hash)
{
    if (!group)
        return 0;
    sqlite3_stmt *st = stmt(h, S_LINE_GET);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, group, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, u2i(hash));
    int e = sqlite3_step(st);
    sqlite3_int64 n = e == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (e != SQLITE_ROW && e != SQLITE_DONE)
        fail(h, "cannot read line counts");
    sqlite3_reset(st);
    return n <= 0 ? 0 : n > (sqlite3_int64)UINT32_MAX ? UINT32_MAX : (unsigned)n;
}

/* ---- incremental clustering ------------------------------------------ */

/* Bind a day (NULL when undated) at index i. */
static int bind_day(sqlite3_stmt *st, int i, int has_day, int32_t day)
{
    return has_day ? sqlite3_bind_int(st, i, day) : sqlite3_bind_null(st, i);
}

/* Bind an id (NULL when 0) at index i. */
static int bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    return id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

/* The body of sq_put_cluster inside its transaction. */
static int put_cluster_locked(rc_store_impl *h, const rc_cluster_row *r)
{
    sqlite3_stmt *st = stmt(h, S_PUT_CLUSTER);
    if (!st)
        return RC_IO;
    int e = bind_str(st, 1, r->doc_id);
    e |= bind_day(st, 2, r->has_day, r->day);
    e |= bind_blob(st, 3, r->features, r->features ? r->nfeatures : 0);
    e |= bind_id(st, 4, r->event_id);
    e |= bind_str(st, 5, r->copy_of);
    e |= bind_blob(st, 6, r->facts, r->facts ? r->nfacts : 0);
    e |= bind_blob(st, 7, r->copykeys, r->copykeys ? r->ncopykeys : 0);
    if (e != SQLITE_OK) {
        rc_diag_error(h->name, 0, -1, "cluster row of %s is too big to store", r->doc_id);
        sqlite3_reset(st);
        return RC_IO;
    }
    if (run(h, st, "cannot store a cluster row") != RC_OK)
        return RC_IO;
    if (sqlite3_changes(h->db) == 0) {
        rc_diag_error(h->name, 0, -1, "no document %s to place in a cluster", r->doc_id);
        return RC_NOTFOUND;
    }
    return RC_OK;
}

/* Write the cluster row r (see store.h): RC_OK, RC_NOTFOUND, RC_ERR or
 * RC_IO. */
static int sq_put_cluster(rc_store_impl *h, const rc_cluster_row *r)
{
    if (!r || !r->doc_id) {
        rc_diag_error(h->name, 0, -1, "a cluster row without a document id");
        return RC_ERR;
    }
    if (tx_begin(h) != RC_OK)
        return RC_IO;
    return tx_end(h, put_cluster_locked(h, r));
}

static int put_event_locked(rc_store_impl *h, const rc_event_row *r);
static int put_story_locked(rc_store_impl *h, const rc_story_row *r);

/* Write the event r (see store.h). */
static int sq_put_event(rc_store_impl *h, const rc_event_row *r)
{
    if (!r || r->event_id <= 0) {
        rc_diag_error(h->name, 0, -1, "an event without a positive id was not stored");
        return RC_ERR;
    }
    if (!h->batch || sqlite3_get_autocommit(h->db)) {
        /* outside a batch: a transaction of its own, which counts the
         * write (tx_begin) */
        if (tx_begin(h) != RC_OK)
            return RC_IO;
        return tx_end(h, put_event_locked(h, r));
    }
    return batch_touch(h) == RC_OK ? put_event_locked(h, r) : RC_IO;
}

/* The statement of sq_put_event (one statement: inside a batch a failed
 * statement undoes only itself). RC_OK or RC_IO after a message. */
static int put_event_locked(rc_store_impl *h, const rc_event_row *r)
{
    sqlite3_stmt *st = stmt(h, S_PUT_EVENT);
    if (!st)
        return RC_IO;
    int e = sqlite3_bind_int64(st, 1, r->event_id);
    e |= bind_id(st, 2, r->story_id);
    e |= bind_day(st, 3, r->has_day, r->day);
    e |= bind_str(st, 4, r->label);
    e |= sqlite3_bind_int64(st, 5, r->ndocs);
    e |= bind_blob(st, 6, r->state, r->state ? r->nstate : 0);
    if (e != SQLITE_OK) {
        rc_diag_error(h->name, 0, -1, "event %lld is too big to store", (long long)r->event_id);
        sqlite3_reset(st);
        return RC_IO;
    }
    return run(h, st, "cannot store an event");
}

/* Write the story r (see store.h). */
static int sq_put_story(rc_store_impl *h, const rc_story_row *r)
{
    if (!r || r->story_id <= 0) {
        rc_diag_error(h->name, 0, -1, "a story without a positive id was not stored");
        return RC_ERR;
    }
    if (!h->batch || sqlite3_get_autocommit(h->db)) {
        if (tx_begin(h) != RC_OK)
            return RC_IO;
        return tx_end(h, put_story_locked(h, r));
    }
    return batch_touch(h) == RC_OK ? put_story_locked(h, r) : RC_IO;
}

/* The statement of sq_put_story. RC_OK or RC_IO after a message. */
static int put_story_locked(rc_store_impl *h, const rc_story_row *r)
{
    sqlite3_stmt *st = stmt(h, S_PUT_STORY);
    if (!st)
        return RC_IO;
    int e = sqlite3_bind_int64(st, 1, r->story_id);
    e |= bind_day(st, 2, r->has_day, r->day);
    e |= bind_str(st, 3, r->label);
    e |= bind_blob(st, 4, r->state, r->state ? r->nstate : 0);
    if (e != SQLITE_OK) {
        rc_diag_error(h->name, 0, -1, "story %lld is too big to store", (long long)r->story_id);
        sqlite3_reset(st);
        return RC_IO;
    }
    return run(h, st, "cannot store a story");
}

/* One row of a window read, copied out of SQLite: the shared column shape
 * (key, day, str1, str2, blob, int1, int2); strings and blob are offsets
 * into the page's bytes, NO_OFF for NULL. */
#define NO_OFF SIZE_MAX
typedef struct prow {
    int64_t key, i1, i2;
    int has_day;
    int32_t day;
    size_t s1, s2, blob, nblob;
} prow;

/* Copy column i (text when text, else blob) of st to the end of bytes
 * (strings NUL-terminated); return its offset, NO_OFF when NULL. *n gets
 * its length. */
static size_t copy_col(sqlite3_stmt *st, int i, int text, rc_buf *bytes, size_t *n)
{
    *n = 0;
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NO_OFF;
    const void *p = text ? (const void *)sqlite3_column_text(st, i) : sqlite3_column_blob(st, i);
    size_t len = (size_t)sqlite3_column_bytes(st, i);
    if (!text && !len)
        return NO_OFF; /* an empty blob reads back as none */
    size_t off = bytes->len;
    if (len)
        rc_buf_append(bytes, p, len);
    if (text)
        rc_buf_putc(bytes, '\0');
    *n = len;
    return off;
}

/* Fill r from the current row of st (the shared column shape). */
static void read_prow(sqlite3_stmt *st, rc_buf *bytes, prow *r)
{
    size_t n;
    r->key = sqlite3_column_int64(st, 0);
    r->has_day = sqlite3_column_type(st, 1) != SQLITE_NULL;
    r->day = r->has_day ? (int32_t)sqlite3_column_int(st, 1) : 0;
    r->s1 = copy_col(st, 2, 1, bytes, &n);
    r->s2 = copy_col(st, 3, 1, bytes, &n);
    r->blob = copy_col(st, 4, 0, bytes, &r->nblob);
    r->i1 = sqlite3_column_int64(st, 5);
    r->i2 = sqlite3_column_int64(st, 6);
}

/* Turns a copied row into the caller's struct and calls the caller. */
typedef int (*prow_fn)(const prow *r, const char *bytes, void *ctx);

/* Visit, a page of PAGE_ROWS at a time, the rows of statements win (dated,
 * day from..to) and und (undated, when undated), calling each for every
 * row with no statement open. Returns the first non-zero value of each,
 * RC_OK, or RC_IO after a message. */
static int walk(rc_store_impl *h, int win, int und, int32_t from, int32_t to, int undated,
                prow_fn each, void *ctx)
{
    prow *rows = rc_calloc(PAGE_ROWS, sizeof *rows);
    rc_buf bytes;
    rc_buf_init(&bytes, 0);
    int rc = RC_OK;
    for (int pass = 0; pass < 2 && rc == RC_OK; pass++) {
        if ((pass == 0 && from > to) || (pass == 1 && !undated))
            continue;
        sqlite3_int64 lastday = from, lastkey = INT64_MIN;
        for (;;) {
            sqlite3_stmt *st = stmt(h, pass ? und : win);
            if (!st) {
                rc = RC_IO;
                break;
            }
            if (pass == 0) {
                sqlite3_bind_int64(st, 1, lastday);
                sqlite3_bind_int64(st, 2, lastkey);
                sqlite3_bind_int64(st, 3, to);
                sqlite3_bind_int(st, 4, PAGE_ROWS);
            } else {
                sqlite3_bind_int64(st, 1, lastkey);
                sqlite3_bind_int(st, 2, PAGE_ROWS);
            }
            rc_buf_reset(&bytes);
            size_t n = 0;
            int e;
            while (n < PAGE_ROWS && (e = sqlite3_step(st)) == SQLITE_ROW)
                read_prow(st, &bytes, &rows[n++]);
            if (n < PAGE_ROWS && e != SQLITE_DONE)
                rc = fail(h, "cannot read clustering rows");
            sqlite3_reset(st);
            for (size_t i = 0; i < n && rc == RC_OK; i++)
                rc = each(&rows[i], bytes.data, ctx);
            if (rc != RC_OK || n < PAGE_ROWS)
                break;
            lastday = rows[n - 1].day;
            lastkey = rows[n - 1].key;
        }
    }
    rc_buf_cleanup(&bytes);
    free(rows);
    return rc;
}

/* The string or blob at offset off of bytes, NULL for NO_OFF. */
static const char *at(const char *bytes, size_t off)
{
    return off == NO_OFF ? NULL : bytes + off;
}

/* The caller's callback and data, for the prow_fn adapters. */
typedef struct walk_ctx {
    int (*cluster)(const rc_cluster_row *r, void *ud);
    int (*event)(const rc_event_row *r, void *ud);
    int (*story)(const rc_story_row *r, void *ud);
    void *ud;
} walk_ctx;

/* A copied cluster row as an rc_cluster_row. */
static void to_cluster(const prow *p, const char *bytes, rc_cluster_row *r)
{
    *r = (rc_cluster_row){
        .doc_id = at(bytes, p->s1),
        .has_day = p->has_day,
        .day = p->day,
        .features = at(bytes, p->blob),
        .nfeatures = p->nblob,
        .event_id = p->i1,
        .copy_of = at(bytes, p->s2),
    };
}

/* prow_fn for cluster rows. */
static int each_cluster_row(const prow *p, const char *bytes, void *ctx)
{
    const walk_ctx *c = ctx;
    rc_cluster_row r;
    to_cluster(p, bytes, &r);
    return c->cluster(&r, c->ud);
}

/* prow_fn for events. */
static int each_event_row(const prow *p, const char *bytes, void *ctx)
{
    const walk_ctx *c = ctx;
    rc_event_row r = {
        .event_id = p->key,
        .story_id = p->i1,
        .has_day = p->has_day,
        .day = p->day,
        .label = at(bytes, p->s1),
        .ndocs = p->i2,
        .state = at(bytes, p->blob),
        .nstate = p->nblob,
    };
    return c->event(&r, c->ud);
}

/* prow_fn for stories. */
static int each_story_row(const prow *p, const char *bytes, void *ctx)
{
    const walk_ctx *c = ctx;
    rc_story_row r = {
        .story_id = p->key,
        .has_day = p->has_day,
        .day = p->day,
        .label = at(bytes, p->s1),
        .state = at(bytes, p->blob),
        .nstate = p->nblob,
    };
    return c->story(&r, c->ud);
}

/* Visit the cluster rows of a window (see store.h). */
static int sq_each_cluster(rc_store_impl *h, int32_t from, int32_t to, int undated,
                           int (*fn)(const rc_cluster_row *r, void *ud), void *ud)
{
    walk_ctx c = {.cluster = fn, .ud = ud};
    return walk(h, S_WIN_CLUSTER, S_UND_CLUSTER, from, to, undated, each_cluster_row, &c);
}

/* Visit the cluster rows of a window without their features (see
 * store.h). */
static int sq_each_cluster_bare(rc_store_impl *h, int32_t from, int32_t to, int undated,
                                int (*fn)(const rc_cluster_row *r, void *ud), void *ud)
{
    walk_ctx c = {.cluster = fn, .ud = ud};
    return walk(h, S_WIN_CLUSTER_B, S_UND_CLUSTER_B, from, to, undated, each_cluster_row, &c);
}

/* Visit the events of a window (see store.h). */
static int sq_each_event(rc_store_impl *h, int32_t from, int32_t to, int undated,
                         int (*fn)(const rc_event_row *r, void *ud), void *ud)
{
    walk_ctx c = {.event = fn, .ud = ud};
    return walk(h, S_WIN_EVENT, S_UND_EVENT, from, to, undated, each_event_row, &c);
}

/* Visit the stories of a window (see store.h). */
static int sq_each_story(rc_store_impl *h, int32_t from, int32_t to, int undated,
                         int (*fn)(const rc_story_row *r, void *ud), void *ud)
{
    walk_ctx c = {.story = fn, .ud = ud};
    return walk(h, S_WIN_STORY, S_UND_STORY, from, to, undated, each_story_row, &c);
}

/* Read the cluster row of doc_id into *r, its strings and blob copied into
 * h->row (see store.h): RC_OK, RC_NOTFOUND or RC_IO. */
static int sq_get_cluster(rc_store_impl *h, const char *doc_id, rc_cluster_row *r)
{
    memset(r, 0, sizeof *r);
    if (!doc_id)
        return RC_NOTFOUND;
    sqlite3_stmt *st = stmt(h, S_GET_CLUSTER);
    if (!st)
        return RC_IO;
    sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_STATIC);
    int e = sqlite3_step(st), rc = RC_NOTFOUND;
    prow p;
    if (e == SQLITE_ROW) {
        rc_buf_reset(&h->row);
        read_prow(st, &h->row, &p);
        rc = RC_OK;
    } else if (e != SQLITE_DONE) {
        rc = fail(h, "cannot read a cluster row");
    }
    sqlite3_reset(st);
    if (rc == RC_OK)
        to_cluster(&p, h->row.data, r);
    return rc;
}

/* The next free event (story == 0) or story id into *out: RC_OK or RC_IO. */
static int sq_next_id(rc_store_impl *h, int story, int64_t *out)
{
    *out = 1;
    sqlite3_stmt *st = stmt(h, story ? S_NEXT_STORY : S_NEXT_EVENT);
    if (!st)
        return RC_IO;
    int e = sqlite3_step(st), rc = RC_OK;
    if (e == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rc = fail(h, "cannot read the next id");
    sqlite3_reset(st);
    return rc;
}

/* Bind h->json as ?1 of statement which and run it. */
static int run_json(rc_store_impl *h, int which, const char *what)
{
    sqlite3_stmt *st = stmt(h, which);
    if (!st)
        return RC_IO;
    if (sqlite3_bind_text64(st, 1, rc_buf_str(&h->json), h->json.len, SQLITE_STATIC,
                            SQLITE_UTF8) != SQLITE_OK) {
        fail(h, what);
        sqlite3_reset(st);
        return RC_IO;
    }
    return run(h, st, what);
}

/* The body of sq_df_add inside its transaction. */
static int df_add_locked(rc_store_impl *h, const uint64_t *terms, size_t n, int sign)
{
    if (n && terms && hashes_json(h, terms, n, 0)) {
        if (sign > 0 && run_json(h, S_DF_INC, "cannot count terms") != RC_OK)
            return RC_IO;
        if (sign < 0 && (run_json(h, S_DF_DEC, "cannot uncount terms") != RC_OK ||
                         run_json(h, S_DF_GC, "cannot uncount terms") != RC_OK))
            return RC_IO;
    }
    sqlite3_stmt *st = stmt(h, S_DOCS_ADD);
    if (!st)
        return RC_IO;
    sqlite3_bind_int(st, 1, sign > 0 ? 1 : -1);
    return run(h, st, "cannot count a document's terms");
}

/* Add (sign 1) or remove (sign -1) one document's terms (see store.h). */
static int sq_df_add(rc_store_impl *h, const uint64_t *terms, size_t n, int sign)
{
    if (tx_begin(h) != RC_OK)
        return RC_IO;
    return tx_end(h, df_add_locked(h, terms, n, sign));
}

/* The body of sq_df_add_counts inside its transaction. */
static int df_add_counts_locked(rc_store_impl *h, const uint64_t *terms, const uint32_t *counts,
                                size_t n, int64_t docs)
{
    sqlite3_stmt *st = n ? stmt(h, S_DF_ADDN) : NULL;
    if (n && !st)
        return RC_IO;
    for (size_t i = 0; i < n; i++) {
        if (!counts[i])
            continue;
        sqlite3_bind_int64(st, 1, u2i(terms[i]));
        sqlite3_bind_int64(st, 2, (sqlite3_int64)counts[i]);
        if (run(h, st, "cannot count terms") != RC_OK)
            return RC_IO;
    }
    if (!docs)
        return RC_OK;
    st = stmt(h, S_DOCS_ADD);
    if (!st)
        return RC_IO;
    sqlite3_bind_int64(st, 1, docs);
    return run(h, st, "cannot count documents' terms");
}

/* Add counts[i] to the frequency of terms[i] and docs to the document
 * counter (see store.h). */
static int sq_df_add_counts(rc_store_impl *h, const uint64_t *terms, const uint32_t *counts,
                            size_t n, int64_t docs)
{
    if (!n && !docs)
        return RC_OK;
    if (tx_begin(h) != RC_OK)
        return RC_IO;
    return tx_end(h, df_add_counts_locked(h, terms, counts, n, docs));
}

/* Document frequencies of terms[n] into out[n] (see store.h). */
static int sq_df_get(rc_store_impl *h, const uint64_t *terms, size_t n, uint32_t *out)
{
    if (n)
        memset(out, 0, n * sizeof *out);
    sqlite3_stmt *st = stmt(h, S_DF_GET);
    if (!st)
        return RC_IO;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, u2i(terms[i]));
        int e = sqlite3_step(st);
        sqlite3_int64 v = e == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (e != SQLITE_ROW && e != SQLITE_DONE) {
            memset(out, 0, n * sizeof *out);
            return fail(h, "cannot read term frequencies");
        }
        out[i] = v <= 0 ? 0 : v > (sqlite3_int64)UINT32_MAX ? UINT32_MAX : (uint32_t)v;
    }
    return RC_OK;
}

/* Documents counted for online IDF, or -1 after a message. */
static int64_t sq_df_docs(rc_store_impl *h)
{
    sqlite3_stmt *st = stmt(h, S_DOCS_GET);
    if (!st)
        return -1;
    int e = sqlite3_step(st);
    int64_t n = e == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (e != SQLITE_ROW && e != SQLITE_DONE) {
        fail(h, "cannot read the document counter");
        n = -1;
    }
    sqlite3_reset(st);
    return n;
}

/* The write generation into *gen (see store.h). RC_OK or RC_IO after a
 * message. */
static int sq_gen(rc_store_impl *h, int64_t *gen)
{
    *gen = 0;
    sqlite3_stmt *st = stmt(h, S_GEN_GET);
    if (!st)
        return RC_IO;
    int e = sqlite3_step(st);
    if (e == SQLITE_ROW)
        *gen = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return e == SQLITE_ROW || e == SQLITE_DONE ? RC_OK : fail(h, "cannot read the write generation");
}

/* The kept stories link into *gen, *fp and data (replaced) (see
 * store.h). RC_OK, RC_NOTFOUND (none kept) or RC_IO after a message. */
static int sq_get_link(rc_store_impl *h, int64_t *gen, uint64_t *fp, rc_buf *data)
{
    rc_buf_reset(data);
    sqlite3_stmt *st = stmt(h, S_LINK_GET);
    if (!st)
        return RC_IO;
    int e = sqlite3_step(st), rc = RC_NOTFOUND;
    if (e == SQLITE_ROW) {
        *gen = sqlite3_column_int64(st, 0);
        *fp = i2u(sqlite3_column_int64(st, 1));
        const void *p = sqlite3_column_blob(st, 2);
        size_t n = (size_t)sqlite3_column_bytes(st, 2);
        if (n)
            rc_buf_append(data, p, n);
        rc = RC_OK;
    } else if (e != SQLITE_DONE) {
        rc = fail(h, "cannot read the stories link");
    }
    sqlite3_reset(st);
    return rc;
}

/* Keep the stories link made at generation gen (see store.h): in a
 * transaction of its own that does not move the generation, without
 * waiting for a lock and without a message. RC_OK when kept, else
 * RC_NOTFOUND (the generation moved, the store is busy, read-only or in
 * a transaction). */
static int sq_put_link(rc_store_impl *h, int64_t gen, uint64_t fp, const void *data, size_t n)
{
    if (h->batch || h->reading || !sqlite3_get_autocommit(h->db) || !n)
        return RC_NOTFOUND;
    sqlite3_stmt *get = stmt(h, S_GEN_GET), *put = stmt(h, S_LINK_PUT);
    if (!get || !put)
        return RC_NOTFOUND;
    sqlite3_busy_timeout(h->db, 0);
    int ok = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
    if (ok) {
        ok = sqlite3_step(get) == SQLITE_ROW && sqlite3_column_int64(get, 0) == gen;
        sqlite3_reset(get);
    }
    if (ok) {
        ok = sqlite3_bind_int64(put, 1, gen) == SQLITE_OK &&
             sqlite3_bind_int64(put, 2, u2i(fp)) == SQLITE_OK &&
             sqlite3_bind_blob64(put, 3, data, n, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_step(put) == SQLITE_DONE;
        sqlite3_reset(put);
        sqlite3_clear_bindings(put);
    }
    if (ok)
        ok = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        rollback(h);
    sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);
    return ok ? RC_OK : RC_NOTFOUND;
}

const rc_store_ops rc_store_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .find_hash = sq_find_hash,
    .put = sq_put,
    .begin = sq_begin,
    .commit = sq_commit,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
    .get = sq_get,
    .get_feat = sq_get_feat,
    .each = sq_each,
    .count = sq_count,
    .each_id = sq_each_id,
    .line_seen = sq_line_seen,
    .put_cluster = sq_put_cluster,
    .get_cluster = sq_get_cluster,
    .each_cluster = sq_each_cluster,
    .put_event = sq_put_event,
    .each_event = sq_each_event,
    .put_story = sq_put_story,
    .each_story = sq_each_story,
    .next_id = sq_next_id,
    .df_add = sq_df_add,
    .df_get = sq_df_get,
    .df_docs = sq_df_docs,
    .df_add_counts = sq_df_add_counts,
    .each_cluster_bare = sq_each_cluster_bare,
    .gen = sq_gen,
    .get_link = sq_get_link,
    .put_link = sq_put_link,
};
