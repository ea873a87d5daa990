#!/usr/bin/env bash
# End-to-end benchmark of dossier on generated corpora. Prints, for each size:
#   - extraction throughput (MB/s, docs/s; one thread and all threads)    examples/throughput.rs
#   - `dossier build` into a fresh RocksDB store: wall time, peak RSS, store size on disk
#   - the same graph exported as N-Quads and loaded by Oxigraph's own bulk loader into a fresh
#     store (examples/bulk_load.rs): the floor the build is compared with
#   - the time of each examples/queries/*.rq and of `rank` (pagerank, betweenness --sample)
#   - adding 1,000 new documents to the store; at sizes up to $DOSSIER_BENCH_EQUAL_MAX (default
#     10000) also a full rebuild of both corpora, whose export must be identical
#
#   scripts/bench.sh [SIZE...]        default: 1000 10000 100000
#
# Environment: DOSSIER_BENCH_DIR (work folder, default /tmp/dossier-bench; needs about 60 GB at
# 100k: store, its N-Quads and the bulk-loaded copy), DOSSIER_BENCH_TIMEOUT (seconds allowed to
# each query and rank, default 600; slower ones print "> N s"), DOSSIER_BENCH_EQUAL_MAX.
# Figures go to stdout and to $DOSSIER_BENCH_DIR/bench-SIZE.txt; BENCHMARKS.md quotes them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/dev.sh setup
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dossier/target}"
work="${DOSSIER_BENCH_DIR:-/tmp/dossier-bench}"
limit="${DOSSIER_BENCH_TIMEOUT:-600}"
equal_max="${DOSSIER_BENCH_EQUAL_MAX:-10000}"
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(1000 10000 100000)
mkdir -p "$work"

cargo build --release --quiet --bin dossier --example gen_corpus --example throughput --example bulk_load
bin="$CARGO_TARGET_DIR/release"
dossier="$bin/dossier"

# Runs a command under /usr/bin/time; prints "SECONDS RSS_MB" of it on fd 3.
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@"
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$log" >&3
  rm -f "$log"
}

# Runs a command with the time limit; prints its wall time, or "> LIMIT s".
timed() {
  local start end
  start=$(date +%s.%N)
  if timeout "$limit" "$@" >/dev/null 2>&1; then
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f s", b - a }'
  else
    printf "> %s s (or failed)" "$limit"
  fi
}

# Prints the table of seconds per commit that `build --timings` wrote to the log LOG.
commit_timings() {
  grep -E '^ *(commit|[0-9]+) ' "$1" || true
}

corpus() { # SIZE SEED -> folder
  local dir="$work/corpus-$1-$2"
  [ -f "$dir/.complete" ] || {
    rm -rf "$dir"
    "$bin/examples/gen_corpus" --docs "$1" --seed "$2" -o "$dir" >/dev/null
    touch "$dir/.complete"
  }
  echo "$dir"
}

bench() {
  local n=$1 docs extra store
  docs=$(corpus "$n" "$n")
  extra=$(corpus 1000 $((n + 1)))
  store="$work/store-$n"
  echo "## $n documents ($(du -sm "$docs" | cut -f1) MB of files)"
  echo
  echo "### Extraction (documents in memory; no store)"
  if [ "$n" -ge 100000 ]; then "$bin/examples/throughput" --extract-only "$docs"; else "$bin/examples/throughput" "$docs"; fi
  echo
  rm -rf "$store"
  local build_s build_rss
  read -r build_s build_rss < <(measure "$dossier" build -q --timings --store "$store" "$docs" 3>&1 >/dev/null 2>"$work/build-$n.log")
  echo "### Build into RocksDB"
  echo "build: $build_s s, peak RSS $build_rss MB, store $(du -sm "$store" | cut -f1) MB on disk"
  echo "seconds per commit (build --timings):"
  commit_timings "$work/build-$n.log"
  local nq="$work/graph-$n.nq" export_s export_rss load_s load_rss
  read -r export_s export_rss < <(measure "$dossier" export --format nquads -o "$nq" --store "$store" 3>&1 >/dev/null 2>&1)
  echo "export: $export_s s, peak RSS $export_rss MB, $(du -sm "$nq" | cut -f1) MB of N-Quads"
  rm -rf "$work/bulk-$n"
  read -r load_s load_rss < <(measure "$bin/examples/bulk_load" "$nq" "$work/bulk-$n" 3>&1 >/dev/null 2>&1)
  echo "Oxigraph bulk_load of that N-Quads: $load_s s, peak RSS $load_rss MB, store $(du -sm "$work/bulk-$n" | cut -f1) MB"
  awk -v b="$build_s" -v l="$load_s" 'BEGIN { printf "build / bulk_load: %.2f\n", b / l }'
  rm -rf "$nq" "$work/bulk-$n"
  echo
  echo "### Queries and ranking on the store (limit $limit s each)"
  for query in examples/queries/*.rq; do
    echo "$(basename "$query"): $(timed "$dossier" query -f "$query" --format csv --store "$store")"
  done
  echo "rank --metric pagerank: $(timed "$dossier" rank --metric pagerank --top 10 --store "$store")"
  echo "rank --metric betweenness --sample 64: $(timed "$dossier" rank --metric betweenness --sample 64 --top 10 --store "$store")"
  echo
  echo "### Incremental: 1,000 new documents into the store"
  local add_s add_rss
  read -r add_s add_rss < <(measure "$dossier" build -q --timings --store "$store" "$extra" 3>&1 >/dev/null 2>"$work/add-$n.log")
  echo "add 1000: $add_s s, peak RSS $add_rss MB"
  commit_timings "$work/add-$n.log"
  awk -v a="$add_s" -v b="$build_s" 'BEGIN { printf "add 1000 / full build of %s: %.1f%%\n", "'"$n"'", 100 * a / b }'
  if [ "$n" -le "$equal_max" ]; then
    local full="$work/full-$n" incremental_sum full_sum
    rm -rf "$full"
    "$dossier" build -q --store "$full" "$docs" "$extra" 2>/dev/null
    incremental_sum=$("$dossier" export --format nquads --store "$store" | sha256sum | cut -c1-16)
    full_sum=$("$dossier" export --format nquads --store "$full" | sha256sum | cut -c1-16)
    if [ "$incremental_sum" = "$full_sum" ]; then
      echo "incremental store equals a full rebuild (N-Quads sha256 $incremental_sum)"
    else
      echo "DIFFERENT: incremental $incremental_sum, full rebuild $full_sum"
    fi
    rm -rf "$full"
  fi
  echo
}

echo "# dossier bench, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
  "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo
for n in "${sizes[@]}"; do
  bench "$n" | tee "$work/bench-$n.txt"
done
