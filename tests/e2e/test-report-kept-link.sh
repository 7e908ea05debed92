# Kept stories link (session 9): `ingest` links the stories of the events
# as they stand and keeps the result in the store with the store's write
# generation; `report` and `events` then read it instead of linking
# again, and link (and keep) anew whenever it is missing, of another
# generation or another program, or not the record of the listed events.
# Every report is the same byte for byte as one made by linking.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
HS=tests/data/events

# sql DB STATEMENT: run it (python3's sqlite3; prints rows, one per line)
sql() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute(sys.argv[2]).fetchall():
    print("|".join(str(v) for v in row))
c.commit()
PY
}
# fresh DB: the kept link is of the store's present generation
fresh() { test "$(sql "$1" "select (select gen from story_link) = (select cast(value as integer) from meta where key='write_gen')")" = 1; }
# reports DB NAME: json and markdown reports of DB (timings to NAME.err)
reports() {
  RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$1" --format json --timings > "$T/$2.json" 2>"$T/$2.err"
  RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$1" --format markdown > "$T/$2.md" 2>/dev/null
  "$RECOUPE" events --db "$1" --json > "$T/$2.ev" 2>/dev/null
}
# same NAME REF: NAME's reports are REF's
same() {
  for x in json md ev; do
    check "$1: $x same as $2" cmp -s "$T/$1.$x" "$T/$2.$x"
  done
}

ls "$HS"/*.txt | head -24 > "$T/first"
ls "$HS"/*.txt | tail -n +25 > "$T/second"
"$RECOUPE" ingest -q --db "$T/s.db" $(cat "$T/first") 2>/dev/null
check "ingest kept the link" fresh "$T/s.db"

# ingesting the same articles again writes nothing: the generation and
# the kept link stay
g1=$(sql "$T/s.db" "select value from meta where key='write_gen'")
"$RECOUPE" ingest -q --db "$T/s.db" $(cat "$T/first") 2>/dev/null
check "an ingest of nothing new leaves the generation" \
  test "$(sql "$T/s.db" "select value from meta where key='write_gen'")" = "$g1"
check "and the kept link" fresh "$T/s.db"

# the reference: the same store without a kept link links in the report
cp "$T/s.db" "$T/ref.db"
sql "$T/ref.db" "delete from story_link"
reports "$T/ref.db" ref
check "reference has stories" test "$(json "$T/ref.json" 'len(r["stories"])')" -gt 1
lacks "$T/ref.err" "kept link" "no kept link: linked"
check "the report kept the link it made" fresh "$T/ref.db"

# the kept link read back: the same reports, and the read is the kept one
reports "$T/s.db" kept
same kept ref
contains "$T/kept.err" "events+stories load (kept link)" "kept link read"

# the record is what the report uses: every event put in the first story
# at the present generation shows as one story
cp "$T/s.db" "$T/one.db"
python3 - "$T/one.db" <<'PY'
import sqlite3, struct, sys
c = sqlite3.connect(sys.argv[1])
b = bytearray(c.execute("select data from story_link").fetchone()[0])
n = struct.unpack_from("<I", b, 5)[0]
for i in range(n):
    struct.pack_into("<I", b, 9 + 12 * i + 8, 0)
c.execute("update story_link set data=?", (bytes(b),))
c.commit()
PY
RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$T/one.db" --format json > "$T/one.json" 2>/dev/null
check "a kept record is used: one story" test "$(json "$T/one.json" 'len(r["stories"])')" = 1

# refused records: each store then reports as if linking, and keeps anew
for case in stale foreign short garbage; do
  cp "$T/s.db" "$T/$case.db"
  case $case in
    stale) sql "$T/$case.db" "update story_link set gen=gen-1" ;;
    foreign) sql "$T/$case.db" "update story_link set fp=fp+1" ;;
    short) sql "$T/$case.db" "update story_link set data=substr(data, 1, length(data)-12)" ;;
    garbage) sql "$T/$case.db" "update story_link set data=x'52434c4b01ffffffff00'" ;;
  esac
  reports "$T/$case.db" "$case"
  same "$case" ref
  lacks "$T/$case.err" "kept link" "$case: record refused"
  check "$case: a fresh link kept" fresh "$T/$case.db"
done

# more articles: the generation moves, ingest keeps a new link, and the
# reports equal those of the same store linking in the report
"$RECOUPE" ingest -q --db "$T/s.db" $(cat "$T/second") 2>/dev/null
check "second ingest kept the link" fresh "$T/s.db"
cp "$T/s.db" "$T/ref2.db"
sql "$T/ref2.db" "delete from story_link"
reports "$T/ref2.db" ref2
reports "$T/s.db" kept2
same kept2 ref2
contains "$T/kept2.err" "kept link" "kept link read after the second ingest"
check "the second ingest changed the stories or events" \
  sh -c "! cmp -s '$T/kept2.json' '$T/kept.json'"

# ingest --no-events places nothing and keeps no link; the report places,
# links and keeps, and reads it the next time
"$RECOUPE" ingest -q --no-events --db "$T/b.db" $(cat "$T/first") 2>/dev/null
check "no events: no link kept" test "$(sql "$T/b.db" "select count(*) from story_link")" = 0
reports "$T/b.db" bulk
same bulk ref
check "bulk: the report kept its link" fresh "$T/b.db"

done_tests
