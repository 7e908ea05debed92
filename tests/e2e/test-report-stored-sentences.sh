# Stored sentences (session 7): the report makes only the tokens over the
# sentence spans the store kept when the article's stored facts decode,
# since the facts' doc key covers the spans they were extracted over. A
# store whose sentences differ from the facts' (another version split
# them) has those articles' facts refused and their text model rebuilt:
# the report stays the same byte for byte as with every fact extracted.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
HS=tests/data/events

"$RECOUPE" ingest -q --db "$T/s.db" "$HS"/*.txt "$HS"/*.jsonl 2>/dev/null
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$T/s.db")
check "the hard set is stored" test "$n" -gt 10

for f in json markdown; do
  RECOUPE_NO_STORED_FACTS=1 RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$T/s.db" --format $f \
    > "$T/ref.$f" 2>/dev/null
done
check "reference report written" test -s "$T/ref.json"

# report STORE NAME: both formats equal the reference; the calls of the
# stored facts row go to $T/used
same_reports() {
  for f in json markdown; do
    RECOUPE_STORY_PART=5 "$RECOUPE" report --db "$1" --format $f --timings > "$T/got.$f" 2>"$T/got.err"
    check "$2: $f report == extracted" cmp -s "$T/got.$f" "$T/ref.$f"
  done
  sed -n 's/^extract: stored facts .*(\([0-9]*\) call.*/\1/p' "$T/got.err" > "$T/used"
}

same_reports "$T/s.db" "stored sentences"
check "stored facts used for every article" test "$(cat "$T/used")" = "$n"

# other sentences: in every article of two or more sentences, the first
# two joined into one (as a splitter that missed that boundary would)
cp "$T/s.db" "$T/sent.db"
python3 - "$T/sent.db" > "$T/changed" <<'PY'
import sqlite3, struct, sys
c = sqlite3.connect(sys.argv[1])
changed = 0
for n, b in c.execute("select n, sentences from documents").fetchall():
    if b is None or len(b) < 16:
        continue
    sp = list(struct.unpack("<%dI" % (len(b) // 4), b))
    sp[1] = sp[3]
    del sp[2:4]
    c.execute("update documents set sentences=? where n=?", (struct.pack("<%dI" % len(sp), *sp), n))
    changed += 1
c.commit()
print(changed)
PY
ch=$(cat "$T/changed")
check "sentences changed in most articles" test "$ch" -gt 5
same_reports "$T/sent.db" "other sentences"
check "other sentences: their facts refused, the others used" \
  test "$(cat "$T/used" 2>/dev/null || echo 0)" = "$((n - ch))"

done_tests
