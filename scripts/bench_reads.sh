#!/usr/bin/env bash
# The read side at scale (issue 26): on generated corpora of each SIZE, in the generator's
# default mode (every document with claims of its own) and in its syndicated mode (stories and
# statements recurring across documents with heavy-tailed frequencies, as wire copy does),
# prints the wall time and peak RSS (/usr/bin/time) of
#   the build summary, rank --metric pagerank, rank --metric betweenness --sample 64,
#   export --top 50 -o net.svg, brief, and also export (svg without --top, csv, graphml),
#   show and path on the most central actors, communities, check
# with the store's quads per document and the build itself (when the script builds the store).
#
#   scripts/bench_reads.sh [SIZE...]        default: 20000 100000
#
# Environment: DOSSIER_BENCH_DIR (work folder, default /tmp/dossier-bench-reads; a store is
# reused when STORE/.complete exists, so the reads of two commits can be compared on the same
# stores), DOSSIER_BENCH_BIN (the dossier binary to measure, default this checkout's release
# build), DOSSIER_BENCH_TIMEOUT (seconds allowed to each read, default 600; slower ones print
# "> N s"), DOSSIER_BENCH_MODES (default "default syndicated"), DOSSIER_BENCH_BARS_ONLY (set:
# only the five reads of the bars).
# Bars (BENCHMARKS.md): each of the first five reads under 15 s at 20k and 60 s at 100k, with a
# peak RSS under 1 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dossier/target}"
work="${DOSSIER_BENCH_DIR:-/tmp/dossier-bench-reads}"
limit="${DOSSIER_BENCH_TIMEOUT:-600}"
read -r -a modes <<<"${DOSSIER_BENCH_MODES:-default syndicated}"
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(20000 100000)
mkdir -p "$work"
[ -n "${DOSSIER_BENCH_BIN:-}" ] || cargo build --release --quiet --bin dossier --example gen_corpus
dossier="${DOSSIER_BENCH_BIN:-$CARGO_TARGET_DIR/release/dossier}"
gen="$CARGO_TARGET_DIR/release/examples/gen_corpus"

# Runs a command with the time limit under /usr/bin/time; prints "SECONDS s (CPU s), peak RSS
# MB MiB" (the CPU seconds, user + system, are the steadier figure on a shared machine),
# or "> LIMIT s" when it ran out of time or failed (with its exit code).
measure() {
  local log status
  log=$(mktemp)
  set +e
  timeout "$limit" /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >"$work/last.out" 2>"$log.err"
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    tail -1 "$log" | awk '{ printf "%.2f s (CPU %.2f s), peak RSS %.0f MiB\n", $1, $2 + $3, $4 / 1024 }'
  else
    echo "> $limit s or failed (exit $status: $(tail -c 200 "$log.err" | tr '\n' ' '))"
  fi
  rm -f "$log" "$log.err"
}

bench() {
  local mode=$1 n=$2 docs store flag=""
  [ "$mode" = syndicated ] && flag="--syndicated"
  docs="$work/corpus-$mode-$n"
  store="$work/store-$mode-$n"
  if [ ! -f "$docs/.complete" ]; then
    rm -rf "$docs"
    "$gen" --docs "$n" --seed "$n" $flag -o "$docs" >/dev/null 2>&1
    touch "$docs/.complete"
  fi
  echo "## $n documents, $mode mode ($(du -sm "$docs/" | cut -f1) MB of files)"
  echo
  if [ ! -f "$store/.complete" ]; then
    rm -rf "$store"
    echo "build -q: $(measure "$dossier" build -q --store "$store" "$docs")"
    touch "$store/.complete"
  fi
  local top out="$work/out-$mode-$n"
  rm -rf "$out"
  mkdir -p "$out"
  # A store built before the network's index gets it from its next build (once, measured apart).
  if [ "$("$dossier" query --store "$store" --format csv 'ASK { GRAPH <https://w3id.org/dossier/id/graph/network> { ?s <https://w3id.org/dossier/ontology#networkIndex> ?v } }' | tr -d '\r' | tail -1)" != "true" ]; then
    echo "index of a store built without it (a build that adds nothing): $(measure "$dossier" build -q --store "$store" "$docs/0000000.txt")"
  fi
  # The summary a build prints: a build of one document the store already holds.
  echo "build summary: $(measure "$dossier" build --store "$store" "$docs/0000000.txt")"
  # Every quad stored, the network's index included (counted apart: the summary counts up to
  # two million, a full count is a scan of the store).
  local quads index
  quads=$("$dossier" query --store "$store" --format csv \
    'SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }' | sed -n 2p | tr -d '\r')
  index=$("$dossier" query --store "$store" --format csv \
    'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/dossier/id/graph/network> { ?s ?p ?o } }' | sed -n 2p | tr -d '\r')
  awk -v q="${quads:-0}" -v i="${index:-0}" -v n="$n" \
    'BEGIN { printf "store: %d quads, %.1f per document (%d of them the network index)\n", q, q / n, i }'
  echo "rank --metric pagerank: $(measure "$dossier" rank --metric pagerank --top 10 --store "$store")"
  echo "rank --metric betweenness --sample 64: $(measure "$dossier" rank --metric betweenness --sample 64 --top 10 --store "$store")"
  echo "export --top 50 -o net.svg: $(measure "$dossier" export --top 50 -o "$out/net.svg" --store "$store")"
  echo "brief: $(measure "$dossier" brief -o "$out/briefing.html" --store "$store") ($(du -k "$out/briefing.html" | cut -f1) kB)"
  if [ -n "${DOSSIER_BENCH_BARS_ONLY:-}" ]; then
    echo
    return
  fi
  echo "export -o all.svg (default top): $(measure "$dossier" export -o "$out/all.svg" --store "$store")"
  echo "export --format graphml: $(measure "$dossier" export --format graphml -o "$out/net.graphml" --store "$store")"
  echo "export --format csv: $(measure "$dossier" export --format csv -o "$out/tables" --store "$store")"
  echo "communities: $(measure "$dossier" communities --store "$store")"
  top=$("$dossier" rank --metric pagerank --top 2 --format csv --store "$store" | tail -n +2 | cut -d, -f3)
  local first second
  first=$(sed -n 1p <<<"$top")
  second=$(sed -n 2p <<<"$top")
  echo "show \"$first\": $(measure "$dossier" show "$first" --store "$store")"
  echo "path \"$first\" \"$second\": $(measure "$dossier" path "$first" "$second" --store "$store")"
  echo "check: $(measure "$dossier" check --store "$store")"
  echo
}

echo "# dossier reads bench, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), binary $dossier"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
  "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo
for n in "${sizes[@]}"; do
  for mode in "${modes[@]}"; do
    bench "$mode" "$n" | tee "$work/reads-$mode-$n.txt"
  done
done
