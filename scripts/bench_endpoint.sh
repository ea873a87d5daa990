#!/usr/bin/env bash
# Figures of the serving side (BENCHMARKS.md, "Endpoint and push"): the latency of every
# example query through `dossier serve` (median and worst of RUNS requests with curl over
# loopback), then the throughput of `dossier push` into a throwaway Virtuoso on loopback.
#
#   scripts/bench_endpoint.sh seeds        the seed store
#   scripts/bench_endpoint.sh N [SEED]     a generated corpus of N documents (examples/gen_corpus.rs)
#
# Needs what scripts/dev.sh installs (curl, Virtuoso). Work files go to $BENCH_DIR
# (default /tmp/dossier-bench). RUNS (default 20) requests per query.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dossier/target}"
cargo build --release --quiet --bin dossier --example gen_corpus
bin="$CARGO_TARGET_DIR/release/dossier"
work="${BENCH_DIR:-/tmp/dossier-bench}/endpoint"
runs="${RUNS:-20}"
mkdir -p "$work"

what="${1:-seeds}"
store="$work/store-$what.db"
if [ ! -d "$store" ]; then
  if [ "$what" = seeds ]; then
    corpus=seeds
  else
    corpus="$work/corpus-$what"
    [ -d "$corpus" ] || "$CARGO_TARGET_DIR/release/examples/gen_corpus" --docs "$what" --seed "${2:-1}" -o "$corpus"
  fi
  "$bin" build "$corpus" --store "$store" --quiet
  "$bin" rank --from 2021-07-01 --to 2021-10-31 --write --store "$store" >/dev/null
fi
quads=$("$bin" query 'SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }' --format tsv --store "$store" | tail -1 | cut -d'"' -f2)
echo "store: $what, $quads quads; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

port=$(free_port)
"$bin" serve --store "$store" --bind "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/sparql" && break; sleep 0.1; done

echo
echo "query latency through dossier serve ($runs requests each, JSON results, one client):"
printf '%-24s %8s %10s %10s\n' query rows median_ms max_ms
for file in examples/queries/*.rq; do
  name=$(basename "$file" .rq)
  rows=$(curl -s -H 'Accept: text/csv' --data-urlencode "query@$file" "http://127.0.0.1:$port/sparql" | tail -n +2 | wc -l)
  times=$(for _ in $(seq "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H 'Accept: application/sparql-results+json' \
      --data-urlencode "query@$file" "http://127.0.0.1:$port/sparql"
  done | sort -n)
  median=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')
  max=$(echo "$times" | tail -1 | awk '{print $1*1000}')
  printf '%-24s %8s %10.1f %10.1f\n' "$name" "$rows" "$median" "$max"
done
kill $server; wait $server 2>/dev/null || true

echo
virtuoso="$work/virtuoso"
rm -rf "$virtuoso"
http=$(free_port); sql=$(free_port)
scripts/virtuoso.sh start "$virtuoso" "$http" "$sql" >/dev/null
trap 'scripts/virtuoso.sh stop "$virtuoso" >/dev/null 2>&1 || true' EXIT
echo "push into Virtuoso ($({ virtuoso-t -? 2>&1 || true; } | grep -m1 -o 'Version [0-9.]*')) on loopback:"
"$bin" push --store "$store" --endpoint "http://127.0.0.1:$http/sparql-graph-crud-basic" \
  --graph https://w3id.org/dossier/id/graph/bench --auth dossier:dossier --restart --state "$work/push.json" 2>&1 | tail -1
scripts/virtuoso.sh stop "$virtuoso" >/dev/null
