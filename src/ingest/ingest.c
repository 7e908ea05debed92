/*
 * ingest.c - walk files, directories and standard input (see ingest.h).
 *
 * Decisions beyond ingest.h:
 *  - Extensions are matched case-insensitively (.TXT, .Jsonl). The extension
 *    is what follows the last '.' of the file name, unless that dot starts
 *    the name; raw.id is the file name without it.
 *  - Inside directories, only regular files (symbolic links followed) are
 *    read; FIFOs, sockets and devices are skipped and counted like unknown
 *    extensions. A dangling link with an article extension is an error.
 *  - Each directory is read at most once per top-level input (tracked by
 *    device and inode), so symbolic-link loops end; a repeat is a warning.
 *    Nesting deeper than RC_INGEST_MAX_DEPTH levels is not descended (warning).
 *  - A JSON-lines file whose lines are all blank fails with "no articles
 *    found (only blank lines)"; a zero-byte file fails with "empty file".
 *  - Standard input that is blank but not empty is handed over as text (the
 *    pipeline reports it empty, as for a blank .txt file); zero bytes is
 *    "empty input". A UTF-8 byte order mark is skipped when sniffing.
 *  - The size cap applies to a whole .txt/.html file or standard input, and
 *    to each line of a JSON-lines file (not the file as a whole).
 */
#include "ingest/ingest.h"
#include "ingest/ingest_int.h"
#include "ingest/jsonl.h"
#include "ingest/decompress.h"
#include "ingest/warc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/rc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define RC_INGEST_MAX_DEPTH 64

typedef enum kind { K_OTHER, K_TEXT, K_JSONL, K_HTML, K_HTML_GZ, K_WARC } kind;

typedef struct dev_ino {
    dev_t dev;
    ino_t ino;
} dev_ino;

/* State of one rc_ingest_walk. */
typedef struct walker {
    size_t max;
    rc_raw_fn fn;
    void *ud;
    rc_ingest_stats *st;
    dev_ino *seen;           /* directories read in this top-level input */
    size_t nseen, capseen;
    unsigned long found;     /* article files found in this top-level input */
    unsigned long skipped;   /* files skipped in this top-level input */
} walker;

/* Format n bytes for a human (see ingest_int.h). */
rc_size_str rc_ingest_size_text(size_t n, int exact)
{
    rc_size_str r;
    const size_t kib = 1024, mib = 1024 * 1024;
    if (exact) {
        if (n >= mib && n % mib == 0)
            snprintf(r.s, sizeof r.s, "%zu MiB", n / mib);
        else if (n >= kib && n % kib == 0)
            snprintf(r.s, sizeof r.s, "%zu KiB", n / kib);
        else
            snprintf(r.s, sizeof r.s, "%zu-byte", n);
    } else {
        if (n >= mib)
            snprintf(r.s, sizeof r.s, "%.1f MiB", (double)n / (double)mib);
        else if (n >= kib)
            snprintf(r.s, sizeof r.s, "%.1f KiB", (double)n / (double)kib);
        else
            snprintf(r.s, sizeof r.s, "%zu bytes", n);
    }
    return r;
}

/* Start of the last path component of path. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Does name end in suffix (case-insensitive), with something before it? */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n > m && strcasecmp(name + n - m, suffix) == 0;
}

/* Length of name without its extension (the part from the last '.', when
 * that dot is not the first character; ".html.gz" and ".htm.gz" as one). */
static size_t stem_len(const char *name)
{
    if (ends_with(name, ".html.gz"))
        return strlen(name) - 8;
    if (ends_with(name, ".htm.gz"))
        return strlen(name) - 7;
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? (size_t)(dot - name) : strlen(name);
}

/* Kind of article a file name announces by its extension. */
static kind classify(const char *name)
{
    if (ends_with(name, ".html.gz") || ends_with(name, ".htm.gz"))
        return K_HTML_GZ;
    if (ends_with(name, ".warc") || ends_with(name, ".warc.gz") ||
        ends_with(name, ".warc.zst"))
        return K_WARC;
    size_t n = stem_len(name);
    if (name[n] != '.')
        return K_OTHER;
    const char *ext = name + n + 1;
    if (strcasecmp(ext, "txt") == 0)
        return K_TEXT;
    if (strcasecmp(ext, "jsonl") == 0 || strcasecmp(ext, "ndjson") == 0)
        return K_JSONL;
    if (strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0)
        return K_HTML;
    return K_OTHER;
}

/* The directory part of path as a new string (free()): "." for a bare name,
 * "/" for a file at the root; trailing slashes removed. */
static char *group_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return rc_strdup(".");
    size_t n = (size_t)(slash - path);
    while (n > 0 && path[n - 1] == '/')
        n--;
    return n == 0 ? rc_strdup("/") : rc_strndup(path, n);
}

/* dir joined with name by one '/' as a new string (free()). */
static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';
    char *p = rc_malloc(a + (size_t)slash + b + 1);
    memcpy(p, dir, a);
    if (slash)
        p[a] = '/';
    memcpy(p + a + (size_t)slash, name, b + 1);
    return p;
}

/* Count a failed input or article. */
static void fail(walker *w)
{
    w->st->failed++;
}

/* Hand one whole-file article to the callback and count the outcome.
 * Returns RC_STOP when the callback stops the walk, RC_OK otherwise. */
static int deliver(walker *w, const rc_raw *raw)
{
    int rc = w->fn(raw, w->ud);
    if (rc == RC_STOP)
        return RC_STOP;
    if (rc == RC_OK)
        w->st->articles++;
    else
        fail(w);
    return RC_OK;
}

/* Read all of fd (at most w->max bytes) into a new buffer *out of *len bytes.
 * size_hint is the fstat size of a regular file, 0 when unknown. On failure
 * prints one message about path, frees everything and returns RC_IO,
 * RC_TOOBIG or RC_EMPTY. */
static int read_all(walker *w, const char *path, int fd, size_t size_hint, char **out,
                    size_t *len)
{
    const size_t limit = w->max + 1; /* one byte more tells "over the cap" */
    size_t cap = size_hint > 0 && size_hint < limit ? size_hint + 1 : 64 * 1024;
    if (cap > limit)
        cap = limit;
    char *buf = rc_malloc(cap);
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= limit)
                break;
            cap = cap > limit / 2 ? limit : cap * 2;
            buf = rc_realloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            rc_diag_error(path, 0, (long long)n, "read error: %s", strerror(errno));
            free(buf);
            return RC_IO;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > w->max) {
        rc_diag_error(path, 0, -1, "input is over the %s limit (--max-size)",
                      rc_ingest_size_text(w->max, 1).s);
        free(buf);
        return RC_TOOBIG;
    }
    if (n == 0) {
        rc_diag_error(path, 0, -1, "empty file");
        free(buf);
        return RC_EMPTY;
    }
    *out = buf;
    *len = n;
    return RC_OK;
}

/* Callback adapter for WARC archives: counts what the walker's callback
 * accepted and refused. */
typedef struct warc_ud {
    walker *w;
    unsigned long ok, failed;
} warc_ud;

/* Forward one page from an archive to the walker's callback. */
static int warc_cb(const rc_raw *raw, void *ud)
{
    warc_ud *u = ud;
    rc_raw copy = *raw;
    int rc = u->w->fn(&copy, u->w->ud);
    if (rc == RC_OK)
        u->ok++;
    else if (rc != RC_STOP)
        u->failed++;
    return rc;
}

/* Read a WARC archive (streamed record by record; the size cap applies to
 * each record). Damaged records count as failed; an archive without any
 * HTML page is an error. Returns RC_STOP or RC_OK. */
static int read_warc(walker *w, const char *path)
{
    warc_ud u = {.w = w};
    rc_warc_stats ws;
    int rc = rc_warc_read_file(path, w->max, warc_cb, &u, &ws);
    w->st->articles += u.ok;
    w->st->failed += u.failed + ws.errors;
    if (rc == RC_IO && ws.errors == 0)
        w->st->failed++;
    if (rc != RC_STOP && rc != RC_IO && ws.articles == 0 && ws.errors == 0) {
        rc_diag_error(path, 0, -1, "no HTML pages found in the archive (%lu record%s skipped)",
                      ws.skipped, ws.skipped == 1 ? "" : "s");
        fail(w);
    }
    return rc == RC_STOP ? RC_STOP : RC_OK;
}

/* Read one file of kind k (K_OTHER reads as text) and hand its articles to
 * the callback. Failures are reported and counted. Returns RC_STOP when the
 * callback stopped the walk, RC_OK otherwise. */
static int read_file(walker *w, const char *path, kind k)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        rc_diag_error(path, 0, -1, "%s", strerror(errno));
        fail(w);
        return RC_OK;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        rc_diag_error(path, 0, -1, "%s", strerror(errno));
        close(fd);
        fail(w);
        return RC_OK;
    }
    if (S_ISDIR(sb.st_mode)) {
        rc_diag_error(path, 0, -1, "is a directory");
        close(fd);
        fail(w);
        return RC_OK;
    }
    if (S_ISREG(sb.st_mode) && sb.st_size == 0) {
        rc_diag_error(path, 0, -1, "empty file");
        close(fd);
        fail(w);
        return RC_OK;
    }
    char *group = group_of(path);
    int rc = RC_OK;

    if (k == K_WARC) {
        close(fd);
        free(group);
        return read_warc(w, path);
    }
    if (k == K_JSONL) {
        FILE *fp = fdopen(fd, "rb");
        if (!fp) {
            rc_diag_error(path, 0, -1, "%s", strerror(errno));
            close(fd);
            fail(w);
            free(group);
            return RC_OK;
        }
        unsigned long nlines = 0;
        long long nbytes = 0;
        rc = rc_jsonl_read_from(fp, path, group, w->max, 1, w->fn, w->ud, w->st, &nlines,
                                &nbytes);
        fclose(fp);
        if (rc != RC_STOP && rc != RC_IO && nlines == 0) {
            rc_diag_error(path, 0, -1, "%s",
                          nbytes == 0 ? "empty file" : "no articles found (only blank lines)");
            fail(w);
        }
        free(group);
        return rc == RC_STOP ? RC_STOP : RC_OK;
    }

    if (S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > (unsigned long long)w->max) {
        rc_diag_error(path, 0, -1, "file is %s, over the %s limit (--max-size)",
                      rc_ingest_size_text((size_t)sb.st_size, 0).s,
                      rc_ingest_size_text(w->max, 1).s);
        close(fd);
        fail(w);
        free(group);
        return RC_OK;
    }
    char *body = NULL;
    size_t len = 0;
    size_t hint = S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
    if (read_all(w, path, fd, hint, &body, &len) != RC_OK) {
        close(fd);
        fail(w);
        free(group);
        return RC_OK;
    }
    close(fd);
    if (k == K_HTML_GZ) {
        rc_buf plain;
        rc_buf_init(&plain, w->max);
        size_t off = 0;
        int zr = rc_z_decode(RC_Z_GZIP, body, len, &plain, &off);
        free(body);
        if (zr == RC_OK && plain.len == 0)
            zr = RC_EMPTY;
        if (zr != RC_OK) {
            if (zr == RC_TOOBIG)
                rc_diag_error(path, 0, -1, "decompressed page is over the %s limit (--max-size)",
                              rc_ingest_size_text(w->max, 1).s);
            else if (zr == RC_EMPTY)
                rc_diag_error(path, 0, -1, "empty page after decompression");
            else
                rc_diag_error(path, 0, (long long)off, "corrupt or truncated gzip data; not ingested");
            rc_buf_cleanup(&plain);
            fail(w);
            free(group);
            return RC_OK;
        }
        body = rc_buf_detach(&plain, &len);
        k = K_HTML;
    }
    const char *name = base_name(path);
    char *id = rc_strndup(name, stem_len(name));
    rc_raw raw = {.input = path, .line = 0, .id = id, .group = group,
                  .body = body, .body_len = len,
                  .format = k == K_HTML ? RC_FMT_HTML : RC_FMT_TEXT};
    rc = deliver(w, &raw);
    free(id);
    free(body);
    free(group);
    return rc;
}

/* Read standard input: JSON lines when its first non-blank byte is '{',
 * otherwise one plain-text article with no id. Returns RC_STOP or RC_OK. */
static int read_stdin(walker *w)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    rc_buf pre;          /* everything consumed, for the plain-text case */
    rc_buf_init(&pre, w->max);
    int over = 0, c;
    long newlines = 0;
    size_t seen = 0, bom_len = 0;
    while ((c = getc(stdin)) != EOF) {
        if (seen == bom_len && bom_len < 3 && c == bom[bom_len]) {
            bom_len++;
        } else if (bom_len > 0 && bom_len < 3) {
            break; /* a broken byte order mark: not blank, so text */
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (c == '\n')
                newlines++;
        } else {
            break;
        }
        seen++;
        if (!over && rc_buf_putc(&pre, (char)c) != RC_OK)
            over = 1;
    }
    if (c == '{' && (bom_len == 0 || bom_len == 3)) {
        ungetc(c, stdin);
        rc_buf_cleanup(&pre);
        int rc = rc_jsonl_read_from(stdin, "-", "-", w->max, newlines + 1, w->fn, w->ud,
                                    w->st, NULL, NULL);
        return rc == RC_STOP ? RC_STOP : RC_OK;
    }
    if (c != EOF && !over && rc_buf_putc(&pre, (char)c) != RC_OK)
        over = 1;
    if (c != EOF) {
        char chunk[16384];
        size_t got;
        while (!over && (got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            if (rc_buf_append(&pre, chunk, got) != RC_OK)
                over = 1;
    }
    int rc = RC_OK;
    if (ferror(stdin)) {
        rc_diag_error("-", 0, (long long)pre.len, "read error: %s", strerror(errno ? errno : EIO));
        fail(w);
    } else if (over) {
        rc_diag_error("-", 0, -1, "input is over the %s limit (--max-size)",
                      rc_ingest_size_text(w->max, 1).s);
        fail(w);
    } else if (pre.len == 0) {
        rc_diag_error("-", 0, -1, "empty input");
        fail(w);
    } else {
        rc_raw raw = {.input = "-", .line = 0, .id = NULL, .group = "-",
                      .body = pre.data, .body_len = pre.len, .format = RC_FMT_TEXT};
        rc = deliver(w, &raw);
    }
    rc_buf_cleanup(&pre);
    return rc;
}

/* Record directory sb as read; 0 when it already was (loop or duplicate). */
static int mark_seen(walker *w, const struct stat *sb)
{
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino)
            return 0;
    if (w->nseen == w->capseen) {
        w->capseen = w->capseen ? w->capseen * 2 : 16;
        w->seen = rc_reallocarray(w->seen, w->capseen, sizeof *w->seen);
    }
    w->seen[w->nseen].dev = sb->st_dev;
    w->seen[w->nseen].ino = sb->st_ino;
    w->nseen++;
    return 1;
}

/* qsort comparator: entry names in strcmp order. */
static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk directory path (already marked seen) at nesting depth: entries in
 * strcmp order, hidden ones skipped, subdirectories depth-first.
 * Returns RC_STOP or RC_OK. */
static int walk_dir(walker *w, const char *path, int depth)
{
    DIR *d = opendir(path);
    if (!d) {
        rc_diag_error(path, 0, -1, "cannot open directory: %s", strerror(errno));
        fail(w);
        return RC_OK;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno != 0) {
                rc_diag_error(path, 0, -1, "cannot read directory: %s", strerror(errno));
                fail(w);
            }
            break;
        }
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = rc_reallocarray(names, cap, sizeof *names);
        }
        names[n++] = rc_strdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);

    int rc = RC_OK;
    for (size_t i = 0; i < n; i++) {
        if (rc == RC_STOP) {
            free(names[i]);
            continue;
        }
        char *child = join_path(path, names[i]);
        kind k = classify(names[i]);
        struct stat sb;
        if (stat(child, &sb) != 0) {
            if (k != K_OTHER) {
                int e = errno;
                rc_diag_error(child, 0, -1, "%s%s", strerror(e),
                              e == ENOENT ? " (dangling symbolic link?)" : "");
                fail(w);
                w->found++;
            } else {
                w->st->skipped++;
                w->skipped++;
            }
        } else if (S_ISDIR(sb.st_mode)) {
            if (depth + 1 > RC_INGEST_MAX_DEPTH)
                rc_diag_warn(child, 0, -1, "nested over %d directories deep, not read",
                             RC_INGEST_MAX_DEPTH);
            else if (!mark_seen(w, &sb))
                rc_diag_warn(child, 0, -1,
                             "directory already read (symbolic link loop?), not read again");
            else
                rc = walk_dir(w, child, depth + 1);
        } else if (S_ISREG(sb.st_mode) && k != K_OTHER) {
            w->found++;
            rc = read_file(w, child, k);
        } else {
            w->st->skipped++;
            w->skipped++;
        }
        free(child);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Process one top-level input. Returns RC_STOP or RC_OK. */
static int walk_input(walker *w, const char *path)
{
    if (strcmp(path, "-") == 0)
        return read_stdin(w);
    struct stat sb;
    if (stat(path, &sb) != 0) {
        rc_diag_error(path, 0, -1, "%s", strerror(errno == ENOTDIR ? ENOENT : errno));
        fail(w);
        return RC_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        kind k = classify(base_name(path));
        return read_file(w, path, k == K_OTHER ? K_TEXT : k);
    }
    w->nseen = 0;
    w->found = 0;
    w->skipped = 0;
    mark_seen(w, &sb);
    int rc = walk_dir(w, path, 0);
    if (rc != RC_STOP && w->found == 0) {
        rc_diag_error(path, 0, -1, "no articles found (%lu file%s skipped)", w->skipped,
                      w->skipped == 1 ? "" : "s");
        fail(w);
    }
    return rc;
}

/* Walk npaths inputs in order (see ingest.h). */
int rc_ingest_walk(const char *const *paths, size_t npaths, const rc_ingest_opts *opts,
                   rc_raw_fn fn, void *ud, rc_ingest_stats *st)
{
    memset(st, 0, sizeof *st);
    walker w = {.max = opts && opts->max_bytes ? opts->max_bytes : RC_INGEST_DEFAULT_MAX,
                .fn = fn, .ud = ud, .st = st};
    if (w.max > SIZE_MAX / 4)
        w.max = SIZE_MAX / 4; /* room for the "one byte more" probe */
    int rc = RC_OK;
    for (size_t i = 0; i < npaths && rc != RC_STOP; i++)
        rc = walk_input(&w, paths[i]);
    free(w.seen);
    if (rc == RC_STOP)
        return RC_STOP;
    return st->failed ? RC_ERR : RC_OK;
}
