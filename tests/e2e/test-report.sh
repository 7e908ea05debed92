# The human reports: terminal (80 columns, colour only on a TTY, --no-color,
# NO_COLOR), Markdown, HTML (self-contained, escaped, sentence anchors,
# coverage matrix), and `recoupe report` from a store giving the same bytes
# as analyze in every format; --event and --format errors.
. "$(dirname "$0")/lib.sh"
CHECK="$ROOT/tests/e2e/check-report.py"
cd "$ROOT" || exit 2
IN="examples/001_halvik-herald.txt examples/002_radio-lac-info.txt examples/003_depeche-continentale.txt
examples/004_la-voix-des-lacs.txt examples/005_courrier-d-orient.txt examples/006_northern-ledger.txt
examples/007_continental-observer.txt examples/008_info-monde-24.txt examples/feed.jsonl"
ESC=$(printf '\033')

# terminal: the default of analyze; not a TTY here, so no colour
run analyze $IN; expect_status 0 "analyze (terminal report)"
cp "$T/out" "$T/term.txt"
contains "$T/term.txt" "recoupe report: 11 articles" "terminal report header"
contains "$T/term.txt" "Le Petit Observateur" "terminal report lists an outlet"
lacks "$T/term.txt" "$ESC" "no ANSI escapes when stdout is not a TTY"
check "terminal report within 80 columns" python3 "$CHECK" width "$T/term.txt" 80
lacks "$T/term.txt" "| id | outlet |" "the terminal report is not the Markdown table"
check "the weekday conflict is shown" grep -q "! weekday: " "$T/term.txt"
run analyze --json $IN; cp "$T/out" "$T/an.json"
nev=$(json "$T/an.json" "len(r['events'])")
if [ "$nev" -eq 0 ]; then
  contains "$T/term.txt" "== All articles ==" "no events yet: one group of all articles"
else
  contains "$T/term.txt" "== Event $(json "$T/an.json" "r['events'][0]['id']")" "first event header"
fi
# on a TTY (script(1) gives one): colour, unless --no-color or NO_COLOR
if command -v script >/dev/null 2>&1; then
  script -qec "env -u NO_COLOR $RECOUPE analyze $(echo $IN)" /dev/null > "$T/tty.txt" 2>&1
  contains "$T/tty.txt" "$ESC[1m" "colour on a TTY"
  script -qec "env -u NO_COLOR $RECOUPE analyze --no-color $(echo $IN)" /dev/null > "$T/tty2.txt" 2>&1
  lacks "$T/tty2.txt" "$ESC" "--no-color on a TTY"
  script -qec "env NO_COLOR=1 $RECOUPE analyze $(echo $IN)" /dev/null > "$T/tty3.txt" 2>&1
  lacks "$T/tty3.txt" "$ESC" "NO_COLOR on a TTY"
  tr -d '\r' < "$T/tty2.txt" > "$T/tty2n.txt"
  check "the TTY report without colour equals the piped one" cmp -s "$T/tty2n.txt" "$T/term.txt"
else
  echo "test-report: script(1) missing: TTY checks skipped"
fi

# Markdown: the old sections and the per-event ones
run analyze --markdown $IN; expect_status 0 "analyze --markdown"
cp "$T/out" "$T/md.md"
contains "$T/md.md" "## Articles" "markdown keeps the articles table"
contains "$T/md.md" "## Quotes" "markdown keeps the quotes"
check "markdown omissions name their words (no empty items)" sh -c "! grep -Eq 'leaves out: (,|$)|, ,' '$T/md.md'"
check "markdown timeline items all have words" sh -c "! grep -Eq '^- \\*\\*[0-9X-]+\\*\\* *(\\(|$)' '$T/md.md'"
if [ "$nev" -eq 0 ]; then contains "$T/md.md" "## All articles" "markdown per-group section"
else contains "$T/md.md" "## Event " "markdown per-event section"; fi
contains "$T/md.md" "### Conflicts and drift" "markdown conflicts section"

# HTML: one self-contained file
run analyze --html "$T/r.html" $IN; expect_status 0 "analyze --html"
check "--html writes nothing on stdout" test ! -s "$T/out"
check "HTML file written" test -s "$T/r.html"
check "HTML starts with a doctype" grep -q '^<!DOCTYPE html>' "$T/r.html"
lacks "$T/r.html" "<script" "no script in the page"
check "no network reference (src/href to http, @import, url())" sh -c "! grep -Eiq '(src|href)=\"(https?:)?//|@import|url\\(' '$T/r.html'"
contains "$T/r.html" 'id="doc-0-s-0"' "sentence anchors"
contains "$T/r.html" 'class="matrix"' "coverage matrix"
contains "$T/r.html" 'data-outlet="Le Petit Observateur"' "matrix column of an outlet"
check "the matrix agrees with the JSON report" python3 "$CHECK" matrix "$T/r.html" "$T/an.json"
run analyze --html; expect_status 2 "--html without a file"
run analyze --html "$T/x.html" --json examples/001_halvik-herald.txt; expect_status 2 "--html with --json"

# hostile article text is escaped everywhere
printf '%s\n' '{"id":"evil<1>","title":"<script>alert(1)</script> \"'"'"' &","outlet":"<script>alert(2)</script>","text":"Le ministre a dit <script>alert(3)</script> hier. Une deuxieme phrase \"'"'"' & ici."}' > "$T/evil.jsonl"
run analyze --html "$T/evil.html" "$T/evil.jsonl"; expect_status 0 "analyze --html hostile"
lacks "$T/evil.html" "<script" "hostile text escaped in HTML"
contains "$T/evil.html" "&lt;script&gt;alert(3)&lt;/script&gt;" "hostile text shown escaped"
run analyze --markdown "$T/evil.jsonl"; lacks "$T/out" "<script" "hostile text escaped in Markdown"

# report from a store: the same bytes as analyze, in every format
run ingest -q --db "$T/s.db" $IN; expect_status 0 "ingest examples"
run report --db "$T/s.db" --format json; expect_status 0 "report --format json"
check "report json == analyze --json" cmp -s "$T/out" "$T/an.json"
run report --db "$T/s.db"; expect_status 0 "report (terminal)"
check "report terminal == analyze" cmp -s "$T/out" "$T/term.txt"
run report --db "$T/s.db" --format markdown; check "report markdown == analyze --markdown" cmp -s "$T/out" "$T/md.md"
run report --db "$T/s.db" --format html -o "$T/r2.html"; expect_status 0 "report --format html -o"
check "report html == analyze --html" cmp -s "$T/r.html" "$T/r2.html"
run report --db "$T/s.db" --event no-such-event; expect_status 1 "unknown event"
contains "$T/err" "no event 'no-such-event'" "unknown event named"
run report --db "$T/s.db" --format pdf; expect_status 2 "unknown format"
contains "$T/err" "unknown format 'pdf'" "unknown format named"
run report --db "$T/nothere.db"; expect_status 1 "report without a store"
if [ "$nev" -gt 0 ]; then
  id=$(json "$T/an.json" "r['events'][0]['id']")
  run report --db "$T/s.db" --event "$id" --format json; expect_status 0 "report --event $id"
  check "--event keeps the event's documents" test "$(json "$T/out" "sorted(d['id'] for d in r['documents'])")" = "$(json "$T/an.json" "sorted(r['events'][0]['documents'])")"
fi
run help report; contains "$T/out" "--event ID" "help report"
done_tests
