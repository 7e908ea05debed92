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
python3 - "$T/s.db" > "$T/check" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("integrity", c.execute("pragma integrity_check").fetchone()[0])
n = c.execute("select count(*) from documents").fetchone()[0]
print("count", n)
bad = 0
for (i, t) in c.execute("select id, text from documents"):
    k = int(i[1:])
    if ("Article %d sentence 39" % k) not in t:
        bad += 1
print("incomplete", bad)
PY
contains "$T/check" "integrity ok" "store passes integrity_check after kill -9"
contains "$T/check" "incomplete 0" "every stored document is complete"
check "some documents were committed before the kill" test "$(sed -n 's/count //p' "$T/check")" -gt 0
run show --db "$T/s.db" n00000; expect_status 0 "store openable by recoupe after kill -9"
run ingest -q --db "$T/s.db" "$T/feed.jsonl"; expect_status 0 "second run after the crash"
run show --db "$T/s.db" n05999; expect_status 0 "second run stored the rest"
done_tests
