#!/usr/bin/env python3
"""score-events.py - score a recoupe JSON report's events and stories against a
hand-written gold (default: tests/data/events/gold.json).

usage: score-events.py REPORT.json [--gold GOLD.json] [--min F] [--verbose]

Events: B-cubed precision, recall and F1 over the gold's documents. Each gold
document's predicted cluster is the first report event listing it; a document
in no report event counts as a singleton; report documents the gold does not
list are ignored.

Stories: for each gold story (the union of its events' documents), is there
one report story holding all of them (a report story holds the documents of
its events, plus its own 'documents' if any); and for each pair of gold
stories, does some report story hold documents of both (merged).

Exit status: 0 when scored (and, with --min F, when event F1 as printed,
to two decimals, is >= F);
1 when --min is given and event F1 < F; 2 on a usage error or an
unreadable file. Python 3 standard library only.
"""
import json
import os
import sys

EXTS = (".html.gz", ".html", ".htm", ".txt")


def doc_key(s):
    """A document id as the gold writes it: no folder, no file extension."""
    s = os.path.basename(str(s))
    for e in EXTS:
        if s.endswith(e):
            return s[: -len(e)]
    return s


def bcubed(pred, gold):
    """pred, gold: dict item -> cluster label; items are gold's keys (a missing
    pred label is a singleton). Returns (precision, recall, f1)."""
    items = sorted(gold)
    if not items:
        return 0.0, 0.0, 0.0
    plabel = {i: pred.get(i, ("single", i)) for i in items}
    gmem, pmem = {}, {}
    for i in items:
        gmem.setdefault(gold[i], set()).add(i)
        pmem.setdefault(plabel[i], set()).add(i)
    p = r = 0.0
    for i in items:
        g, q = gmem[gold[i]], pmem[plabel[i]]
        inter = len(g & q)
        p += inter / len(q)
        r += inter / len(g)
    p /= len(items)
    r /= len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load(path, what):
    """Parse the JSON file at path or exit 2 with a message naming it."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as e:
        print(f"score-events: cannot read {what} {path}: {e}", file=sys.stderr)
        sys.exit(2)


def parse_args(argv):
    """(report, gold, min_f1 or None, verbose) from argv; exits 2 on misuse."""
    here = os.path.dirname(os.path.abspath(__file__))
    gold = os.path.join(here, "..", "data", "events", "gold.json")
    report, min_f1, verbose = None, None, False
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("--gold", "--min") and i + 1 < len(argv):
            if a == "--gold":
                gold = argv[i + 1]
            else:
                try:
                    min_f1 = float(argv[i + 1])
                except ValueError:
                    report = None
                    break
            i += 2
            continue
        if a == "--verbose":
            verbose = True
        elif a.startswith("--") or report is not None:
            report = None
            break
        else:
            report = a
        i += 1
    else:
        if report is not None:
            return report, gold, min_f1, verbose
    print(__doc__.strip(), file=sys.stderr)
    sys.exit(2)


def main(argv):
    report_path, gold_path, min_f1, verbose = parse_args(argv)
    rep = load(report_path, "report")
    gold = load(gold_path, "gold")

    gold_ev = {}
    for e in gold.get("events", []):
        for d in e.get("documents", []):
            gold_ev[doc_key(d)] = e["id"]
    pred_ev = {}
    rep_events = rep.get("events", []) or []
    for k, e in enumerate(rep_events):
        for d in e.get("documents", []) or []:
            pred_ev.setdefault(doc_key(d), ("event", str(e.get("id", k))))

    p, r, f = bcubed(pred_ev, gold_ev)
    listed = sum(1 for d in gold_ev if d in pred_ev)
    print(f"documents: {len(gold_ev)} in the gold, {listed} in a report event; "
          f"events: {len(gold.get('events', []))} in the gold, {len(rep_events)} in the report")
    print(f"event B-cubed: precision {p:.2f} recall {r:.2f} F1 {f:.2f}")

    if verbose:
        for e in gold.get("events", []):
            got = {}
            for d in e.get("documents", []):
                lab = pred_ev.get(doc_key(d))
                got.setdefault(lab[1] if lab else "-", []).append(doc_key(d))
            if len(got) > 1 or "-" in got:
                print(f"    split: gold {e['id']} ({e.get('date', '?')}) -> "
                      + "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(got.items())))
        members = {}
        for d, lab in pred_ev.items():
            if d in gold_ev:
                members.setdefault(lab[1], set()).add(gold_ev[d])
        for k in sorted(members):
            if len(members[k]) > 1:
                print(f"    merged: report event {k} holds gold {', '.join(sorted(members[k]))}")

    # stories
    ev_docs = {str(e.get("id", k)): {doc_key(d) for d in e.get("documents", []) or []}
               for k, e in enumerate(rep_events)}
    rstories = []
    for k, s in enumerate(rep.get("stories", []) or []):
        m = set()
        for eid in s.get("events", []) or []:
            m |= ev_docs.get(str(eid), set())
        m |= {doc_key(d) for d in s.get("documents", []) or []}
        rstories.append((str(s.get("id", k)), m))
    gev = {e["id"]: {doc_key(d) for d in e.get("documents", [])} for e in gold.get("events", [])}
    gstories = []
    for s in gold.get("stories", []):
        m = set()
        for eid in s.get("events", []):
            m |= gev.get(eid, set())
        gstories.append((s["id"], m))
    held = 0
    for sid, m in gstories:
        by = [rid for rid, rm in rstories if m <= rm]
        held += 1 if by else 0
        if verbose or not by:
            print(f"    story {sid}: " + (f"held by report story {by[0]}" if by else "not held by any report story"))
    merged = []
    for a in range(len(gstories)):
        for b in range(a + 1, len(gstories)):
            for rid, rm in rstories:
                if rm & gstories[a][1] and rm & gstories[b][1]:
                    merged.append((gstories[a][0], gstories[b][0], rid))
                    break
    for a, b, rid in merged:
        print(f"    stories {a} and {b} merged in report story {rid}")
    sep = "all separated" if not merged else f"{len(merged)} pairs merged"
    print(f"stories: {held}/{len(gstories)} held, {sep}")

    # compared as printed (two decimals), so "F1 0.95" passes --min 0.95
    if min_f1 is not None and round(f, 2) < min_f1:
        print(f"event F1 {f:.2f} < {min_f1:.2f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
