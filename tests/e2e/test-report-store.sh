# `recoupe report` on a store (pipeline/store_report.h): the stored events
# and stories, one story at a time. A store loaded with --no-events is
# placed by the first report (said once) and reports what analyze reports;
# --event on a store narrows to one event; on a store of several stories
# (the hard set) the JSON keeps analyze's documents, events, stories and
# facts in analyze's order, every id names one thing, and the terminal
# header counts the whole store.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
EX=examples
IN="$EX/001_halvik-herald.txt $EX/002_radio-lac-info.txt $EX/003_depeche-continentale.txt
$EX/004_la-voix-des-lacs.txt $EX/005_courrier-d-orient.txt $EX/006_northern-ledger.txt
$EX/007_continental-observer.txt $EX/008_info-monde-24.txt $EX/feed.jsonl"

run analyze --json $IN; cp "$T/out" "$T/an.json"
run analyze $IN; cp "$T/out" "$T/an.txt"

# --no-events: the first report places the articles, once
"$RECOUPE" ingest -q --no-events --db "$T/bulk.db" $IN 2>/dev/null
run report --db "$T/bulk.db" --format json; expect_status 0 "report after ingest --no-events"
contains "$T/err" "placed 11 stored articles without an event" "the catch-up is said once"
check "report after --no-events == analyze --json" cmp -s "$T/out" "$T/an.json"
run report --db "$T/bulk.db"; expect_status 0 "second report (terminal)"
lacks "$T/err" "placed" "nothing left to place the second time"
check "terminal report after --no-events == analyze" cmp -s "$T/out" "$T/an.txt"

# --event on a store: that event, its documents, its story
ev=$(json "$T/an.json" "r['events'][2]['id']")
run report --db "$T/bulk.db" --event "$ev" --format json; expect_status 0 "report --event $ev"
check "--event: only that event" test "$(json "$T/out" "[e['id'] for e in r['events']]")" = "[\"$ev\"]"
check "--event: its documents only" test "$(json "$T/out" "sorted(d['id'] for d in r['documents'])")" = \
  "$(json "$T/an.json" "sorted(r['events'][2]['documents'])")"
check "--event: every claim kept names one of its documents" python3 -c '
import json, sys
r = json.load(open(sys.argv[1])); docs = {d["id"] for d in r["documents"]}
sys.exit(0 if r["claims"] and all(set(c["documents"]) & docs for c in r["claims"]) else 1)' "$T/out"
run report --db "$T/bulk.db" --event "$ev" --format markdown; expect_status 0 "report --event markdown"
contains "$T/out" "## Event $ev" "--event markdown: its section"

# several stories (the hard set)
HS=tests/data/events
run analyze --json "$HS"/*.txt "$HS"/*.jsonl; cp "$T/out" "$T/hs-an.json"
"$RECOUPE" ingest -q --db "$T/hs.db" "$HS"/*.txt "$HS"/*.jsonl 2>/dev/null
run report --db "$T/hs.db" --format json; expect_status 0 "report of the hard set"
cp "$T/out" "$T/hs.json"
check "hard set: several stories" test "$(json "$T/hs.json" "len(r['stories'])")" -gt 1
check "hard set: the contract's keys, analyze's documents, events, stories and facts in order" python3 - "$T/hs-an.json" "$T/hs.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
keys = ["recoupe", "documents", "events", "stories", "entities", "quantities", "dates",
        "quotes", "citations", "claims", "discrepancies", "framing"]
assert list(b) == keys, list(b)
assert [d["id"] for d in a["documents"]] == [d["id"] for d in b["documents"]]
assert [sorted(e["documents"]) for e in a["events"]] == [sorted(e["documents"]) for e in b["events"]]
assert [e["id"] for e in a["events"]] == [e["id"] for e in b["events"]]
assert [s["events"] for s in a["stories"]] == [s["events"] for s in b["stories"]]
for k in ("quantities", "dates"):
    assert [(x["document"], x["start"]) for x in a[k]] == [(x["document"], x["start"]) for x in b[k]], k
for k in ("entities", "claims"):
    ids = [x["id"] for x in b[k]]
    assert len(ids) == len(set(ids)), k + " ids repeat"
ents = {x["id"] for x in b["entities"]}
for q in b["quotes"]:
    assert q["speaker_entity"] is None or q["speaker_entity"] in ents
evdoc = {d: e["id"] for e in b["events"] for d in e["documents"]}
order = [e["id"] for e in b["events"]]
fr = [order.index(evdoc[f["document"]]) for f in b["framing"]]
assert fr == sorted(fr), "framing not in event order"
PY
run report --db "$T/hs.db"; expect_status 0 "report of the hard set (terminal)"
n=$(json "$T/hs.json" "len(r['documents'])"); ne=$(json "$T/hs.json" "len(r['events'])")
contains "$T/out" "recoupe report: $n articles, $ne events" "terminal header: the whole store's totals"
count_lines "$T/out" "recoupe report:" 1 "one header for all the stories"

# a story larger than the part limit is cross-checked in parts of whole
# events (RECOUPE_STORY_PART lowers the limit of 2,000 articles)
RECOUPE_STORY_PART=3 "$RECOUPE" report --db "$T/bulk.db" --format json > "$T/parts.json" 2>/dev/null
check "parts: one story of four events, written once" test \
  "$(json "$T/parts.json" "[(s['id'], len(s['events']), len(s['documents'])) for s in r['stories']]")" = '[["S1", 4, 11]]'
check "parts: analyze's events and documents; unique claim and entity ids" python3 - "$T/an.json" "$T/parts.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert [d["id"] for d in a["documents"]] == [d["id"] for d in b["documents"]]
assert [e["documents"] for e in a["events"]] == [e["documents"] for e in b["events"]]
for k in ("claims", "entities"):
    ids = [x["id"] for x in b[k]]
    assert len(ids) == len(set(ids)), k
# parts of whole events: no claim spans two events' documents across a part
ev = {d: e["id"] for e in b["events"] for d in e["documents"]}
part = {"E1": 0, "E2": 0, "E3": 1, "E4": 2}   # 1+2, 5, 3 articles (limit 3)
assert all(len({part[ev[d]] for d in c["documents"]}) == 1 for c in b["claims"])
assert len(b["claims"]) != len(a["claims"]) or b["claims"] != a["claims"]
PY

# worker threads (RECOUPE_JOBS): the parts are cross-checked in any order,
# numbered and written in order, so the report is the same byte for byte
# with one worker or several, in every format
for f in json terminal markdown; do
  RECOUPE_JOBS=1 RECOUPE_STORY_PART=3 "$RECOUPE" report --db "$T/hs.db" --format $f > "$T/j1.$f" 2>/dev/null
  RECOUPE_JOBS=4 RECOUPE_STORY_PART=3 "$RECOUPE" report --db "$T/hs.db" --format $f > "$T/j4.$f" 2>/dev/null
  check "$f: 4 workers write what 1 writes" cmp -s "$T/j1.$f" "$T/j4.$f"
done
check "json with 4 workers: several parts, claim ids C1..Cn in order" python3 - "$T/j4.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
ids = [c["id"] for c in b["claims"]]
assert len(b["stories"]) > 1 and len(ids) > 10, (len(b["stories"]), len(ids))
assert ids == ["C%d" % (i + 1) for i in range(len(ids))], ids[:20]
PY
RECOUPE_JOBS=1 "$RECOUPE" report --db "$T/hs.db" --format json > "$T/j1full.json" 2>/dev/null
RECOUPE_JOBS=4 "$RECOUPE" report --db "$T/hs.db" --format json > "$T/j4full.json" 2>/dev/null
check "4 workers, default parts: the report of one worker" cmp -s "$T/j4full.json" "$T/j1full.json"
run report --db "$T/hs.db" --format json --jobs 2
check "--jobs 2: the report of one worker" cmp -s "$T/out" "$T/j1full.json"
# the json stream is written at its elements' places by several threads
# into a regular file; into a pipe or a file opened for appending, in
# order: the same bytes every way
RECOUPE_JOBS=4 "$RECOUPE" report --db "$T/hs.db" --format json -o "$T/o4.json" 2>/dev/null
check "-o with 4 writers: the report of one worker" cmp -s "$T/o4.json" "$T/j1full.json"
RECOUPE_JOBS=4 "$RECOUPE" report --db "$T/hs.db" --format json 2>/dev/null | cat > "$T/pipe.json"
check "into a pipe: the same report" cmp -s "$T/pipe.json" "$T/j1full.json"
# -o -: stdout, not a file named "-"
mkdir -p "$T/dash"
(cd "$T/dash" && RECOUPE_JOBS=2 "$RECOUPE" report --db "$T/hs.db" --format json -o - 2>/dev/null) > "$T/dash.json"
check "-o -: the report on stdout" cmp -s "$T/dash.json" "$T/j1full.json"
check "-o -: no file named '-' made" test ! -e "$T/dash/-"
printf 'kept\n' > "$T/app.json"
RECOUPE_JOBS=4 "$RECOUPE" report --db "$T/hs.db" --format json 2>/dev/null >> "$T/app.json"
check "appended to a file: what was there kept, then the same report" \
  sh -c 'head -n 1 "$1" | grep -qx kept && tail -n +2 "$1" | cmp -s - "$2"' sh "$T/app.json" "$T/j1full.json"
# written in windows whose whole blocks go out with O_DIRECT: a report
# starting off a block boundary (stdout already written to) is the same
{ printf 'xyz'; RECOUPE_JOBS=2 "$RECOUPE" report --db "$T/hs.db" --format json 2>/dev/null; } > "$T/off.json"
check "into a file at offset 3: what was there kept, then the same report" \
  sh -c 'head -c 3 "$1" | grep -qx xyz && tail -c +4 "$1" | cmp -s - "$2"' sh "$T/off.json" "$T/j1full.json"
check "json layout: one array element per line, compact" python3 - "$T/o4.json" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
r = json.loads("\n".join(lines))
n = sum(len(v) for k, v in r.items() if isinstance(v, list))
elems = [l for l in lines if l.startswith("    {")]
assert len(elems) == n, (len(elems), n)
assert all(json.loads(l.rstrip(",")) is not None for l in elems)
assert not any(l.startswith("     ") for l in lines), "indented inside an element"
PY
# the elements wait in a temporary file in $TMPDIR (compressed), removed
# at once; a TMPDIR that cannot hold it is an error that says where
mkdir "$T/tmpd"
TMPDIR="$T/tmpd" RECOUPE_JOBS=2 "$RECOUPE" report --db "$T/hs.db" --format json -o "$T/td.json" 2>/dev/null
check "TMPDIR: the same report" cmp -s "$T/td.json" "$T/j1full.json"
check "TMPDIR: no file left in it" test -z "$(ls -A "$T/tmpd")"
TMPDIR="$T/no-such-dir" "$RECOUPE" report --db "$T/hs.db" --format json -o "$T/tdx.json" 2>"$T/err"
status=$?
expect_status 1 "TMPDIR that does not exist"
contains "$T/err" "no temporary file in $T/no-such-dir" "TMPDIR missing: names the directory"
run report --db "$T/hs.db" --jobs 0; expect_status 2 "--jobs 0 is a usage error"
contains "$T/err" "--jobs needs a number of threads" "--jobs 0: says why"
run report --db "$T/hs.db" --format json --timings; expect_status 0 "--timings"
contains "$T/err" "claims" "--timings: the claims stage's CPU time on stderr"
check "--timings: the report unchanged" cmp -s "$T/out" "$T/j1full.json"
done_tests
