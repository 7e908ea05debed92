#!/bin/sh
# Run every tests/e2e/test-*.sh against $RECOUPE and print the tally.
cd "$(dirname "$0")" || exit 2
pass=0; fail=0; bad=""
for t in test-*.sh; do
  out=$(bash "$t" 2>&1); rc=$?
  printf '%s\n' "$out"
  line=$(printf '%s\n' "$out" | tail -1)
  p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
  f=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ "$rc" -ne 0 ]; then bad="$bad $t"; [ "${f:-0}" -eq 0 ] && fail=$((fail + 1)); fi
done
echo "e2e: $pass passed, $fail failed"
[ -n "${RC_TALLY:-}" ] && echo "$pass $fail" >> "$RC_TALLY"
[ -z "$bad" ]
