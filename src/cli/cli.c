#include "cli/cli.h"
#include "cli/runner.h"
#include "cluster/events.h"
#include "cluster/place.h"
#include "extract/entities.h"
#include "extract/facts.h"
#include "report/facts_text.h"
#include "pipeline/analysis.h"
#include "pipeline/pipeline.h"
#include "pipeline/refresh.h"
#include "pipeline/store_report.h"
#include "report/jalloc.h"
#include "report/report.h"
#include "report/json_int.h"
#include "store/store.h"
#include "text/lang.h"
#include "text/stem.h"
#include "crosscheck/align.h"
#include "text/textmodel.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/rc.h"
#include "util/stagetime.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_DB "recoupe.db"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
    const char *help;
} command;

static int cmd_ingest(int argc, char **argv);
static int cmd_analyze(int argc, char **argv);
static int cmd_show(int argc, char **argv);
static int cmd_extract(int argc, char **argv);
static int cmd_entities(int argc, char **argv);
static int cmd_events(int argc, char **argv);
static int cmd_refresh(int argc, char **argv);
static int cmd_report(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const command commands[] = {
    {"ingest", cmd_ingest, "recoupe ingest [--db FILE] [--no-events] [--max-size SIZE] [-q|-v] PATH...",
     "Add articles to the store (default ./" DEFAULT_DB ") and place each one\n"
     "into an event (online: the stored events around its date; no\n"
     "recomputation), written together with the article.\n"
     "PATH: a .txt article, a .jsonl/.ndjson file of JSON lines, a directory\n"
     "(read recursively, sorted, hidden entries skipped) or - for stdin.\n"
     "Re-ingesting the same content adds nothing.\n"
     "  --db FILE        store to use (SQLite file; created when absent)\n"
     "  --no-events      store only (a bulk load, several times faster); the\n"
     "                   articles are placed into events by the next `events`\n"
     "                   or `report` on the store\n"
     "  --max-size SIZE  largest file or JSON line accepted (default 32M)\n"
     "  -q, --quiet      errors only;  -v, --verbose  more detail\n"},
    {"analyze", cmd_analyze,
     "recoupe analyze [--db FILE] [--json | --markdown | --html FILE] [--no-color] [--max-size SIZE] PATH...",
     "Ingest the articles and write the report for them to stdout: by default\n"
     "the human report for the terminal (per event: outlets, claims and their\n"
     "origins, conflicts, timeline, framing), wrapped at 80 columns, in colour\n"
     "on a terminal unless --no-color or NO_COLOR is set.\n"
     "Without --db a temporary in-memory store is used and nothing is left behind.\n"
     "  --json           the JSON report (docs/report-format.md)\n"
     "  --markdown       the report as Markdown (chat, wiki)\n"
     "  --html FILE      write one self-contained HTML page to FILE instead\n"
     "  --no-color       no colours even on a terminal\n"
     "  --db FILE        keep the articles in this store as well\n"
     "  --max-size SIZE  largest file or JSON line accepted (default 32M)\n"},
    {"report", cmd_report,
     "recoupe report [--db FILE] [--event ID] [--format terminal|markdown|html|json] [-o FILE] [--no-color] [--jobs N] [--timings]",
     "The report of every article in the store (the same as analyze gives\n"
     "for them), or of one event.\n"
     "  --db FILE        store to read (default ./" DEFAULT_DB ")\n"
     "  --event ID       only this event (an events[].id) and its articles\n"
     "  --format FORMAT  terminal (default), markdown, html or json\n"
     "  -o FILE          write to FILE instead of stdout (-o -: stdout)\n"
     "  --no-color       no colours even on a terminal\n"
     "  --jobs N         stories cross-checked on N threads at once (default:\n"
     "                   RECOUPE_JOBS, else the processors); same report for any N\n"
     "  --timings        CPU seconds of each stage on stderr at the end\n"},
    {"extract", cmd_extract, "recoupe extract [--jsonl] [--max-size SIZE] PATH...",
     "Extraction only, nothing stored: the article of each web page (or text\n"
     "article) with its metadata. PATH: .html/.htm (optionally .gz), .warc,\n"
     ".warc.gz, .warc.zst, JSON lines with an \"html\" or \"text\" field, .txt,\n"
     "folders, or - for stdin.\n"
     "  --jsonl          one JSON object per line: {\"id\", \"url\", \"title\",\n"
     "                   \"published\", \"outlet\", \"author\", \"lang\", \"credits\", \"text\"}\n"
     "  --max-size SIZE  largest file, JSON line or WARC record (default 32M)\n"},
    {"show", cmd_show, "recoupe show [--db FILE] [--json | --facts] [--no-color] ID",
     "Print one stored article: its metadata, what cleaning removed, and the\n"
     "cleaned text.\n"
     "  --db FILE    store to read (default ./" DEFAULT_DB ")\n"
     "  --json       the article as its JSON report entry\n"
     "  --facts      the text with its facts marked: people, places and\n"
     "               organisations, quantities, dates, quotes (colours on a\n"
     "               terminal; plain markers otherwise, with --no-color or NO_COLOR)\n"},
    {"entities", cmd_entities, "recoupe entities [--db FILE] [--json]",
     "List the entities named in the stored articles, every spelling of a name\n"
     "merged into one entity (Kim Jong-Un, Kim Jong Un, M. Kim), with their\n"
     "type, the number of articles naming them, and their variants.\n"
     "  --db FILE   store to read (default ./" DEFAULT_DB ")\n"
     "  --json      one JSON object per line per entity\n"},
    {"events", cmd_events, "recoupe events [--db FILE] [--json]",
     "List the events the stored articles were placed in by ingest (one\n"
     "meeting, one announcement, on one date; French and English reports of it\n"
     "together), one line per event: its date (\"undated\" when no date could\n"
     "be told), the number of articles, their outlets and a label (the title of\n"
     "the most central article). Read from the store, not recomputed; articles\n"
     "stored without an event (an older store) are placed first, once.\n"
     "  --db FILE   store to read (default ./" DEFAULT_DB ")\n"
     "  --json      one JSON object per line per event, as in the report's events[]\n"},
    {"refresh", cmd_refresh, "recoupe refresh [--db FILE]",
     "Make again, from the stored texts, the records placing keeps with each\n"
     "article for the report (its extracted facts and tokens, its copy keys)\n"
     "where another version of recoupe made them. A report refuses those as\n"
     "stale and extracts every such article again, each time; after a refresh\n"
     "it reads them. Nothing else changes: the same events, stories and report.\n"
     "Records already current are left alone; an interrupted refresh keeps\n"
     "what it did and the next one goes on.\n"
     "  --db FILE   store to refresh (default ./" DEFAULT_DB ")\n"},
    {"help", cmd_help, "recoupe help [COMMAND]", "Show help for a command.\n"},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

/* Print the overall usage to fp. */
static void usage(FILE *fp)
{
    fputs("recoupe " RECOUPE_VERSION " - cross-check news coverage\n\n"
          "usage: recoupe COMMAND [OPTIONS] [ARGS]\n\ncommands:\n", fp);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %s\n", commands[i].usage);
    fputs("\n  recoupe --help, recoupe help COMMAND, recoupe --version\n"
          "\nExit status: 0 all inputs went in, 1 some failed (each reported), 2 usage error.\n",
          fp);
}

/* Find a command by name, or NULL. */
static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Report a usage error for command c and return RC_EXIT_USAGE. */
static int usage_error(const command *c, const char *fmt, const char *arg)
{
    fputs("recoupe: ", stderr);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: %s\n", c->usage);
    return RC_EXIT_USAGE;
}

/* Parse a size such as "32M", "512K", "1G" or "1000"; 0 on error. */
static size_t parse_size(const char *s)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || v == 0)
        return 0;
    unsigned long long mul = 1;
    switch (*end) {
    case 'k': case 'K': mul = 1ull << 10; end++; break;
    case 'm': case 'M': mul = 1ull << 20; end++; break;
    case 'g': case 'G': mul = 1ull << 30; end++; break;
    default: break;
    }
    if (*end == 'i' || *end == 'B')
        end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
    if (*end || v > (unsigned long long)SIZE_MAX / mul)
        return 0;
    return (size_t)(v * mul);
}

typedef struct opts {
    const char *db;
    const char *html, *format, *event, *output; /* analyze --html; report */
    int json, markdown, jsonl, facts, no_color, no_events;
    size_t max_bytes;
    size_t jobs;        /* report --jobs */
    int timings;        /* report --timings */
    char **args;
    int nargs;
} opts;

/* Parse the options common to the commands; options may follow arguments;
 * "--" ends options. Returns 0 or RC_EXIT_USAGE (message printed). The
 * allowed set is given as a string of letters: d(b) j(son) m(arkdown)
 * s(max-size). */
static int parse_opts(const command *c, int argc, char **argv, const char *allowed, opts *o)
{
    memset(o, 0, sizeof *o);
    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    if (!o->args)
        return RC_EXIT_USAGE;
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            o->args[o->nargs++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
        } else if (strchr(allowed, 'd') && (strcmp(a, "--db") == 0 || strncmp(a, "--db=", 5) == 0)) {
            if (a[4] == '=')
                o->db = a + 5;
            else if (++i < argc)
                o->db = argv[i];
            else
                return usage_error(c, "%s needs a file name", a);
            if (!*o->db)
                return usage_error(c, "%s needs a file name", "--db");
        } else if (strchr(allowed, 'h') && strcmp(a, "--html") == 0) {
            if (++i >= argc || !*argv[i])
                return usage_error(c, "%s needs a file name", a);
            o->html = argv[i];
        } else if (strchr(allowed, 'F') && strcmp(a, "--format") == 0) {
            if (++i >= argc)
                return usage_error(c, "%s needs terminal, markdown, html or json", a);
            o->format = argv[i];
            if (strcmp(o->format, "terminal") && strcmp(o->format, "markdown") &&
                strcmp(o->format, "html") && strcmp(o->format, "json"))
                return usage_error(c, "unknown format '%s' (terminal, markdown, html or json)", o->format);
        } else if (strchr(allowed, 'e') && strcmp(a, "--event") == 0) {
            if (++i >= argc || !*argv[i])
                return usage_error(c, "%s needs an event id", a);
            o->event = argv[i];
        } else if (strchr(allowed, 'o') && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (++i >= argc || !*argv[i])
                return usage_error(c, "%s needs a file name", a);
            o->output = strcmp(argv[i], "-") == 0 ? NULL : argv[i]; /* "-": stdout */
        } else if (strchr(allowed, 'J') && (strcmp(a, "--jobs") == 0 || strncmp(a, "--jobs=", 7) == 0)) {
            const char *v = a[6] == '=' ? a + 7 : (++i < argc ? argv[i] : NULL);
            char *end = NULL;
            unsigned long long n = v ? strtoull(v, &end, 10) : 0;
            if (!v || !*v || *end || n == 0 || n > RC_REPORT_MAX_JOBS)
                return usage_error(c, "%s needs a number of threads from 1 to 64", "--jobs");
            o->jobs = (size_t)n;
        } else if (strchr(allowed, 'T') && strcmp(a, "--timings") == 0) {
            o->timings = 1;
        } else if (strchr(allowed, 'j') && strcmp(a, "--json") == 0) {
            o->json = 1;
        } else if (strchr(allowed, 'f') && strcmp(a, "--facts") == 0) {
            o->facts = 1;
        } else if (strchr(allowed, 'n') && strcmp(a, "--no-events") == 0) {
            o->no_events = 1;
        } else if (strchr(allowed, 'c') && strcmp(a, "--no-color") == 0) {
            o->no_color = 1;
        } else if (strchr(allowed, 'l') && strcmp(a, "--jsonl") == 0) {
            o->jsonl = 1;
        } else if (strchr(allowed, 'm') && strcmp(a, "--markdown") == 0) {
            o->markdown = 1;
        } else if (strchr(allowed, 's') && (strcmp(a, "--max-size") == 0 || strncmp(a, "--max-size=", 11) == 0)) {
            const char *v = a[10] == '=' ? a + 11 : (++i < argc ? argv[i] : NULL);
            if (!v)
                return usage_error(c, "%s needs a size such as 32M", a);
            o->max_bytes = parse_size(v);
            if (!o->max_bytes)
                return usage_error(c, "invalid size '%s' (use e.g. 500K, 32M, 1G)", v);
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            rc_diag_set_level(-1);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            rc_diag_set_level(1);
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("usage: %s\n\n%s", c->usage, c->help);
            exit(RC_EXIT_OK);
        } else {
            return usage_error(c, "unknown option '%s'", a);
        }
    }
    if (o->json && o->markdown)
        return usage_error(c, "%s", "--json and --markdown exclude each other");
    if (o->html && (o->json || o->markdown))
        return usage_error(c, "%s", "--html excludes --json and --markdown");
    if (o->json && o->facts)
        return usage_error(c, "%s", "--json and --facts exclude each other");
    return 0;
}

/* Open the store for writing, printing why when it fails. */
static rc_store *open_store(const char *spec)
{
    rc_store *s = NULL;
    if (rc_store_open(spec, &s) != RC_OK)
        return NULL;
    return s;
}

/* Print a one-line summary of an ingest run to stderr. */
static void summary(const rc_runner *r, const char *db)
{
    fprintf(stderr, "recoupe: %lu added, %lu replaced, %lu unchanged, %lu duplicate, %lu failed",
            r->added, r->replaced, r->unchanged, r->duplicate, rc_diag_errors());
    if (db)
        fprintf(stderr, " (store %s)", db);
    fputc('\n', stderr);
}

/* Release process-wide caches (keeps leak checkers quiet). */
static void release_caches(void)
{
    rc_lang_cleanup();
    rc_stem_cleanup();
    rc_align_thread_cleanup();
}

/* The part of `ingest` and `analyze` that is the same: parse the options
 * (allowed as in parse_opts), require inputs, open the store (spec), and
 * ingest into it. On success returns 0 with *s open and r filled (the
 * caller closes and cleans up); otherwise returns the exit status, with
 * nothing left open. */
static int ingest_run(const command *c, int argc, char **argv, const char *allowed,
                      const char *default_db, int collect, opts *o, rc_store **s,
                      rc_runner *r)
{
    int u = parse_opts(c, argc, argv, allowed, o);
    if (!u && !o->nargs)
        u = usage_error(c, "%s", "no input given");
    if (u) {
        free(o->args);
        return u;
    }
    *s = open_store(o->db ? o->db : default_db);
    if (!*s) {
        free(o->args);
        return RC_EXIT_SOME_FAILED;
    }
    rc_runner_init(r, *s, collect);
    /* ingest places articles into events (unless --no-events: a bulk load,
     * placed later by `events` or `report`); analyze clusters its own run */
    r->place = !collect && !o->no_events;
    rc_ingest_opts io = {o->max_bytes};
    rc_runner_run(r, (const char *const *)o->args, (size_t)o->nargs, &io);
    return 0;
}

/* recoupe ingest: see the command table. */
static int cmd_ingest(int argc, char **argv)
{
    opts o;
    rc_store *s;
    rc_runner r;
    int status = ingest_run(find_command("ingest"), argc, argv, "dsn", DEFAULT_DB, 0, &o, &s, &r);
    if (status)
        return status;
    /* the stories of the events as they now stand, linked once here and
     * kept in the store, so the reports and listings that follow read
     * them (cluster/place.h, "Kept link") */
    if (r.place && (r.added || r.replaced))
        rc_evlist_keep_link(s);
    summary(&r, o.db ? o.db : DEFAULT_DB);
    rc_runner_cleanup(&r);
    rc_store_close(s);
    free(o.args);
    return rc_diag_errors() ? RC_EXIT_SOME_FAILED : RC_EXIT_OK;
}

static int use_color(const opts *o);

/* Write the report of rep in o->format (terminal, markdown, html, json) to
 * o->output (stdout when NULL), narrowed to o->event when set. Returns the
 * exit status: 0, or 1 with a message (unknown event, write failure). */
static int write_report(const opts *o, const rc_report *rep)
{
    const char *fmt = o->format ? o->format : "terminal";
    int is_json = strcmp(fmt, "json") == 0, is_html = strcmp(fmt, "html") == 0;
    json_t *tree = NULL;
    if (!is_json || o->event) {
        tree = rc_report_tree(rep, is_json || is_html);
        if (o->event && rc_report_tree_event(tree, o->event) != RC_OK) {
            size_t n = json_array_size(json_object_get(tree, "events"));
            fprintf(stderr, "recoupe: error: no event '%s' (%zu event%s in this report%s)\n", o->event, n,
                    n == 1 ? "" : "s", n ? "; see the events[] ids of --format json" : "");
            json_decref(tree);
            return RC_EXIT_SOME_FAILED;
        }
    }
    FILE *out = o->output ? fopen(o->output, "w") : stdout;
    if (!out) {
        fprintf(stderr, "recoupe: %s: error: cannot write (%s)\n", o->output ? o->output : "stdout", strerror(errno));
        json_decref(tree);
        return RC_EXIT_SOME_FAILED;
    }
    int rc;
    if (is_json)
        rc = tree ? rc_report_json_tree(out, tree) : rc_report_json(out, rep);
    else if (is_html)
        rc = rc_report_html(out, tree);
    else if (strcmp(fmt, "markdown") == 0)
        rc = rc_report_markdown_tree(out, rep, tree);
    else {
        rc_term_opts to = {o->output ? 0 : use_color(o), 80};
        rc = rc_report_terminal(out, tree, &to);
    }
    json_decref(tree);
    if (o->output && fclose(out) != 0)
        rc = RC_IO;
    if (rc != RC_OK) {
        fprintf(stderr, "recoupe: %s: error: could not write the report (%s)\n",
                o->output ? o->output : "stdout", strerror(errno));
        return RC_EXIT_SOME_FAILED;
    }
    return RC_EXIT_OK;
}

/* recoupe analyze: see the command table. Without --db the store is an
 * SQLite in-memory database, so nothing is left behind. */
static int cmd_analyze(int argc, char **argv)
{
    opts o;
    rc_store *s;
    rc_runner r;
    int status = ingest_run(find_command("analyze"), argc, argv, "djmshc", ":memory:", 1, &o, &s, &r);
    if (status)
        return status;
    if (rc_diag_errors() || o.db)
        summary(&r, o.db);
    /* extract, cluster and cross-check over the run's documents */
    rc_analysis an;
    rc_analysis_run(&an, r.docs, r.ndocs);
    rc_report rep = {r.docs, r.ndocs, RECOUPE_VERSION, an.facts, an.entities, &an, 0};
    o.format = o.json ? "json" : o.markdown ? "markdown" : o.html ? "html" : "terminal";
    o.output = o.html;
    int rc = write_report(&o, &rep);
    rc_analysis_cleanup(&an);
    rc_runner_cleanup(&r);
    rc_store_close(s);
    free(o.args);
    if (rc != RC_EXIT_OK)
        return rc;
    return rc_diag_errors() ? RC_EXIT_SOME_FAILED : RC_EXIT_OK;
}

/* Print one line "label: value" when value is set. */
static void show_field(const char *label, const char *v)
{
    if (v)
        printf("%-10s %s\n", label, v);
}

/* Print the metadata of d, one "label: value" line each. */
static void show_doc_fields(const rc_doc *d)
{
    show_field("id:", d->id);
    show_field("source:", d->source);
    show_field("title:", d->title);
    show_field("outlet:", d->outlet);
    show_field("author:", d->author);
    show_field("published:", d->published);
    show_field("dateline:", d->dateline);
    show_field("lang:", d->lang);
    show_field("url:", d->url);
    if (d->ncredits) {
        printf("%-10s ", "credits:");
        for (size_t i = 0; i < d->ncredits; i++)
            printf("%s%s", i ? ", " : "", d->credits[i]);
        putchar('\n');
    }
    printf("%-10s %zu\n", "sentences:", d->nsentences);
    for (size_t i = 0; i < d->nissues; i++)
        printf("%-10s %s: %s\n", "issue:", d->issues[i].kind, d->issues[i].description);
    for (size_t i = 0; i < d->nremoved; i++)
        printf("%-10s %s\n", "removed:", d->removed[i]);
}

/* State of one `extract` run. */
typedef struct extract_run {
    int jsonl;
    unsigned long pages, failed;
} extract_run;

/* extract's per-article callback: clean the article (no store, no text
 * model) and print it. */
static int on_extract(const rc_raw *raw, void *ud)
{
    extract_run *x = ud;
    rc_doc *d = NULL;
    int rc = rc_pipeline_clean(raw, NULL, &d);
    if (rc != RC_OK) {
        x->failed++;
        rc_diag_error(raw->input, raw->line, -1, "%s",
                      rc == RC_EMPTY ? "no article text found" : rc_strerror(rc));
        return rc;
    }
    x->pages++;
    if (x->jsonl) {
        rc_report_extract_line(stdout, d);
    } else {
        printf("== %s\n", d->id);
        show_doc_fields(d);
        printf("\n%s\n\n", d->text ? d->text : "");
    }
    rc_doc_free(d);
    return RC_OK;
}

/* recoupe extract: see the command table. */
static int cmd_extract(int argc, char **argv)
{
    const command *c = find_command("extract");
    opts o;
    int u = parse_opts(c, argc, argv, "ls", &o);
    if (!u && !o.nargs)
        u = usage_error(c, "%s", "no input given");
    if (u) {
        free(o.args);
        return u;
    }
    extract_run x = {o.jsonl, 0, 0};
    rc_ingest_opts io = {o.max_bytes};
    rc_ingest_stats st;
    rc_ingest_walk((const char *const *)o.args, (size_t)o.nargs, &io, on_extract, &x, &st);
    free(o.args);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "recoupe: error: could not write the output (%s)\n", strerror(errno));
        return RC_EXIT_SOME_FAILED;
    }
    return rc_diag_errors() ? RC_EXIT_SOME_FAILED : RC_EXIT_OK;
}


/* Colour on stdout: a terminal, no --no-color, and NO_COLOR unset or empty
 * (https://no-color.org). */
static int use_color(const opts *o)
{
    const char *nc = getenv("NO_COLOR");
    return !o->no_color && !(nc && *nc) && isatty(STDOUT_FILENO);
}

/* Open an existing store for reading, or print why not and return NULL. */
static rc_store *open_existing(const char *db)
{
    struct stat st;
    if (!strchr(db, ':') && stat(db, &st) != 0) {
        fprintf(stderr, "recoupe: %s: error: no store here (%s); ingest articles first\n", db,
                strerror(errno));
        return NULL;
    }
    return open_store(db);
}

/* The start shared by the commands that read a store and take no
 * argument (entities, events, report): parse the options of command name
 * (allowed as in parse_opts), refuse arguments, and open the existing store
 * (o->db, else DEFAULT_DB). Returns 0 with *s open and *db set (the caller
 * closes *s and frees o->args), or the exit status with nothing left open. */
static int open_reader(const char *name, int argc, char **argv, const char *allowed, opts *o,
                       const char **db, rc_store **s)
{
    const command *c = find_command(name);
    int u = parse_opts(c, argc, argv, allowed, o);
    if (!u && o->nargs)
        u = usage_error(c, "unexpected argument '%s'", o->args[0]);
    if (u) {
        free(o->args);
        return u;
    }
    *db = o->db ? o->db : DEFAULT_DB;
    *s = open_existing(*db);
    if (!*s) {
        free(o->args);
        return RC_EXIT_SOME_FAILED;
    }
    return 0;
}

/* State of `entities`: the stored ids, then the documents kept alive until
 * the merge (the table refers to their facts). */
typedef struct entities_run {
    char **ids;
    rc_doc **docs;
    size_t n, cap;
} entities_run;

/* rc_store_each callback: remember the document's id. */
static int on_entities_id(rc_doc *d, void *ud)
{
    entities_run *e = ud;
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 64;
        e->ids = rc_reallocarray(e->ids, e->cap, sizeof *e->ids);
    }
    e->ids[e->n++] = rc_strdup(d->id);
    return 0;
}

/* recoupe entities: see the command table. */
static int cmd_entities(int argc, char **argv)
{
    opts o;
    const char *db;
    rc_store *s;
    int start = open_reader("entities", argc, argv, "dj", &o, &db, &s);
    if (start)
        return start;
    entities_run e = {NULL, NULL, 0, 0};
    rc_store_each(s, on_entities_id, &e);
    rc_entity_table *t = rc_entities_new();
    e.docs = rc_calloc(e.n ? e.n : 1, sizeof *e.docs);
    for (size_t i = 0; i < e.n; i++) {
        if (rc_store_get(s, e.ids[i], &e.docs[i]) != RC_OK)
            continue;
        rc_textmodel_build(e.docs[i]);
        rc_facts *f = rc_facts_new(e.docs[i]);
        rc_extract_entities(e.docs[i], f);
        rc_entities_add(t, e.docs[i], f);
    }
    rc_entities_merge(t);
    size_t n = rc_entities_count(t);
    for (size_t i = 0; i < n; i++) {
        const rc_entity *x = rc_entities_get(t, i);
        if (o.json) {
            rc_report_entity_line(stdout, x, i);
            continue;
        }
        printf("%4zu  %-13s %s", x->ndocs, rc_etype_name(x->type), x->name);
        for (size_t v = 0; v < x->nvariants; v++)
            if (strcmp(x->variants[v].text, x->name) != 0)
                printf("%s%s (%zu)", v ? "; " : "  = ", x->variants[v].text, x->variants[v].count);
        putchar('\n');
    }
    rc_entities_free(t);
    for (size_t i = 0; i < e.n; i++) {
        rc_doc_free(e.docs[i]);
        free(e.ids[i]);
    }
    free(e.docs);
    free(e.ids);
    rc_store_close(s);
    free(o.args);
    return RC_EXIT_OK;
}

/* Place the stored documents that have no event yet (a store written by
 * `ingest --no-events` or before placement), saying so once on stderr.
 * Returns RC_OK or RC_IO. */
static int place_missing(rc_store *s, const char *db)
{
    size_t placed = 0;
    int rc = rc_place_missing(s, &placed);
    if (placed)
        fprintf(stderr,
                "recoupe: %s: placed %zu stored article%s without an event (one time: stored "
                "before incremental events)\n",
                db, placed, placed == 1 ? "" : "s");
    return rc;
}

/* recoupe report: see the command table. The stored events are used
 * (placing first what has no event), and the report is built and written
 * one story at a time (pipeline/store_report.h). */
static int cmd_report(int argc, char **argv)
{
    opts o;
    const char *db;
    rc_store *s;
    int start = open_reader("report", argc, argv, "dFeocJT", &o, &db, &s);
    if (start)
        return start;
    int status = RC_EXIT_SOME_FAILED;
    if (place_missing(s, db) == RC_OK) {
        FILE *out = o.output ? fopen(o.output, "w") : stdout;
        /* a report of a big store is gigabytes: write it in large blocks */
        if (out)
            setvbuf(out, NULL, _IOFBF, 1 << 20);
        if (!out) {
            fprintf(stderr, "recoupe: %s: error: cannot write (%s)\n", o.output, strerror(errno));
        } else {
            rc_store_report_opts ro = {o.format, o.event, {o.output ? 0 : use_color(&o), 80},
                                       RECOUPE_VERSION, o.jobs, o.output};
            int rc = rc_store_report(s, &ro, out);
            const char *tm = getenv("RECOUPE_TIMINGS");
            if (o.timings || (tm && *tm && strcmp(tm, "0") != 0))
                rc_stagetime_print(stderr);
            if (o.output && fclose(out) != 0 && rc == RC_OK) {
                fprintf(stderr, "recoupe: %s: error: could not write the report (%s)\n", o.output,
                        strerror(errno));
                rc = RC_IO;
            }
            status = rc == RC_OK ? RC_EXIT_OK : RC_EXIT_SOME_FAILED;
        }
    }
    rc_store_close(s);
    free(o.args);
    return status;
}

/* recoupe show: see the command table. */
static int cmd_show(int argc, char **argv)
{
    const command *c = find_command("show");
    opts o;
    int u = parse_opts(c, argc, argv, "djfc", &o);
    if (u) {
        free(o.args);
        return u;
    }
    if (o.nargs != 1) {
        free(o.args);
        return usage_error(c, "%s", "give exactly one document id");
    }
    const char *db = o.db ? o.db : DEFAULT_DB;
    rc_store *s = open_existing(db);
    if (!s) {
        free(o.args);
        return RC_EXIT_SOME_FAILED;
    }
    rc_doc *d = NULL;
    int rc = rc_store_get(s, o.args[0], &d);
    int status = RC_EXIT_OK;
    if (rc == RC_NOTFOUND) {
        fprintf(stderr, "recoupe: %s: error: no document with id '%s'\n", db, o.args[0]);
        status = RC_EXIT_SOME_FAILED;
    } else if (rc != RC_OK) {
        status = RC_EXIT_SOME_FAILED;
    } else if (o.json) {
        rc_textmodel_build(d);
        rc_report_json_doc(stdout, d, 0);
        fputc('\n', stdout);
    } else if (o.facts) {
        rc_textmodel_build(d);
        rc_facts *f = rc_facts_new(d);
        rc_extract_all(d, f);
        rc_entity_table *et = rc_entities_new();
        rc_entities_add(et, d, f);
        rc_entities_merge(et);
        show_doc_fields(d);
        putchar('\n');
        rc_report_facts_text(stdout, d, f, use_color(&o));
        rc_entities_free(et);
    } else {
        show_doc_fields(d);
        printf("\n%s\n", d->text ? d->text : "");
    }
    rc_doc_free(d);
    rc_store_close(s);
    free(o.args);
    return status;
}

/* recoupe help [COMMAND]. */
static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return RC_EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "recoupe: no command '%s'\n", argv[1]);
        usage(stderr);
        return RC_EXIT_USAGE;
    }
    printf("usage: %s\n\n%s", c->usage, c->help);
    return RC_EXIT_OK;
}

/* Dispatch argv[1] to its command; see cli.h. */
int rc_cli_main(int argc, char **argv)
{
    /* before any jansson value exists: report parts build their trees in
     * per-thread regions (report/jalloc.h) */
    rc_jalloc_install();
    if (argc < 2) {
        usage(stderr);
        return RC_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return RC_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("recoupe %s\n", RECOUPE_VERSION);
        return RC_EXIT_OK;
    }
    const command *c = find_command(name);
    if (!c) {
        fprintf(stderr, "recoupe: unknown command '%s'\n", name);
        usage(stderr);
        return RC_EXIT_USAGE;
    }
    int status = c->run(argc - 1, argv + 1);
    release_caches();
    return status;
}

/* An array of the strings v[0..n). */
static json_t *json_strs(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

/* recoupe refresh: see the command table. */
static int cmd_refresh(int argc, char **argv)
{
    opts o;
    const char *db;
    rc_store *s;
    int start = open_reader("refresh", argc, argv, "d", &o, &db, &s);
    if (start)
        return start;
    rc_refresh_stats st;
    int rc = rc_refresh_store(s, &st);
    /* the stories link of the store as it now stands, kept for the
     * reports (the rewritten rows moved the store's generation) */
    if (st.renewed)
        rc_evlist_keep_link(s);
    fprintf(stderr, "recoupe: %zu renewed, %zu current, %zu failed of %zu placed articles (store %s)\n",
            st.renewed, st.current, st.failed, st.placed, db);
    rc_store_close(s);
    free(o.args);
    return rc == RC_OK ? RC_EXIT_OK : RC_EXIT_SOME_FAILED;
}

/* recoupe events: see the command table. The stored events are read, not
 * recomputed (cluster/place.h); documents stored without a place (a store
 * written before placement) are placed first, once. */
static int cmd_events(int argc, char **argv)
{
    opts o;
    const char *db;
    rc_store *s;
    int start = open_reader("events", argc, argv, "dj", &o, &db, &s);
    if (start)
        return start;
    int rc = place_missing(s, db);
    rc_evlist *l = NULL;
    if (rc == RC_OK)
        rc = rc_evlist_load(s, &l);
    int bad = rc != RC_OK;
    for (size_t i = 0; l && i < l->nevents; i++) {
        const rc_evlist_event *x = &l->events[i];
        if (o.json) {
            json_t *obj = json_object();
            json_object_set_new(obj, "id", json_string(x->id));
            json_object_set_new(obj, "date", x->undated ? json_null() : json_string(x->date));
            json_object_set_new(obj, "undated", json_boolean(x->undated));
            json_object_set_new(obj, "label", *x->label ? json_string(x->label) : json_null());
            json_object_set_new(obj, "documents", json_strs(x->docs, x->ndocs));
            json_object_set_new(obj, "outlets", json_strs(x->outlets, x->noutlets));
            json_object_set_new(obj, "languages", json_strs(x->langs, x->nlangs));
            json_object_set_new(obj, "story", json_string(l->stories[x->story].id));
            bad |= json_dumpf(obj, stdout, JSON_COMPACT) != 0;
            putchar('\n');
            json_decref(obj);
        } else {
            printf("%-10s %4zu  ", x->undated ? "undated" : x->date, x->ndocs);
            if (!x->noutlets)
                fputs("-", stdout);
            for (size_t k = 0; k < x->noutlets; k++)
                printf("%s%s", k ? ", " : "", x->outlets[k]);
            printf("  %s\n", x->label);
        }
    }
    rc_evlist_free(l);
    rc_store_close(s);
    free(o.args);
    if (fflush(stdout) != 0 || bad)
        return RC_EXIT_SOME_FAILED;
    return RC_EXIT_OK;
}
