# kill -9 in the middle of an ingest leaves every completed document intact
# and the store openable; a second run completes the rest.
. "$(dirname "$0")/lib.sh"

python3 - "$T/feed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(6000):
        body = " ".join("Article %d sentence %d reports that the committee met again on day %d." % (i, k, k) for k in range(40))
        f.write(json.dumps({"id": "n%05d" % i, "text": body}) + "\n")
PY
"$RECOUPE" ingest -q --db "$T/s.db" "$T/feed.jsonl" 2>/dev/null &
pid=$!
# wait until some documents are committed, then kill
for _ in $(seq 1 200); do
  n=$(python3 -c "import sqlite3,sys
try:
  print(sqlite3.connect('file:'+sys.argv[1]+'?mode=ro', uri=True).execute('select count(*) from documents').fetchone()[0])
except Exception: print(0)" "$T/s.db" 2>/dev/null)
  [ "${n:-0}" -gt 50 ] && break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
python3 - "$T/s.db" "$T/ids" > "$T/check" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("integrity", c.execute("pragma integrity_check").fetchone()[0])
print("count", c.execute("select count(*) from documents").fetchone()[0])
ids = [i for (i,) in c.execute("select id from documents order by n")]
# the first and last 20 (the last batch is where a torn write would be)
# and 40 spread between: one recoupe process each keeps this bounded
pick = sorted(set(range(min(20, len(ids)))) | set(range(max(0, len(ids) - 20), len(ids)))
              | set(len(ids) * k // 40 for k in range(40)))
with open(sys.argv[2], "w") as f:
    for k in pick:
        f.write(ids[k] + "\n")
PY
# the text is stored compressed: read the stored documents back through
# recoupe itself and check each is whole (its last sentence is there)
bad=0
while read -r id; do
  k=$((10#${id#n}))
  if ! "$RECOUPE" show --db "$T/s.db" "$id" > "$T/one" 2>/dev/null ||
     ! grep -qF "Article $k sentence 39 " "$T/one"; then
    bad=$((bad + 1))
  fi
done < "$T/ids"
echo "incomplete $bad" >> "$T/check"
contains "$T/check" "integrity ok" "store passes integrity_check after kill -9"
contains "$T/check" "incomplete 0" "every stored document is complete"
check "some documents were committed before the kill" test "$(sed -n 's/count //p' "$T/check")" -gt 0
run show --db "$T/s.db" n00000; expect_status 0 "store openable by recoupe after kill -9"
run ingest -q --db "$T/s.db" "$T/feed.jsonl"; expect_status 0 "second run after the crash"
run show --db "$T/s.db" n05999; expect_status 0 "second run stored the rest"
done_tests
