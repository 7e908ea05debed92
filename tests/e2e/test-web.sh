# Saved web pages and a WARC archive of the examples (examples/html,
# examples/warc) through `recoupe extract --jsonl`, checked against the hand
# answer key examples/web-expected.json: body phrases kept, furniture gone
# (menus, cookie banner, comments, related links, newsletter), metadata.
. "$(dirname "$0")/lib.sh"

run extract --jsonl "$ROOT/examples/html"; expect_status 0 "extract saved pages"
cp "$T/out" "$T/pages.jsonl"
check "six pages extracted (one .html.gz)" test "$(wc -l < "$T/pages.jsonl")" -eq 6
if python3 "$ROOT/tests/e2e/check-web.py" "$ROOT/examples/web-expected.json" "$T/pages.jsonl" pages > "$T/chk"; then ok; else fail "saved pages against web-expected.json: $(grep FAIL "$T/chk" | head -5)"; fi

run extract --jsonl "$ROOT/examples/warc/crawl.warc.gz"; expect_status 0 "extract the WARC archive"
cp "$T/out" "$T/warc.jsonl"
check "only the six HTML 200 responses delivered" test "$(wc -l < "$T/warc.jsonl")" -eq 6
contains "$T/warc.jsonl" '"fetched":"2026-03-13T07:02:11Z"' "WARC-Date kept as the capture date"
contains "$T/warc.jsonl" '"url":"https://www.halvikherald.example/world/2026/03/12/tasmir-minister-halvik-flood-talks"' "WARC-Target-URI kept as the URL"
if python3 "$ROOT/tests/e2e/check-web.py" "$ROOT/examples/web-expected.json" "$T/warc.jsonl" warc > "$T/chk"; then ok; else fail "WARC records against web-expected.json: $(grep FAIL "$T/chk" | head -5)"; fi

# ingest + show: a page goes into the store with its metadata
run ingest --db "$T/s.db" "$ROOT/examples/warc/crawl.warc.gz"; expect_status 0 "ingest the WARC archive"
contains "$T/err" "6 added" "six pages stored"
run show --db "$T/s.db" b74aeb16-5c92-403a-8b40-87f6fb44d381; expect_status 0 "show a WARC page by its record uuid"
contains "$T/out" "outlet:    Radio Lac Info" "page outlet stored"
contains "$T/out" "Roustam" "windows-1252 page (charset only in HTTP) decoded"
lacks "$T/out" "�" "no replacement characters in the decoded page"
done_tests
