#!/usr/bin/env python3
"""Check that examples/expected.json is consistent with the example files.

Every phrase the key lists for a document (title, header, byline, credit
lines, boilerplate, must_keep, subheads, quantity/date mentions, quote texts)
must occur verbatim in that document; entity variants, framing terms and
claim patterns are checked after normalisation (NFKC, case folding, accents
stripped, apostrophes unified, whitespace collapsed). Also checks that every
document is in exactly one event and that wire-header weekdays are as the key
says. Standard library only.  Usage: python3 examples/check-expected.py
"""
import datetime, glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip()


def load_docs():
    docs = {}
    for p in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
        with open(p, encoding="utf-8") as f:
            docs[os.path.basename(p)[:-4]] = f.read()
    with open(os.path.join(HERE, "feed.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                docs[o["id"]] = o["title"] + "\n\n" + o["text"]
    return docs


def main():
    docs = load_docs()
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
        key = json.load(f)
    errors = []

    def need(doc, phrase, what):
        if doc not in docs:
            errors.append(f"{what}: unknown document {doc}")
        elif phrase not in docs[doc]:
            errors.append(f"{doc}: {what} not found verbatim: {phrase!r}")

    if set(key["documents"]) != set(docs):
        errors.append(f"document sets differ: {sorted(set(key['documents']) ^ set(docs))}")
    for d, info in key["documents"].items():
        for field in ("title", "header", "byline"):
            if info.get(field):
                need(d, info[field], field)
        for field in ("credit_lines", "boilerplate", "must_keep", "subheads"):
            for ph in info.get(field, []):
                need(d, ph, field)
        for ph in info.get("subheads", []):
            if ph not in info.get("must_keep", []):
                errors.append(f"{d}: subhead {ph!r} should also be in must_keep")
        for bp in info.get("boilerplate", []):
            for mk in info.get("must_keep", []):
                if bp in mk:
                    errors.append(f"{d}: boilerplate {bp!r} is inside must_keep {mk!r}")
        m = re.search(r"\| (\w+) (\d\d)/(\d\d)/(\d{4}) -", info.get("header") or "")
        if m:
            day = FR_DAYS[datetime.date(int(m[4]), int(m[3]), int(m[2])).weekday()]
            wrong = bool(info.get("weekday_error"))
            if (m[1] != day) != wrong:
                errors.append(f"{d}: header says {m[1]}, date is a {day}; key note disagrees")

    seen = {}
    for ev in key["events"]:
        for d in ev["documents"]:
            if d in seen:
                errors.append(f"{d} in events {seen[d]} and {ev['id']}")
            seen[d] = ev["id"]
    for d in docs:
        if d not in seen:
            errors.append(f"{d} is in no event")

    for ent in key["entities"]:
        vs = [norm(v) for v in ent["variants"]]
        for d in ent["documents"]:
            if not any(v in norm(docs.get(d, "")) for v in vs):
                errors.append(f"{d}: no variant of entity {ent['name']!r}")
    for sect in ("quantities", "dates"):
        for q in key[sect]:
            for d, ph in q["mentions"].items():
                need(d, ph, f"{sect} {q['id']}")
    for q in key["quotes"]:
        need(q["document"], q["text"], "quote")
    for c in key["citations"]:
        for s in c["sources"]:
            if norm(s) not in norm(docs.get(c["document"], "")):
                errors.append(f"{c['document']}: cited source {s!r} not in text")
    for c in key["claims"]:
        for d in c["documents"]:
            for pat in c["match"]:
                if not re.search(pat, norm(docs.get(d, ""))):
                    errors.append(f"{d}: claim {c['id']} pattern {pat!r} not found")
    for d, fr in key["framing"].items():
        for t in fr["any_of"]:
            if norm(t) not in norm(docs[d]):
                errors.append(f"{d}: framing term {t!r} not in text")
    for r in key.get("unattributed_relays", []):
        need(r["document"], r["text"], "unattributed relay")

    for d, text in sorted(docs.items()):
        body = text.split("\n\n", 1)[1] if not d[0].isdigit() else text
        n = len(body.split())
        if not 150 <= n <= 500:
            errors.append(f"{d}: {n} words (want 150-500)")

    for e in errors:
        print("FAIL", e)
    print(f"{len(docs)} documents, {len(key['events'])} events, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
