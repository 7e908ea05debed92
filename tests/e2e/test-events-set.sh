# The team's harder event set (tests/data/events/, issue 5's quality bar):
# 42 invented articles in French and English, 13 events in 5 stories, with
# same-actor events on different dates, wire copies, cross-lingual pairs,
# background mentions of other events and relative dates. Event B-cubed F1
# must be >= 0.95 and every gold story held by one report story; whether
# distinct gold stories are kept apart is printed, not required (S1 and S2
# share their main actor; where a story ends is an editor's call). Until the
# clustering stage fills events[], the check is skipped (reported, not
# counted as a pass).
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/events"

run analyze --json "$D"/*.txt "$D"/*.jsonl; expect_status 0 "analyze the event set"
cp "$T/out" "$T/ev.json"
check "42 documents (37 .txt + 5 JSON lines)" test "$(json "$T/ev.json" "len(r['documents'])")" = 42

if [ "$(json "$T/ev.json" "len(r.get('events') or [])")" = 0 ]; then
  python3 "$ROOT/tests/e2e/score-events.py" "$T/ev.json" --gold "$D/gold.json" > "$T/score"
  echo "test-events-set: skip: no events in the report yet (clustering not implemented; as singletons: $(grep '^event B-cubed:' "$T/score"))"
  done_tests; exit $?
fi

python3 "$ROOT/tests/e2e/score-events.py" "$T/ev.json" --gold "$D/gold.json" --verbose > "$T/score"; status=$?
expect_status 0 "scorer reads the report"
f1=$(sed -n 's/^event B-cubed: .* F1 \([0-9.]*\)$/\1/p' "$T/score")
echo "test-events-set: $(grep '^event B-cubed:' "$T/score") (bar 0.95)"
echo "test-events-set: $(grep '^stories:' "$T/score")"
if atleast "$f1" 0.95; then ok; else fail "event B-cubed F1 $f1 < 0.95"; cat "$T/score" >&2; fi
check "every gold story held by one report story" grep -q '^stories: 5/5 held' "$T/score"
done_tests
