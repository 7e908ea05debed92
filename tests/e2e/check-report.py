#!/usr/bin/env python3
"""check-report.py - checks on the human reports for tests/e2e.

  check-report.py width FILE N      every line of FILE is at most N terminal
                                    columns (East Asian wide = 2, combining = 0)
  check-report.py matrix HTML JSON  the coverage matrices of HTML (a DOM dump
                                    or the page) agree with the JSON report:
                                    one table per group (events, then the
                                    documents no event holds; all documents
                                    when there are no events) whose columns
                                    are the group's outlets in document order
                                    and whose rows are the claims touching the
                                    group, each cell naming the documents of
                                    that outlet supporting the claim, with
                                    the first one's stance, origin and relay.
Prints what differs and exits 1.
"""
import json
import sys
import unicodedata
from html.parser import HTMLParser


def width(line):
    w = 0
    for ch in line:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def check_width(path, n):
    bad = 0
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if width(line) > n:
            print(f"{path}:{i}: {width(line)} columns: {line}")
            bad = 1
    return bad


class Matrix(HTMLParser):
    """Tables of class "matrix": per table its outlets and rows of cells."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self.row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "matrix" in (a.get("class") or "").split():
            self.tables.append({"outlets": [], "rows": {}})
        elif not self.tables:
            return
        elif tag == "th" and "outlet" in (a.get("class") or "").split():
            self.tables[-1]["outlets"].append(a.get("data-outlet"))
        elif tag == "tr" and "data-claim" in a:
            self.row = {}
            self.tables[-1]["rows"][a["data-claim"]] = self.row
        elif tag == "td" and self.row is not None and "data-outlet" in a:
            docs = (a.get("data-docs") or "").split()
            if not docs:  # an outlet that does not carry the claim: an empty cell
                return
            self.row[a["data-outlet"]] = (sorted(docs), a.get("data-stance"), a.get("data-origin") or None,
                                          a.get("data-relay") == "1")

    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None


def outlet(d):
    return d.get("outlet") or d.get("id") or "?"


def expected(report):
    docs = report.get("documents") or []
    by_id = {d.get("id"): d for d in docs}
    groups, held = [], set()
    for e in report.get("events") or []:
        ids = [i for i in e.get("documents") or [] if i in by_id]
        groups.append(ids)
        held.update(ids)
    loose = [d["id"] for d in docs if d.get("id") not in held]
    if loose or not groups:
        groups.append(loose)
    tables = []
    for gi, ids in enumerate(groups):
        outs = []
        for i in ids:
            o = outlet(by_id[i])
            if o not in outs:
                outs.append(o)
        rows = {}
        for c in report.get("claims") or []:
            named = set(c.get("documents") or []) | {s.get("document") for s in c.get("support") or []}
            if not named & set(ids) and not (gi == len(groups) - 1 and not named & set(by_id)):
                continue
            row = {}
            for o in outs:
                sup = [s for s in c.get("support") or [] if s.get("document") in by_id
                       and outlet(by_id[s["document"]]) == o][:8]
                if sup:
                    row[o] = (sorted(s["document"] for s in sup), sup[0].get("stance") or "carries",
                              sup[0].get("origin") or None, any(s.get("relay") is True for s in sup))
                    continue
                dd = [i for i in c.get("documents") or [] if i in by_id and outlet(by_id[i]) == o][:8]
                if dd:
                    row[o] = (sorted(dd), "carries", None, False)
            rows[c.get("id")] = row
        tables.append({"outlets": outs, "rows": rows})
    return tables


def check_matrix(html_path, json_path):
    p = Matrix()
    p.feed(open(html_path, encoding="utf-8").read())
    want = expected(json.load(open(json_path, encoding="utf-8")))
    got = p.tables
    bad = 0
    if len(got) != len(want):
        print(f"{len(got)} matrices, expected {len(want)}")
        return 1
    for k, (g, w) in enumerate(zip(got, want)):
        if g["outlets"] != w["outlets"][:60]:
            print(f"matrix {k}: outlets {g['outlets']} != {w['outlets']}")
            bad = 1
        if set(g["rows"]) != set(w["rows"]):
            print(f"matrix {k}: claims {sorted(g['rows'])} != {sorted(w['rows'])}")
            bad = 1
        for cid, wrow in w["rows"].items():
            grow = {o: v for o, v in g["rows"].get(cid, {}).items()}
            if grow != wrow:
                print(f"matrix {k} claim {cid}: cells {grow} != {wrow}")
                bad = 1
    total = sum(len(t["rows"]) for t in got)
    print(f"{len(got)} matrices, {total} claim rows, "
          f"{sum(len(c) for t in got for c in t['rows'].values())} filled cells")
    return bad


if __name__ == "__main__":
    if sys.argv[1] == "width":
        sys.exit(check_width(sys.argv[2], int(sys.argv[3])))
    sys.exit(check_matrix(sys.argv[2], sys.argv[3]))
