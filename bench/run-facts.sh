#!/bin/sh
# The extract stage alone on the bench corpus: one part file (1/8 of the
# corpus) and the whole corpus; CPU MB/s of cleaned text for the stage and
# peak RSS of the process (which must not grow with the corpus).
# Usage: bench/run-facts.sh /abs/path/build/bench-facts
set -eu
bin=${1:?usage: run-facts.sh BENCH-FACTS-BINARY}
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/out/corpus"
[ -d "$corpus" ] || python3 "$here/gen-corpus.py"
command -v /usr/bin/time >/dev/null 2>&1 || apt-get install -y -qq time >/dev/null 2>&1 || true
first=$(ls "$corpus"/*.jsonl | head -1)
echo "extract stage (bench/bench-facts.c):"
for what in eighth full; do
  if [ "$what" = eighth ]; then set -- "$first"; else set -- "$corpus"/*.jsonl; fi
  printf '  %-6s ' "$what"
  /usr/bin/time -f "peak RSS %M KB, %e s wall" taskset -c 0 "$bin" "$@" 2> "$here/out/facts-$what.time"
  printf '         %s\n' "$(tail -1 "$here/out/facts-$what.time")"
done
