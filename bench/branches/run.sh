#!/usr/bin/env bash
# `migcheck heads --all-branches` on a 5,000-revision Alembic project with 200
# unmerged branches (each adding one revision on main's head), beside the real
# `alembic heads` on one branch's checkout; five runs each, median wall time,
# as a Markdown table for docs/BENCHMARKS.md.
#   Usage: bench/branches/run.sh [path/to/migcheck]   (a Release build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migcheck=$(realpath "${1:-$here/../../build/migcheck}")
work=${MIGCHECK_BENCH_DIR:-${TMPDIR:-/tmp}/migcheck-bench-branches}
repo=$work/repo
checkout=$work/checkout
runs=5

if [[ ! -d $repo/.git ]]; then
  python3 "$here/generate.py" "$repo" --revisions 5000 --branches 200
fi
if [[ ! -d $checkout ]]; then
  git -C "$repo" worktree add -q "$checkout" feature/000
fi

# median_ms COMMAND...: the median wall time of `runs` runs, in milliseconds.
median_ms() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true  # heads exits 1: the branches do conflict
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

row() {
  local ms=$1 label=$2
  printf '| %s | %d.%03d |\n' "$label" $((ms / 1000)) $((ms % 1000))
}

"$migcheck" heads --all-branches --project "$repo" | head -n 1 >&2
echo "| command | median wall (s) |"
echo "|---|---|"
row "$(median_ms "$migcheck" heads --all-branches --project "$repo")" \
  "migcheck heads --all-branches (200 branches, 5,000 revisions)"
row "$(median_ms "$migcheck" heads --project "$checkout")" \
  "migcheck heads (one branch's checkout)"
row "$(median_ms bash -c "cd '$checkout' && /usr/bin/python3 -m alembic heads")" \
  "alembic heads (one branch's checkout)"
