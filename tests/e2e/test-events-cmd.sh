# Events and stories (issue 5): `recoupe events` over a store lists one line
# per event (date, article count, outlets, label) and --json one object per
# event, read from the places `ingest` stored (nothing placed again); the seeds' events score 1.00 with all five in one story; the team's
# bilingual examples give their four events (same minister, four dates);
# an empty store, an article without any date and one-word articles go
# through (undated events flagged).
. "$(dirname "$0")/lib.sh"

if [ -x "$SHARED/tools/score-seeds" ]; then
  run analyze --json "$SHARED"/seeds/*.txt; expect_status 0 "analyze the seeds"
  cp "$T/out" "$T/seeds.json"
  "$SHARED/tools/score-seeds" "$T/seeds.json" --verbose > "$T/score"
  v=$(score_area "$T/score" events)
  if atleast "$v" 1.0; then ok; else fail "seeds events $v < 1.00"; sed -n "/^events/,/^[a-z]/p" "$T/score" >&2; fi
else
  echo "test-events-cmd: seeds part skipped: $SHARED not found"
fi

# the bilingual examples: the answer key's events, exactly
EX="$ROOT/examples"
run analyze --json "$EX"/*.txt "$EX"/feed.jsonl; expect_status 0 "analyze the examples"
check "examples: events as in expected.json" python3 - "$T/out" "$EX/expected.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); g = json.load(open(sys.argv[2]))
got = sorted(sorted(e["documents"]) for e in r["events"])
want = sorted(sorted(e["documents"]) for e in g["events"])
dates = sorted(e["date"] for e in r["events"])
sys.exit(0 if got == want and dates == sorted(e["date"] for e in g["events"]) else 1)
PY
check "examples: one story holds every event" python3 - "$T/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if len(r["stories"]) == 1 and len(r["stories"][0]["events"]) == len(r["events"]) else 1)
PY

# the command over a store
DB="$T/ev.db"
"$RECOUPE" ingest -q --db "$DB" "$EX"/*.txt "$EX"/feed.jsonl 2>/dev/null
run events --db "$DB"; expect_status 0 "events"
lacks "$T/err" "placed" "events reads what ingest placed"
count_lines "$T/out" "" 4 "four events, one line each"
contains "$T/out" "2026-05-19    5  " "the 19 May event: five articles"
contains "$T/out" "La Voix des Lacs, The Northern Ledger, East Brief" "outlets listed"
run events --db "$DB" --json; expect_status 0 "events --json"
check "events --json: one valid object per event" python3 - "$T/out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ok = len(lines) == 4 and all(set(("id", "date", "label", "documents", "outlets", "languages", "undated")) <= set(o) for o in lines)
sys.exit(0 if ok else 1)
PY
run events --db "$DB" extra; expect_status 2 "events with an argument is a usage error"
run events --db "$T/missing.db"; expect_status 1 "events on a missing store"

# bad input: undated, one-word, near-identical copies (identical ones are
# dropped at ingest as duplicates)
mkdir -p "$T/bad"
printf 'Bonjour.\n' > "$T/bad/a_one.txt"
printf 'The council of Amberley voted to close the old library, said Mayor Lina Ortez.\n' > "$T/bad/b_nodate.txt"
for i in 1 2 3 4 5 6 7 8; do
  printf 'The port of Kessel reopened on Monday 2 March 2026 after a storm, officials said; 300 dockers returned (edition %s).\n' "$i" > "$T/bad/c_copy$i.txt"
done
run analyze --json "$T/bad"; expect_status 0 "analyze odd articles"
check "odd articles: copies in one event, undated flagged" python3 - "$T/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ev = {d: e for e in r["events"] for d in e["documents"]}
copies = {ev["c_copy%d" % i]["id"] for i in range(1, 9)}
ok = len(copies) == 1 and ev["c_copy1"]["date"] == "2026-03-02"
ok = ok and ev["b_nodate"]["undated"] is True and ev["b_nodate"]["date"] is None
ok = ok and ev["a_one"]["id"] != ev["c_copy1"]["id"]
sys.exit(0 if ok else 1)
PY

done_tests
