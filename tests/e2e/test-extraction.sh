# Extraction quality guard: F1 on the public 181-page benchmark must stay
# within 0.005 of the figure recorded in tests/data/extraction-f1.txt.
# Skips without ../shared.
. "$(dirname "$0")/lib.sh"

data="$SHARED/data/article-extraction"
if [ ! -x "$SHARED/tools/score-extraction" ] || [ ! -d "$data/html" ]; then
  echo "test-extraction: skipped: $data not found (a user's checkout)"
  echo "$NAME: 0 passed, 0 failed"; exit 0
fi
run extract --jsonl "$data/html"; expect_status 0 "extract the 181 benchmark pages"
check "one line per page" test "$(wc -l < "$T/out")" -eq 181
"$SHARED/tools/score-extraction" "$T/out" --worst 5 > "$T/score"; status=$?
expect_status 0 "scorer reads the output"
f1=$(sed -n 's/^extraction F1: \([0-9.]*\) .*/\1/p' "$T/score")
want=$(grep -v '^#' "$ROOT/tests/data/extraction-f1.txt" | head -1)
if atleast "$f1" "$(python3 -c "print($want - 0.005)")"; then ok; else fail "extraction F1 $f1 is more than 0.005 below the recorded $want"; cat "$T/score" >&2; fi
echo "test-extraction: $(tail -1 "$T/score")"
done_tests
