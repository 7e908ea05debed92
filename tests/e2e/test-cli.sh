# The command line itself: help, version, usage errors (exit status 2).
. "$(dirname "$0")/lib.sh"

run --version; expect_status 0 "--version"; contains "$T/out" "recoupe 0." "--version prints the version"
run --help; expect_status 0 "--help"
for c in ingest analyze show; do contains "$T/out" "recoupe $c" "--help lists $c"; done
run help ingest; expect_status 0 "help ingest"; contains "$T/out" "--max-size" "help ingest documents --max-size"
run help analyze; contains "$T/out" "--json" "help analyze documents --json"
run help nosuch; expect_status 2 "help of an unknown command"
run frobnicate; expect_status 2 "unknown command"; contains "$T/err" "unknown command 'frobnicate'" "unknown command named"
run; expect_status 2 "no command"
run ingest --db "$T/x.db"; expect_status 2 "ingest without input"; contains "$T/err" "no input given" "ingest without input says so"
run analyze --bogus x; expect_status 2 "unknown option"; contains "$T/err" "unknown option '--bogus'" "unknown option named"
run analyze --json --markdown x; expect_status 2 "--json with --markdown"
run ingest --max-size 12Q x; expect_status 2 "bad --max-size"; contains "$T/err" "invalid size '12Q'" "bad size named"
run ingest --db; expect_status 2 "--db without a value"
run show; expect_status 2 "show without id"
done_tests
