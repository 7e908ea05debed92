# A report that cannot be written (pipeline/store_report.c): the output
# file or the temporary file refusing bytes (a file size limit, EFBIG, set
# with ulimit -f and SIGXFSZ ignored; /dev/full, ENOSPC) gives exit status
# 1 and one message naming the file that failed (the output's name, or the
# temporary folder) and the system's reason, in every format; the store is
# left as it was, and the next report is whole.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
HS=tests/data/events
"$RECOUPE" ingest -q --db "$T/hs.db" "$HS"/*.txt "$HS"/*.jsonl 2>/dev/null
run report --db "$T/hs.db" --format json -o "$T/whole.json"; expect_status 0 "the whole report"
size=$(stat -c %s "$T/whole.json")
check "the whole report is over 256 KiB (the limits below cut it)" test "$size" -gt 262144

# run_limited KIB ARGS...: recoupe with files capped at KIB KiB
run_limited() {
    lim=$1; shift
    ( trap '' XFSZ; ulimit -f "$lim"; exec "$RECOUPE" "$@" ) >"$T/out" 2>"$T/err"
    status=$?
}
errors() { grep -c "error" "$T/err"; }

# the output file refuses bytes past 256 KiB: the temporary file (lz4,
# about a quarter of the output) still fits
run_limited 256 report --db "$T/hs.db" --format json -o "$T/cut.json"
expect_status 1 "json: output cut"
contains "$T/err" "recoupe: $T/cut.json: error: could not write the report (File too large)" \
  "json: the output's name and the reason"
check "json: one message" test "$(errors)" -eq 1
for f in markdown html; do
    run_limited 64 report --db "$T/hs.db" --format "$f" -o "$T/cut.$f"
    expect_status 1 "$f: output cut"
    contains "$T/err" "recoupe: $T/cut.$f: error: could not write the report (File too large)" \
      "$f: the output's name and the reason"
    check "$f: one message" test "$(errors)" -eq 1
done
# (the terminal report's sections wait in a temporary file first: the
# limit cuts that one; the output itself fails on a full device)
run_limited 64 report --db "$T/hs.db" --format terminal --no-color -o "$T/cut.txt"
expect_status 1 "terminal: its temporary file cut"
contains "$T/err" "could not write the report's temporary file in ${TMPDIR:-/tmp} (File too large)" \
  "terminal: the temporary folder and the reason"
check "terminal (temporary file): one message" test "$(errors)" -eq 1
run report --db "$T/hs.db" --format terminal --no-color -o /dev/full
expect_status 1 "terminal: output on a full device"
contains "$T/err" "recoupe: /dev/full: error: could not write the report (No space left on device)" \
  "terminal: the output's name and the reason"
check "terminal: one message" test "$(errors)" -eq 1

# the temporary file refuses bytes past 64 KiB (the store's own files fit)
run_limited 64 report --db "$T/hs.db" --format json -o "$T/cut2.json"
expect_status 1 "json: temporary file cut"
contains "$T/err" "could not write the report's temporary file in ${TMPDIR:-/tmp} (File too large)" \
  "temporary file: its folder and the reason"
check "temporary file: one message" test "$(errors)" -eq 1

# standard output on a full device
"$RECOUPE" report --db "$T/hs.db" --format json >/dev/full 2>"$T/err"; status=$?
expect_status 1 "stdout full"
contains "$T/err" "recoupe: stdout: error: could not write the report (No space left on device)" \
  "stdout: named, with the reason"
check "stdout: one message" test "$(errors)" -eq 1

# nothing stored was lost: the next report is whole and the same
run report --db "$T/hs.db" --format json -o "$T/again.json"; expect_status 0 "report after the failures"
check "report after the failures == the first" cmp -s "$T/again.json" "$T/whole.json"
done_tests
