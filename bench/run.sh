#!/usr/bin/env bash
# Lint speed and memory: migcheck beside squawk 2.66.0 on the same corpora,
# nine runs each, the two tools alternating; prints a Markdown table of median
# wall time and median peak RSS for docs/BENCHMARKS.md.   Usage: bench/run.sh [path/to/migcheck]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migcheck=$(realpath "${1:-$here/../build/migcheck}")
build_dir=$(dirname "$migcheck")
corpus=$here/.corpus
squawk=$here/.peers/node_modules/.bin/squawk
runs=9

[[ -f $corpus/big.sql ]] || python3 "$here/gen_corpus.py" "$corpus"
if [[ ! -x $squawk ]]; then
  mkdir -p "$here/.peers"
  (cd "$here/.peers" && npm install --no-audit --no-fund squawk-cli@2.66.0 >/dev/null)
fi
cmake --build "$build_dir" --target split_floor >/dev/null

rss_file=$(mktemp)
trap 'rm -f "$rss_file"' EXIT

# run_once COMMAND...: prints "wall_ms peak_rss_kb" of one run.
run_once() {
  local start end
  start=$(date +%s%N)
  # Findings make both tools exit non-zero: that is not a failure here.
  /usr/bin/time -f '%M' -o "$rss_file" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$rss_file")"
}

# median N...: the middle value.
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

row() {
  local label=$1 corpus_name=$2 wall_ms=$3 rss_kb=$4
  printf '| %s | %s | %d.%03d | %.1f |\n' "$label" "$corpus_name" \
    $((wall_ms / 1000)) $((wall_ms % 1000)) "$(awk -v kb="$rss_kb" 'BEGIN { print kb / 1024 }')"
}

# compare CORPUS_NAME -- MIGCHECK_ARGS... -- SQUAWK_ARGS...: runs the two tools
# alternately, so that a change in the machine's speed during the measurement
# (seen here: 25% within minutes on a shared virtual machine) falls on both
# alike, and prints a row for each.
compare() {
  local corpus_name=$1
  shift 2
  local ours=()
  while [[ $1 != -- ]]; do
    ours+=("$1")
    shift
  done
  shift
  local theirs=("$@")
  local our_walls=() our_rss=() their_walls=() their_rss=() wall rss
  for ((i = 0; i < runs; i++)); do
    read -r wall rss < <(run_once "$migcheck" "${ours[@]}")
    our_walls+=("$wall") our_rss+=("$rss")
    read -r wall rss < <(run_once "$squawk" "${theirs[@]}")
    their_walls+=("$wall") their_rss+=("$rss")
  done
  row migcheck "$corpus_name" "$(median "${our_walls[@]}")" "$(median "${our_rss[@]}")"
  row "squawk 2.66.0" "$corpus_name" "$(median "${their_walls[@]}")" "$(median "${their_rss[@]}")"
}

many=("$corpus"/many/*.sql)
echo "| tool | corpus | median wall (s) | median peak RSS (MB) |"
echo "|---|---|---|---|"
compare "big.sql (20,000 statements)" -- lint --format json "$corpus/big.sql" \
  -- --reporter json "$corpus/big.sql"
compare "many/ (2,000 files x 10)" -- lint --format json "${many[@]}" \
  -- --reporter json "${many[@]}"
echo
echo "Floor (libpg_query alone on big.sql, in-process, one core): $("$build_dir/split_floor" "$corpus/big.sql")"
