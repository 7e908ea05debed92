# score-events.py checked by hand on a tiny gold: six documents a..f in
# three events X = {a,b,c}, Y = {d,e}, Z = {f}; stories S1 = {X,Y}, S2 = {Z}.
# Expected values worked out by hand (B-cubed over the six documents):
#   perfect report                 P 1.00  R 1.00  F1 1.00
#   all six in one event           P = (3*3/6 + 2*2/6 + 1/6)/6 = 7/18,  R 1,
#                                  F1 = 2(7/18)/(25/18) = 14/25 = 0.56
#   six singletons                 P 1,  R = (3*1/3 + 2*1/2 + 1)/6 = 1/2,
#                                  F1 = 2(1/2)/(3/2) = 2/3 = 0.67
#   {a,b} {c,d,e} {f}              P = (1+1+1/3+2/3+2/3+1)/6 = 7/9,
#                                  R = (2/3+2/3+1/3+1+1+1)/6 = 7/9, F1 = 0.78
. "$(dirname "$0")/lib.sh"
S="$ROOT/tests/e2e/score-events.py"

cat > "$T/gold.json" <<'J'
{"events": [{"id": "X", "date": "2027-01-05", "label": "x", "documents": ["a", "b", "c"]},
            {"id": "Y", "date": "2027-01-20", "label": "y", "documents": ["d", "e"]},
            {"id": "Z", "date": "2027-03-02", "label": "z", "documents": ["f"]}],
 "stories": [{"id": "S1", "label": "s1", "events": ["X", "Y"]},
             {"id": "S2", "label": "s2", "events": ["Z"]}]}
J
cat > "$T/perfect.json" <<'J'
{"documents": [], "events": [{"id": "e1", "documents": ["a", "b", "c"]},
  {"id": "e2", "documents": ["d", "e"]}, {"id": "e3", "documents": ["f.txt"]}],
 "stories": [{"id": "s1", "events": ["e1", "e2"]}, {"id": "s2", "events": ["e3"]}]}
J
cat > "$T/one.json" <<'J'
{"events": [{"id": "e1", "documents": ["a", "b", "c", "d", "e", "f", "unknown"]}],
 "stories": [{"id": "s1", "events": ["e1"]}]}
J
cat > "$T/single.json" <<'J'
{"events": [{"id": "e1", "documents": ["a"]}, {"id": "e2", "documents": ["b"]},
  {"id": "e3", "documents": ["c"]}, {"id": "e4", "documents": ["d"]},
  {"id": "e5", "documents": ["e"]}], "stories": []}
J
cat > "$T/mixed.json" <<'J'
{"events": [{"id": "e1", "documents": ["a", "b"]}, {"id": "e2", "documents": ["c", "d", "e"]},
  {"id": "e3", "documents": ["f"]}],
 "stories": [{"id": "s1", "events": ["e1", "e2"]}, {"id": "s2", "events": ["e3"]}]}
J

# score REPORT: run the scorer on REPORT against the tiny gold into $T/s.
score() { python3 "$S" "$T/$1" --gold "$T/gold.json" --verbose > "$T/s" 2>&1; status=$?; }
# f1 / line: the event line and the story line of the last score.
ev_line() { grep '^event B-cubed:' "$T/s"; }
st_line() { grep '^stories:' "$T/s"; }

score perfect.json; expect_status 0 "perfect report scored"
check "perfect: P 1.00 R 1.00 F1 1.00" test "$(ev_line)" = "event B-cubed: precision 1.00 recall 1.00 F1 1.00"
check "perfect: both stories held and separated" test "$(st_line)" = "stories: 2/2 held, all separated"

score one.json; expect_status 0 "all-in-one report scored"
check "all in one: P 0.39 R 1.00 F1 0.56" test "$(ev_line)" = "event B-cubed: precision 0.39 recall 1.00 F1 0.56"
check "all in one: stories held but merged" test "$(st_line)" = "stories: 2/2 held, 1 pairs merged"

# f is in no report event: a singleton, as the other five are
score single.json; expect_status 0 "singletons report scored"
check "singletons: P 1.00 R 0.50 F1 0.67" test "$(ev_line)" = "event B-cubed: precision 1.00 recall 0.50 F1 0.67"
check "singletons: no story held" test "$(st_line)" = "stories: 0/2 held, all separated"

score mixed.json; expect_status 0 "mixed report scored"
check "mixed: P 0.78 R 0.78 F1 0.78" test "$(ev_line)" = "event B-cubed: precision 0.78 recall 0.78 F1 0.78"
contains "$T/s" "split: gold X" "mixed: the split gold event is named"
check "mixed: stories held" test "$(st_line)" = "stories: 2/2 held, all separated"

# --min: pass at or above, fail below; bad input is a usage error
python3 "$S" "$T/perfect.json" --gold "$T/gold.json" --min 0.95 > /dev/null; status=$?
expect_status 0 "--min 0.95 with F1 1.00"
python3 "$S" "$T/mixed.json" --gold "$T/gold.json" --min 0.95 > /dev/null; status=$?
expect_status 1 "--min 0.95 with F1 0.78"
python3 "$S" "$T/mixed.json" --gold "$T/gold.json" --min 0.78 > /dev/null; status=$?
expect_status 0 "--min 0.78 with F1 7/9 (compared as printed, 0.78)"
python3 "$S" "$T/mixed.json" --gold "$T/gold.json" --min 0.79 > /dev/null; status=$?
expect_status 1 "--min 0.79 with F1 7/9"
echo 'not json' > "$T/bad.json"
python3 "$S" "$T/bad.json" --gold "$T/gold.json" > /dev/null 2>&1; status=$?
expect_status 2 "unreadable report"
python3 "$S" > /dev/null 2>&1; status=$?
expect_status 2 "no report given"

# the team's gold itself is consistent: every document once, every event in one story
check "events gold: 42 documents, each in one event, each event in one story" python3 - "$ROOT/tests/data/events" <<'PY'
import json, os, sys
d = sys.argv[1]
g = json.load(open(os.path.join(d, "gold.json")))
docs = [x for e in g["events"] for x in e["documents"]]
ids = [f[:-4] for f in os.listdir(d) if f.endswith(".txt")]
ids += [json.loads(l)["id"] for l in open(os.path.join(d, "feeds.jsonl"))]
evs = [x for s in g["stories"] for x in s["events"]]
sys.exit(0 if len(docs) == 42 and sorted(docs) == sorted(ids)
         and sorted(evs) == sorted(e["id"] for e in g["events"]) else 1)
PY
done_tests
