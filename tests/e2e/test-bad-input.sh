# Bad input never crashes and never loses data: each bad input gets one
# message naming it and the reason, the others still go in, exit status 1.
. "$(dirname "$0")/lib.sh"

good='Le conseil régional a adopté jeudi un plan de transport. Les lignes de bus seront prolongées jusqu’aux villages voisins, a précisé la présidente.'
mkdir -p "$T/in" "$T/none"
printf '%s\n' "$good" > "$T/in/a_good.txt"
: > "$T/in/b_empty.txt"
head -c 1500 /dev/urandom > "$T/in/c_binary.txt"; printf '\000\000' >> "$T/in/c_binary.txt"
printf 'Le caf\351 \377 de la gare a rouvert lundi apr\350s des travaux, selon la mairie qui se f\351licite du r\351sultat obtenu.\n' > "$T/in/d_latin1.txt"
{ printf '%s\n' '{"id":"l1","text":"Valid first line about a bridge reopening after repairs, the ministry said on Friday."}'
  printf '%s\n' '{"id":"l2","text": broken'
  printf '%s\n' '["not","an","object"]'
  printf '%s\n' '{"id":"l4","title":"no text here"}'
  printf '%s\n' '{"id":"l5","html":"<html><body><nav>Home</nav><p>An HTML body in a JSON line: the council voted on Monday to extend the tram line to the airport.</p></body></html>"}'
  printf '%s\n' '{"id":"l6","text":"Valid last line: the harbour will reopen to ferries next week, port officials said."}'
} > "$T/in/e_feed.jsonl"
head -c 3000 /dev/zero | tr '\0' 'x' > "$T/big.txt"
printf 'README\n' > "$T/none/notes.md"

run ingest --db "$T/s.db" --max-size 2K "$T/in" "$T/missing.txt" "$T/none" "$T/big.txt"
expect_status 1 "some inputs failed"
contains "$T/err" "missing.txt: error: " "missing path named"
contains "$T/err" "No such file or directory" "missing path reason"
contains "$T/err" "b_empty.txt: error: empty" "empty file named"
contains "$T/err" "c_binary.txt: error: binary" "binary file named"
contains "$T/err" "d_latin1.txt: warning: " "invalid UTF-8 warned about"
contains "$T/err" "invalid UTF-8" "invalid UTF-8 reason"
contains "$T/err" "e_feed.jsonl:2: error: " "malformed JSON line named with its line number"
contains "$T/err" "e_feed.jsonl:3: error: " "non-object JSON line named"
contains "$T/err" "e_feed.jsonl:4: error: " "JSON line without text named"
lacks "$T/err" "e_feed.jsonl:5:" "a JSON line with html goes through the extractor"
contains "$T/err" "none: error: no articles" "folder without articles named"
contains "$T/err" "big.txt: error: " "file over --max-size named"
contains "$T/err" "limit" "over-size reason"
count_lines "$T/err" "b_empty.txt" 1 "one message for the empty file"
count_lines "$T/err" "c_binary.txt" 1 "one message for the binary file"
# the good inputs went in
for id in a_good d_latin1 l1 l5 l6; do
  run show --db "$T/s.db" "$id"; expect_status 0 "good input $id stored despite bad neighbours"
done
run show --db "$T/s.db" d_latin1; contains "$T/out" "�" "invalid bytes replaced by U+FFFD"
contains "$T/out" "de la gare a rouvert" "text around invalid bytes kept"

# what was stored stays stored: a later failing run does not remove it
run ingest --db "$T/s.db" "$T/missing.txt"; expect_status 1 "missing input alone"
run show --db "$T/s.db" a_good; expect_status 0 "earlier document still there after a failed run"

# a store that is not a database, and a store from a newer recoupe
printf 'not a database at all, just text that is long enough to fill a header page\n%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 > "$T/notdb.db"
run ingest --db "$T/notdb.db" "$T/in/a_good.txt"; expect_status 1 "store that is not a database"
contains "$T/err" "notdb.db" "bad store named"
python3 - "$T/s.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); v = c.execute("pragma user_version").fetchone()[0]
c.execute("pragma user_version = %d" % (v + 100)); c.commit()
try:
    c.execute("update meta set value = ? where key = 'schema_version'", (str(v + 100),)); c.commit()
except Exception:
    pass
PY
before=$(md5sum < "$T/s.db")
run ingest --db "$T/s.db" "$T/in/a_good.txt"; expect_status 1 "store from a newer recoupe"
contains "$T/err" "newer" "newer schema explained"
check "newer store left untouched" test "$(md5sum < "$T/s.db")" = "$before"
done_tests
