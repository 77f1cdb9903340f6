#!/usr/bin/env bash
# Times `migcheck heads` against `alembic heads` on one generated 5,000-revision
# Alembic project (bench/revisions/generate.py), a few runs each, with bash's
# `time` in milliseconds (hyperfine is not assumed); and the floor under
# migcheck on this machine: starting the binary (loading its shared
# libraries) and reading the revision files with nothing else
# (bench/revisions/read_floor.cpp, built here with c++), on one and two threads.
#
# usage: bench/revisions/run.sh [MIGCHECK_BINARY] [REVISIONS] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migcheck=$(realpath "${1:-$here/../../build/migcheck}")  # the script changes directory
revisions=${2:-5000}
runs=${3:-5}
python=/usr/bin/python3   # the interpreter that has alembic (not pyenv's python3)

project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
"$python" "$here/generate.py" "$project" "$revisions"

# time_runs LABEL COMMAND...: runs the command $runs times in the project and
# prints the best and mean wall time and the best CPU time (user + system),
# which a busy machine disturbs less than wall time.
time_runs() {
  local label=$1
  shift
  local samples
  samples=$(mktemp)
  local TIMEFORMAT='%3R %3U %3S'
  for ((i = 0; i < runs; i++)); do
    { time (cd "$project" && "$@" >/dev/null 2>&1 || true); } 2>>"$samples"
  done
  awk -v label="$label" '
    { wall = $1; cpu = $2 + $3; sum += wall
      if (NR == 1 || wall < best) best = wall
      if (NR == 1 || cpu < best_cpu) best_cpu = cpu }
    END { printf "%-24s wall best %.3f s, mean %.3f s; CPU best %.3f s (%d runs)\n",
                 label, best, sum / NR, best_cpu, NR }' "$samples"
  rm -f "$samples"
}

echo "project: $revisions revisions (+ side branches) in $project"
echo "heads agree: $(cd "$project" && "$migcheck" heads) / $(cd "$project" && "$python" -m alembic heads 2>/dev/null)"
time_runs "migcheck heads" "$migcheck" heads
time_runs "floor: start (--version)" "$migcheck" --version
c++ -O2 -std=c++20 -pthread -o "$project/read_floor" "$here/read_floor.cpp"
time_runs "floor: read, 1 thread" "$project/read_floor" migrations/versions 1
time_runs "floor: read, 2 threads" "$project/read_floor" migrations/versions 2
time_runs "alembic heads" "$python" -m alembic heads
# A fresh CI checkout has no compiled revision modules: Alembic compiles all.
time_runs "alembic (cold)" sh -c 'rm -rf migrations/versions/__pycache__ && exec "$0" -m alembic heads' "$python"
