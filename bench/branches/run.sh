#!/usr/bin/env bash
# `migcheck heads --all-branches` on a 5,000-revision Alembic project with 200
# unmerged branches (each adding one revision on main's head), beside the real
# `alembic heads` on one branch's checkout; five runs each, median wall and
# CPU time, as a Markdown table for docs/BENCHMARKS.md.
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

# measure LABEL COMMAND...: a table row with the median wall time and the
# median CPU time (user + system) of `runs` runs. On a busy machine the wall
# time grows with the load; the CPU time does not.
measure() {
  local label=$1
  shift
  local walls=() cpus=()
  for ((i = 0; i < runs; i++)); do
    local times
    # heads exits 1 when the branches do conflict, as they do here.
    /usr/bin/time -o "$work/time" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    times=$(tail -n 1 "$work/time")
    walls+=("$(awk '{ print $1 }' <<<"$times")")
    cpus+=("$(awk '{ printf "%.2f", $2 + $3 }' <<<"$times")")
  done
  local mid=$(( (runs + 1) / 2 ))
  printf '| %s | %s | %s |\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")"
}

{ "$migcheck" heads --all-branches --project "$repo" || true; } | head -n 1 >&2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| command | median wall (s) | median CPU (s) |"
echo "|---|---|---|"
measure "migcheck heads --all-branches (200 branches, 5,000 revisions)" \
  "$migcheck" heads --all-branches --project "$repo"
measure "migcheck heads (one branch's checkout)" "$migcheck" heads --project "$checkout"
measure "alembic heads (one branch's checkout)" \
  bash -c "cd '$checkout' && exec /usr/bin/python3 -m alembic heads"
