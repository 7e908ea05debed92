#!/usr/bin/env bash
# Extraction benchmark: recoupe's article extraction side by side with two
# peers, Mozilla Readability (node, on jsdom and on linkedom) and
# readability-lxml (Debian python3-readability), on the same 181 saved pages
# of shared/data/article-extraction/html/, one core each (taskset -c 0).
# Prints pages/s, MB/s of HTML, peak RSS and extraction F1 per tool, and
# recoupe's speed ratio to each peer. See bench/README.md.
#
#   bench/run-extract.sh [--runs N] [--peers-only] [--no-jsdom] /abs/path/to/recoupe
#
#   --runs N      timed runs per tool (default 3); the table shows the best
#                 (fastest) wall time (and its cpu seconds) and the median;
#                 peak RSS is the largest of the N runs
#   --peers-only  do not run recoupe
#   --no-jsdom    skip Readability on jsdom (the slowest peer, ~30 s a run)
#
# Installs what the peers need when missing: GNU time and python3-readability
# (apt-get), and bench/node_modules from bench/package-lock.json (npm ci).
# recoupe is skipped with a note when its `extract` command does not exist.
# Outputs go to bench/out/extract/ (git-ignored). Exit status: 0 when every
# run succeeded, 1 when one failed, 2 on usage errors.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=$here/out/extract
pages=$here/out/pages
data=${RECOUPE_EXTRACT_DATA:-$root/../shared/data/article-extraction}
scorer=${RECOUPE_EXTRACT_SCORER:-$root/../shared/tools/score-extraction}
runs=3
peers_only=0
jsdom=1
bin=
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?}; shift ;;
        --peers-only) peers_only=1 ;;
        --no-jsdom) jsdom=0 ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run-extract: unknown option $1" >&2; exit 2 ;;
        *) bin=$1 ;;
    esac
    shift
done
if [ -z "$bin" ] && [ $peers_only = 0 ]; then
    echo "usage: $0 [--runs N] [--peers-only] [--no-jsdom] /abs/path/to/recoupe" >&2
    exit 2
fi
case $runs in ''|*[!0-9]*|0) echo "run-extract: --runs wants a positive number" >&2; exit 2 ;; esac
if [ -n "$bin" ]; then
    case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
fi
if [ ! -d "$data/html" ]; then
    echo "run-extract: no pages in $data/html (set RECOUPE_EXTRACT_DATA)" >&2
    exit 2
fi

# --- 0. The peers' software (the bench installs its peers; `make deps` does not).
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    echo "run-extract: installing $* (apt-get)" >&2
    $sudo apt-get install -y -q "$@" >/dev/null 2>&1 \
        || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$@" >/dev/null; }
}
[ -x /usr/bin/time ] || apt_install time
command -v taskset >/dev/null || apt_install util-linux
# Debian's interpreter on purpose: a pyenv python3 on PATH cannot see
# Debian's python3-readability.
pyd=/usr/bin/python3
[ -x $pyd ] || apt_install python3
$pyd -c 'import readability, lxml.html' 2>/dev/null || apt_install python3-readability
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "run-extract: node and npm are needed for Readability.js (apt-get install nodejs npm)" >&2
    exit 2
fi
if [ ! -f "$here/node_modules/.package-lock.json" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    echo "run-extract: installing bench/node_modules (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# --- 1. The pages, decompressed once (every tool reads the same plain .html).
shopt -s nullglob
gz=("$data"/html/*.html.gz)
mkdir -p "$pages" "$out"
have=("$pages"/*.html)
if [ ${#have[@]} != ${#gz[@]} ]; then
    echo "run-extract: decompressing ${#gz[@]} pages into $pages" >&2
    rm -f "$pages"/*.html
    for f in "${gz[@]}"; do
        b=$(basename "$f" .gz)
        gzip -dc "$f" > "$pages/$b.tmp" && mv "$pages/$b.tmp" "$pages/$b"
    done
fi
html=("$pages"/*.html)
npages=${#html[@]}
bytes=$(cat "${html[@]}" | wc -c)
biggest=$(stat -c %s "${html[@]}" | sort -n | tail -n 1)

# --- 2. The tools. name|command (run in bench/, output to stdout).
tools=()
recoupe_note=
if [ $peers_only = 0 ]; then
    if [ ! -x "$bin" ]; then
        recoupe_note="recoupe skipped: $bin is not an executable (build it first: make)"
    elif ! "$bin" help extract >/dev/null 2>&1; then
        recoupe_note="recoupe skipped: '$bin extract' does not exist yet (command: recoupe extract --jsonl $pages)"
    else
        tools+=("recoupe|$bin extract --jsonl $pages")
    fi
fi
[ $jsdom = 1 ] && tools+=("readability-jsdom|node $here/readability-extract.mjs --dom jsdom $pages")
tools+=("readability-linkedom|node $here/readability-extract.mjs --dom linkedom $pages")
tools+=("readability-lxml|$pyd $here/readability_lxml_extract.py $pages")
[ -n "$recoupe_note" ] && echo "run-extract: $recoupe_note" >&2

cat "${html[@]}" > /dev/null  # warm the page cache: measure the tools, not the disk

failed=0
rows=()
for t in "${tools[@]}"; do
    name=${t%%|*}
    cmd=${t#*|}
    walls=()
    rss=0 cpu=0 rc=0 bestw=
    for i in $(seq 1 "$runs"); do
        echo "run-extract: $name run $i/$runs ..." >&2
        tv=$out/time-$name-$i.txt
        rc=0
        # shellcheck disable=SC2086
        (cd "$here" && /usr/bin/time -v -o "$tv" taskset -c 0 $cmd \
            > "$out/$name.jsonl" 2> "$out/$name.log") || rc=$?
        if [ $rc != 0 ]; then
            failed=1
            echo "run-extract: $name exited with status $rc; last lines of $out/$name.log:" >&2
            tail -n 10 "$out/$name.log" >&2
            break
        fi
        read -r w c r < <(awk '
            /Elapsed \(wall clock\) time/ {
                t = $NF; m = split(t, p, ":"); s = 0
                for (i = 1; i <= m; i++) s = s * 60 + p[i]
            }
            /User time \(seconds\)/   { u = $NF }
            /System time \(seconds\)/ { sy = $NF }
            /Maximum resident set size/ { rss = $NF }
            END { printf "%.3f %.2f %d\n", s, u + sy, rss }' "$tv")
        walls+=("$w")
        [ "$r" -gt "$rss" ] && rss=$r
        # cpu seconds of the fastest run
        if [ -z "$bestw" ] || awk -v a="$w" -v b="$bestw" 'BEGIN { exit !(a < b) }'; then
            bestw=$w cpu=$c
        fi
    done
    [ $rc != 0 ] && { rows+=("$name - - - - - - - - - - $rc"); continue; }
    lines=$(grep -c '"id"' "$out/$name.jsonl" || true)
    score=$("$scorer" "$out/$name.jsonl" 2>/dev/null | grep -m1 'extraction F1' || true)
    f1=$(sed -n 's/.*F1: \([0-9.]*\).*/\1/p' <<<"$score")
    pr=$(sed -n 's/.*precision: \([0-9.]*\).*/\1/p' <<<"$score")
    re=$(sed -n 's/.*recall: \([0-9.]*\).*/\1/p' <<<"$score")
    best=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
    med=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    rows+=("$(awk -v n="$name" -v p="$npages" -v l="$lines" -v b="$bytes" -v best="$best" -v med="$med" \
        -v cpu="$cpu" -v rss="$rss" -v f1="${f1:--}" -v pr="${pr:--}" -v re="${re:--}" -v rc="$rc" 'BEGIN {
        if (best <= 0) best = 0.001
        printf "%s %d %.2f %.2f %.1f %.2f %.1f %.1f %s %s %s %d\n",
               n, l, best, med, p / best, b / 1e6 / best, rss / 1024, cpu, f1, pr, re, rc }')")
done

# --- 3. The table.
cpuname=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)
{
echo
echo "extraction benchmark — $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "host:  ${cpuname:-unknown cpu}, $(nproc) cpu(s); every tool on one core (taskset -c 0)"
echo "pages: $npages in $pages ($(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of HTML, largest $(awk -v b="$biggest" 'BEGIN{printf "%.2f", b/1e6}') MB)"
echo "runs:  $runs per tool; seconds = best (fastest) wall time, median beside it; peak RSS = largest of the runs"
echo
printf '| %-20s | %5s | %7s | %7s | %7s | %6s | %11s | %6s | %5s | %9s | %6s | %4s |\n' \
    tool pages "best s" "median" pages/s MB/s "peak RSS MB" "cpu s" F1 precision recall exit
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------------------- ------- --------- --------- \
    --------- -------- ------------- -------- ------- ----------- -------- ------
for r in "${rows[@]}"; do
    # shellcheck disable=SC2086
    set -- $r
    printf '| %-20s | %5s | %7s | %7s | %7s | %6s | %11s | %6s | %5s | %9s | %6s | %4s |\n' "$@"
done
[ -n "$recoupe_note" ] && printf '| %-20s | %s |\n' recoupe "$recoupe_note"
echo
# Ratios and targets (bench/README.md): recoupe >= 10x the pages/s of every
# peer; peak RSS bounded per page, not per corpus: < 64 MiB here.
rrow=
for r in "${rows[@]}"; do
    case $r in "recoupe "*) rrow=$r ;; esac
done
if [ -n "$rrow" ]; then
    # shellcheck disable=SC2086
    set -- $rrow
    rps=$5 rrss=$7
    if [ "$rps" != - ]; then
        for r in "${rows[@]}"; do
            # shellcheck disable=SC2086
            set -- $r
            [ "$1" = recoupe ] && continue
            [ "$5" = - ] && continue
            awk -v n="$1" -v a="$rps" -v b="$5" 'BEGIN {
                x = a / b
                printf "target  recoupe / %-20s pages/s: %7.1fx  %s\n", n, x, (x >= 10 ? "PASS (>= 10x)" : "FAIL (< 10x)") }'
        done
        awk -v r="$rrss" 'BEGIN { printf "target  recoupe peak RSS < 64 MiB:             %7.1f MiB %s\n", r, (r < 64 ? "PASS" : "FAIL") }'
    fi
fi
echo "(MB = 10^6 bytes of decompressed HTML; peak RSS in MiB from /usr/bin/time -v;"
echo " F1/precision/recall from score-extraction; outputs and logs in $out/)"
} | tee "$out/results.txt"
exit $failed
