# `recoupe refresh` (pipeline/refresh.h): a store whose facts records were
# made by another extractor (fingerprint changed), are missing (an older
# schema) or damaged reports the same but extracts those articles again;
# refresh makes the records again from the stored texts, byte for byte
# what this version's ingest writes (facts and copy keys), leaves every
# other column and the report as they were, and the report then reads
# them (--timings: one "extract: stored facts" call per article). A
# second refresh renews nothing; articles not placed are left to their
# placing; a missing store is one message and exit status 1.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
HS=tests/data/events

"$RECOUPE" ingest -q --db "$T/s.db" "$HS"/*.txt "$HS"/*.jsonl 2>/dev/null
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from doc_cluster').fetchone()[0])" "$T/s.db")
check "the hard set is placed" test "$n" -gt 10
"$RECOUPE" report --db "$T/s.db" --format json > "$T/ref.json" 2>/dev/null

# rows DB: every cluster row, in key order, as text (hex for the blobs)
rows() {
    python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute("select doc, day, event_id, copy_of, hex(features), hex(facts), hex(copykeys) from doc_cluster order by doc"):
    print("|".join("" if v is None else str(v) for v in r))
PY
}
rows "$T/s.db" > "$T/ref.rows"

# stale: every third record of another fingerprint, every third missing
# (facts and keys, as a store upgraded from schema 2), the rest damaged
# in its lists hash
cp "$T/s.db" "$T/old.db"
python3 - "$T/old.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for i, (doc, b) in enumerate(c.execute("select doc, facts from doc_cluster order by doc").fetchall()):
    b = bytearray(b)
    if i % 3 == 0:
        b[5] ^= 0xff
        c.execute("update doc_cluster set facts=? where doc=?", (bytes(b), doc))
    elif i % 3 == 1:
        c.execute("update doc_cluster set facts=NULL, copykeys=NULL where doc=?", (doc,))
    else:
        b[-1] ^= 0x01
        c.execute("update doc_cluster set facts=? where doc=?", (bytes(b), doc))
c.commit()
PY
run report --db "$T/old.db" --format json --timings; expect_status 0 "report of the stale store"
check "stale store: the same report" cmp -s "$T/out" "$T/ref.json"
lacks "$T/err" "stored facts" "stale store: no stored facts used"

run refresh --db "$T/old.db"; expect_status 0 "refresh"
contains "$T/err" "recoupe: $n renewed, 0 current, 0 failed of $n placed articles" "refresh: every article renewed"
rows "$T/old.db" > "$T/new.rows"
check "refreshed rows == the rows ingest wrote (facts, copy keys, and the rest unchanged)" \
  cmp -s "$T/new.rows" "$T/ref.rows"
run report --db "$T/old.db" --format json --timings; expect_status 0 "report after refresh"
check "after refresh: the same report" cmp -s "$T/out" "$T/ref.json"
contains "$T/err" "extract: stored facts" "after refresh: stored facts used"
check "after refresh: stored facts used for every article" \
  test "$(sed -n 's/^extract: stored facts .*(\([0-9]*\) call.*/\1/p' "$T/err")" = "$n"
contains "$T/err" "(kept link)" "after refresh: the stories link kept by refresh is read"

run refresh --db "$T/old.db"; expect_status 0 "second refresh"
contains "$T/err" "recoupe: 0 renewed, $n current, 0 failed of $n placed articles" "second refresh: nothing to do"

# articles stored without an event: not placed, left to their placing
"$RECOUPE" ingest -q --no-events --db "$T/bulk.db" "$HS"/*.txt "$HS"/*.jsonl 2>/dev/null
run refresh --db "$T/bulk.db"; expect_status 0 "refresh of an unplaced store"
contains "$T/err" "recoupe: 0 renewed, 0 current, 0 failed of 0 placed articles" "unplaced: nothing renewed"
run report --db "$T/bulk.db" --format json; expect_status 0 "report after refreshing an unplaced store"
check "unplaced: the report places them and is the same" cmp -s "$T/out" "$T/ref.json"

run refresh --db "$T/missing.db"; expect_status 1 "refresh of a missing store"
contains "$T/err" "missing.db" "missing store: named"
check "missing store: not created" test ! -e "$T/missing.db"
run help refresh; expect_status 0 "help refresh"
contains "$T/out" "recoupe refresh [--db FILE]" "help refresh: usage"
done_tests
