# The HTML report in a real browser (headless Chromium, Debian `chromium`):
# it loads from file:// without console errors or failed loads, the DOM
# holds one sentence span per sentence of the JSON report, and the coverage
# matrix shows exactly the cells the JSON report's claims[] imply (outlets
# as columns, claims as rows, each cell its supporting documents, stance,
# origin and relay: check-report.py matrix). A control page that logs an
# error proves the console capture works.
. "$(dirname "$0")/lib.sh"
CHECK="$ROOT/tests/e2e/check-report.py"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  echo "test-html-chromium: skipped: chromium not installed (deps/debian-packages.txt; make deps)"
  echo "$NAME: 0 passed, 0 failed"; exit 0
fi
cd "$ROOT" || exit 2

# browse FILE OUT: dump FILE's DOM after load into OUT, the browser's log into OUT.log
browse() {
  HOME="$T" timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$T/profile" --enable-logging=stderr --v=0 --dump-dom "file://$1" \
    > "$2" 2> "$2.log"
}
# console_errors LOG: the page's console messages and failed loads in a log
console_errors() { grep -E 'CONSOLE|Uncaught|Failed to load resource|net::ERR_' "$1"; }

# control: the capture sees a console error when there is one
printf '<!DOCTYPE html><title>x</title><script>console.error("control-error")</script>\n' > "$T/control.html"
browse "$T/control.html" "$T/control.dom"
check "console capture sees a logged error (control page)" sh -c "grep -q control-error '$T/control.dom.log'"

run analyze --json examples/*.txt examples/feed.jsonl; expect_status 0 "analyze --json"
cp "$T/out" "$T/an.json"
run analyze --html "$T/report.html" examples/*.txt examples/feed.jsonl; expect_status 0 "analyze --html"
browse "$T/report.html" "$T/dom.html"; status=$?
expect_status 0 "chromium loads the report"
if console_errors "$T/dom.html.log" > "$T/errors"; then fail "console errors: $(head -5 "$T/errors")"; else ok; fi
contains "$T/dom.html" '<table class="matrix"' "the matrix is in the DOM"
check "the DOM matrix agrees with the JSON report's claims and outlets" python3 "$CHECK" matrix "$T/dom.html" "$T/an.json"
want=$(json "$T/an.json" "sum(len(d['sentences']) for d in r['documents'])")
got=$(grep -o 'class="s" id="doc-[0-9]*-s-[0-9]*"' "$T/dom.html" | sort -u | wc -l)
check "one anchored span per sentence ($got of $want)" test "$got" -eq "$want"
# a claim link's target exists for every link in the page
python3 - "$T/dom.html" > "$T/links" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
ids = set(re.findall(r'id="([^"]+)"', s))
for h in re.findall(r'href="#([^"]+)"', s):
    if h not in ids:
        print(h)
PY
check "every in-page link has its target" test ! -s "$T/links"
HOME="$T" timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$T/profile" \
  --screenshot="$T/shot.png" --window-size=1280,2000 "file://$T/report.html" > /dev/null 2>&1
check "screenshot taken" test -s "$T/shot.png"
done_tests
