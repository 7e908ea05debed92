#!/bin/sh
# Near-duplicate detection, then event clustering, alone (bench/bench-cluster.c) on generated
# articles (bench/gencorpus.c): the first 100,000 and all 1,000,000
# articles of one corpus spread over a year, so both runs have the same
# articles per day. Prints articles/s per core of the stage and the
# process's peak RSS, which must stay about the same (bounded by the time
# window, not the corpus).
# Usage: bench/run-cluster.sh /abs/path/build/bench-cluster [TOTAL]
set -eu
bin=${1:?usage: run-cluster.sh BENCH-CLUSTER-BINARY [TOTAL]}
total=${2:-1000000}
tenth=$((total / 10))
echo "near-duplicate detection (bench/bench-cluster.c, corpus of $total articles):"
for count in "$tenth" "$total"; do
  printf '  %8s  ' "$count"
  taskset -c 0 "$bin" --total "$total" --count "$count" | sed '2s/^/            /'
done
echo "event clustering (bench/bench-cluster.c --events: rc_evfeat_build + rc_evclust_add timed):"
for count in "$tenth" "$total"; do
  printf '  %8s  ' "$count"
  taskset -c 0 "$bin" --events --total "$total" --count "$count" | sed '2s/^/            /'
done
