# Stored facts (extract/factscodec.h): `recoupe ingest` keeps each
# article's extracted facts in the store and `recoupe report` decodes them
# instead of extracting again. The report is the same byte for byte with
# the stored facts, without them (RECOUPE_NO_STORED_FACTS=1), with facts
# of another extractor (fingerprint changed) or damaged, and on a store of
# schema version 2 (no facts column: upgraded, facts absent) or 3 (facts,
# no copy keys: upgraded, copies made from the tokens). --timings
# shows one "extract: stored facts" call per article whose facts were used.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
HS=tests/data/events

"$RECOUPE" ingest -q --db "$T/s.db" "$HS"/*.txt "$HS"/*.jsonl 2>/dev/null
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$T/s.db")
check "the hard set is stored" test "$n" -gt 10
check "every placed article has a facts record" python3 - "$T/s.db" "$n" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select facts from doc_cluster").fetchall()
assert len(rows) == int(sys.argv[2]), len(rows)
assert all(r[0] is not None and bytes(r[0][:4]) == b"RCFX" for r in rows)
PY
check "every placed article has a copy keys record" python3 - "$T/s.db" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select copykeys from doc_cluster").fetchall()
assert rows and all(r[0] is not None and bytes(r[0][:4]) == b"RCCK" for r in rows)
PY

# the reference: every fact extracted at report time
for f in json terminal markdown; do
  RECOUPE_NO_STORED_FACTS=1 RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$T/s.db" --format $f \
    --timings > "$T/ref.$f" 2>"$T/ref.err"
done
check "reference report written" test -s "$T/ref.json"
lacks "$T/ref.err" "stored facts" "RECOUPE_NO_STORED_FACTS=1: no stored facts used"

# report STORE NAME: the three formats equal the reference; NAME says which
# store; the calls of the stored facts row go to $T/used
same_reports() {
  for f in json terminal markdown; do
    RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$1" --format $f --timings > "$T/got.$f" 2>"$T/got.err"
    check "$2: $f report == extracted" cmp -s "$T/got.$f" "$T/ref.$f"
  done
  sed -n 's/^extract: stored facts .*(\([0-9]*\) call.*/\1/p' "$T/got.err" > "$T/used"
}

same_reports "$T/s.db" "stored facts"
check "stored facts used for every article" test "$(cat "$T/used")" = "$n"

# facts of another extractor: the fingerprint (bytes 6..13) changed
cp "$T/s.db" "$T/fp.db"
python3 - "$T/fp.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("select doc, facts from doc_cluster").fetchall()
for doc, b in rows:
    b = bytearray(b); b[5] ^= 0xff
    c.execute("update doc_cluster set facts=? where doc=?", (bytes(b), doc))
c.commit()
PY
same_reports "$T/fp.db" "other fingerprint"
check "other fingerprint: no stored facts used" test ! -s "$T/used"

# damaged records: cut short, or one byte flipped in the middle
cp "$T/s.db" "$T/bad.db"
python3 - "$T/bad.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("select doc, facts from doc_cluster").fetchall()
for i, (doc, b) in enumerate(rows):
    b = bytearray(b)
    if i % 2:
        b = b[:len(b) // 2]
    else:
        b[len(b) // 2] ^= 0x5a
    c.execute("update doc_cluster set facts=? where doc=?", (bytes(b), doc))
c.commit()
PY
same_reports "$T/bad.db" "damaged records"
check "damaged records: none used" test ! -s "$T/used"

# a schema version 2 store (no facts column) is upgraded and reports the same
cp "$T/s.db" "$T/v2.db"
python3 - "$T/v2.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("alter table doc_cluster drop column facts")
c.execute("alter table doc_cluster drop column copykeys")
c.execute("drop table story_link")
c.execute("delete from meta where key = 'write_gen'")
c.execute("update meta set value = '2' where key = 'schema_version'")
c.execute("pragma user_version = 2")
c.commit()
PY
run events --db "$T/v2.db"; expect_status 0 "events on a version 2 store"
contains "$T/err" "upgraded the store from schema 2 to 5" "the v2 store is upgraded"
check "after the upgrade the facts are absent" python3 - "$T/v2.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("pragma user_version").fetchone()[0] == 5
assert c.execute("select count(*) from doc_cluster where facts is not null").fetchone()[0] == 0
PY
same_reports "$T/v2.db" "upgraded version 2 store"
check "upgraded store: no stored facts used" test ! -s "$T/used"

# a schema version 3 store (facts, no copy keys column) is upgraded, keeps
# its facts and reports the same (the copies computed from the tokens)
cp "$T/s.db" "$T/v3.db"
python3 - "$T/v3.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("alter table doc_cluster drop column copykeys")
c.execute("drop table story_link")
c.execute("delete from meta where key = 'write_gen'")
c.execute("update meta set value = '3' where key = 'schema_version'")
c.execute("pragma user_version = 3")
c.commit()
PY
run events --db "$T/v3.db"; expect_status 0 "events on a version 3 store"
contains "$T/err" "upgraded the store from schema 3 to 5" "the v3 store is upgraded"
check "after the upgrade the copy keys are absent, the facts kept" python3 - "$T/v3.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("pragma user_version").fetchone()[0] == 5
assert c.execute("select count(*) from doc_cluster where copykeys is not null").fetchone()[0] == 0
assert c.execute("select count(*) from doc_cluster where facts is null").fetchone()[0] == 0
PY
same_reports "$T/v3.db" "upgraded version 3 store"
check "upgraded v3 store: stored facts used for every article" test "$(cat "$T/used")" = "$n"
done_tests
