#!/usr/bin/env python3
"""Check `recoupe extract --jsonl` output against examples/web-expected.json.

usage: check-web.py EXPECTED.json OUT.jsonl [pages|warc]
Prints one line per failed check and a tally 'web: N passed, N failed'.
Matching folds case, accents, typographic quotes and spacing like the
project's scorers do.
"""
import json, re, sys, unicodedata

def norm(s):
    s = unicodedata.normalize("NFKC", str(s or ""))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").replace("\u202f", " ")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", s.casefold()).strip()

exp = json.load(open(sys.argv[1]))
out = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        out[r["id"]] = r
which = sys.argv[3] if len(sys.argv) > 3 else "pages"
if which == "pages":
    cases = {k: v for k, v in exp["pages"].items()}
else:
    cases = {rid: exp["pages"][rec["page"]] for rid, rec in exp["warc"]["records"].items()}
passed = failed = 0
def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("  FAIL", what)
for pid, e in cases.items():
    r = out.get(pid)
    check(r is not None, f"{pid}: page extracted")
    if r is None:
        continue
    text = norm(r.get("text"))
    for p in e.get("must_have", []):
        check(norm(p) in text, f"{pid}: kept '{p[:50]}'")
    for p in e.get("must_not", []):
        check(norm(p) not in text, f"{pid}: removed '{p[:50]}'")
    for k in ("title", "outlet", "lang"):
        if e.get(k):
            check(norm(r.get(k)) == norm(e[k]), f"{pid}: {k} {r.get(k)!r} == {e[k]!r}")
    if e.get("published"):
        check(str(r.get("published") or "").startswith(e["published"][:10]), f"{pid}: published {r.get('published')!r} ~ {e['published']!r}")
    for c in e.get("credits", []):
        check(any(norm(c) in norm(x) for x in r.get("credits") or []), f"{pid}: credit {c}")
print(f"web: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
