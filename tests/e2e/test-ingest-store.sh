# ingest / show round trip, re-ingest adds nothing, ids from file names,
# JSON lines ids, stdin, analyze leaves nothing behind without --db.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/in/sub" "$T/in/.hidden"
printf 'Premier titre court\n\nLe conseil municipal a voté mardi un budget de 12 millions d’euros pour rénover les écoles. Le maire a salué « un effort historique ». Les travaux commenceront en septembre.\n' > "$T/in/alpha_01.txt"
printf 'The city council approved on Tuesday a budget of 12 million euros to renovate schools. The mayor hailed "a historic effort". Work will begin in September.\n' > "$T/in/sub/beta_02.txt"
printf 'Ceci ne doit pas être lu car caché. Le texte est dans un dossier caché qui doit être ignoré par le parcours.\n' > "$T/in/.hidden/gamma.txt"
printf 'notes\n' > "$T/in/README.md"
printf '%s\n' '{"id":"j1","title":"Flood warning","text":"Heavy rain is expected across the region on Friday, forecasters said. Residents near the river were told to prepare sandbags.","outlet":"Daily Example","published":"2026-03-05","lang":"en"}' > "$T/in/feed.jsonl"

cd "$T" || exit 2
run ingest --db "$T/s.db" in; expect_status 0 "ingest a folder"
contains "$T/err" "3 added" "three articles added (hidden and README skipped)"
run show --db "$T/s.db" alpha_01; expect_status 0 "show by file-name id"
contains "$T/out" "budget de 12 millions" "show prints the cleaned text"
contains "$T/out" "lang:      fr" "show prints the detected language"
run show --db "$T/s.db" beta_02; contains "$T/out" "lang:      en" "English detected"
run show --db "$T/s.db" j1; contains "$T/out" "outlet:    Daily Example" "JSON outlet kept"
contains "$T/out" "published: 2026-03-05" "JSON published kept"
run show --db "$T/s.db" gamma; expect_status 1 "hidden file not ingested"; contains "$T/err" "no document with id 'gamma'" "missing id named"
run ingest --db "$T/s.db" in; expect_status 0 "re-ingest"
contains "$T/err" "0 added" "re-ingesting the same content adds nothing"
contains "$T/err" "3 unchanged" "re-ingest reports unchanged"
run show --db "$T/s.db" --json alpha_01; expect_status 0 "show --json"
check "show --json is JSON with the id" test "$(json "$T/out" "r['id']")" = alpha_01

# stdin: plain text gets a content-hash id; JSON lines keep their ids
"$RECOUPE" ingest --db "$T/s.db" - < "$T/in/alpha_01.txt" 2>"$T/err"; status=$?
expect_status 0 "text on stdin"; contains "$T/err" "1 unchanged" "stdin text deduplicated against the file"
printf '%s\n' '{"id":"s1","text":"Snow closed the mountain pass on Monday, officials said, stranding dozens of trucks overnight."}' | "$RECOUPE" ingest --db "$T/s.db" - 2>"$T/err"; status=$?
expect_status 0 "JSON lines on stdin"; run show --db "$T/s.db" s1; expect_status 0 "stdin JSON line stored with its id"

# analyze without --db leaves nothing behind (cwd and TMPDIR unchanged)
mkdir -p "$T/tmp" "$T/cwd"; cd "$T/cwd" || exit 2
TMPDIR="$T/tmp" "$RECOUPE" analyze --json "$T/in" > "$T/an.json" 2>"$T/err"; status=$?
expect_status 0 "analyze without --db"
check "analyze leaves no file in cwd" test -z "$(ls -A "$T/cwd")"
check "analyze leaves no file in TMPDIR" test -z "$(ls -A "$T/tmp")"
check "analyze reports three documents" test "$(json "$T/an.json" "len(r['documents'])")" = 3
for k in events stories entities quantities dates quotes citations claims discrepancies framing; do
  check "report has $k[]" test "$(json "$T/an.json" "type(r['$k']).__name__")" = list
done
run analyze --markdown "$T/in"; expect_status 0 "analyze --markdown"; contains "$T/out" "| alpha_01 |" "markdown lists the article"
done_tests
