# lib.sh - assertions for the end-to-end tests (sourced).
# Each test script runs the real binary ($RECOUPE) in a scratch directory
# ($T) and calls ok/fail through these helpers; run-all.sh counts results.
set -u
: "${RECOUPE:?RECOUPE must name the recoupe binary}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${RECOUPE_SHARED:-$ROOT/../shared}
T=$(mktemp -d "${TMPDIR:-/tmp}/recoupe-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
NAME=$(basename "$0" .sh)

# ok MESSAGE / fail MESSAGE: record one assertion.
ok() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "  FAIL [$NAME] $*" >&2; }

# check DESCRIPTION COMMAND...: pass when the command succeeds.
check() { d=$1; shift; if "$@"; then ok; else fail "$d"; fi; }

# expect_status N DESCRIPTION: compare $status (set by run) with N.
expect_status() { if [ "$status" -eq "$1" ]; then ok; else fail "$2: exit status $status, expected $1"; fi; }

# run ARGS...: run recoupe, keeping stdout in $T/out, stderr in $T/err, status in $status.
run() { "$RECOUPE" "$@" >"$T/out" 2>"$T/err"; status=$?; }

# contains FILE TEXT DESCRIPTION: FILE holds TEXT (fixed string).
contains() { if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not in $(basename "$1"): $(head -c 600 "$1")"; fi; }
# lacks FILE TEXT DESCRIPTION: FILE does not hold TEXT.
lacks() { if grep -qF -- "$2" "$1"; then fail "$3: '$2' found in $(basename "$1")"; else ok; fi; }
# count_lines FILE TEXT N DESCRIPTION: exactly N lines of FILE hold TEXT.
count_lines() { n=$(grep -cF -- "$2" "$1"); if [ "$n" -eq "$3" ]; then ok; else fail "$4: $n lines with '$2', expected $3"; fi; }

# jq-like field access with python3 (always present: the scorers need it).
# json FILE EXPR: print eval(EXPR) with r = the parsed JSON.
json() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(v if not isinstance(v,(dict,list)) else json.dumps(v, ensure_ascii=False))' "$1" "$2"; }

# done_tests: print this script's tally and exit non-zero on failure.
done_tests() { echo "$NAME: $PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; }

# score_area FILE AREA: the score of one area in a score-seeds output.
score_area() { sed -n "s/^$2 *\([0-9.]*\) .*/\1/p" "$1"; }
# atleast X Y: succeed when the number X >= Y.
atleast() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1] or 0) >= float(sys.argv[2]) else 1)" "$1" "$2"; }
