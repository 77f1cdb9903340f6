#!/usr/bin/env bash
# Lint speed and memory: migcheck beside squawk 2.66.0 on the same corpora,
# five runs each; prints a Markdown table of median wall time and median peak
# RSS for docs/BENCHMARKS.md.   Usage: bench/run.sh [path/to/migcheck]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migcheck=$(realpath "${1:-$here/../build/migcheck}")
build_dir=$(dirname "$migcheck")
corpus=$here/.corpus
squawk=$here/.peers/node_modules/.bin/squawk
runs=5

[[ -f $corpus/big.sql ]] || python3 "$here/gen_corpus.py" "$corpus"
if [[ ! -x $squawk ]]; then
  mkdir -p "$here/.peers"
  (cd "$here/.peers" && npm install --no-audit --no-fund squawk-cli@2.66.0 >/dev/null)
fi
cmake --build "$build_dir" --target split_floor >/dev/null

rss_file=$(mktemp)
trap 'rm -f "$rss_file"' EXIT

# measure LABEL CORPUS COMMAND...: median wall seconds and peak RSS (MB).
measure() {
  local label=$1 corpus_name=$2
  shift 2
  local walls=() rsses=()
  for ((i = 0; i < runs; i++)); do
    local start end rss
    start=$(date +%s%N)
    # Findings make both tools exit non-zero: that is not a failure here.
    /usr/bin/time -f '%M' -o "$rss_file" "$@" >/dev/null 2>&1 || true
    rss=$(tail -n 1 "$rss_file")
    end=$(date +%s%N)
    walls+=("$(( (end - start) / 1000000 ))")
    rsses+=("$rss")
  done
  local wall_ms rss_kb
  wall_ms=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  rss_kb=$(printf '%s\n' "${rsses[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '| %s | %s | %d.%03d | %.1f |\n' "$label" "$corpus_name" \
    $((wall_ms / 1000)) $((wall_ms % 1000)) "$(awk -v kb="$rss_kb" 'BEGIN { print kb / 1024 }')"
}

many=("$corpus"/many/*.sql)
echo "| tool | corpus | median wall (s) | median peak RSS (MB) |"
echo "|---|---|---|---|"
measure migcheck "big.sql (20,000 statements)" "$migcheck" lint --format json "$corpus/big.sql"
measure "squawk 2.66.0" "big.sql (20,000 statements)" "$squawk" --reporter json "$corpus/big.sql"
measure migcheck "many/ (2,000 files x 10)" "$migcheck" lint --format json "${many[@]}"
measure "squawk 2.66.0" "many/ (2,000 files x 10)" "$squawk" --reporter json "${many[@]}"
echo
echo "Floor (libpg_query alone on big.sql, in-process, one core): $("$build_dir/split_floor" "$corpus/big.sql")"
