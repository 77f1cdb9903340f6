#!/bin/sh
# Times `migcheck heads` against `alembic heads` on one generated 5,000-revision
# Alembic project (bench/revisions/generate.py), a few runs each, with
# /usr/bin/time (hyperfine is not assumed).
#
# usage: bench/revisions/run.sh [MIGCHECK_BINARY] [REVISIONS] [RUNS]
set -eu
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
  label=$1
  shift
  samples=$(mktemp)
  i=0
  while [ "$i" -lt "$runs" ]; do
    (cd "$project" && /usr/bin/time -f "%e %U %S" -a -o "$samples" "$@" >/dev/null 2>&1) || true
    i=$((i + 1))
  done
  awk -v label="$label" '
    { wall = $1; cpu = $2 + $3; sum += wall
      if (NR == 1 || wall < best) best = wall
      if (NR == 1 || cpu < best_cpu) best_cpu = cpu }
    END { printf "%-16s wall best %.3f s, mean %.3f s; CPU best %.3f s (%d runs)\n",
                 label, best, sum / NR, best_cpu, NR }' "$samples"
  rm -f "$samples"
}

echo "project: $revisions revisions (+ side branches) in $project"
echo "heads agree: $(cd "$project" && "$migcheck" heads) / $(cd "$project" && "$python" -m alembic heads 2>/dev/null)"
time_runs "migcheck heads" "$migcheck" heads
time_runs "alembic heads" "$python" -m alembic heads
# A fresh CI checkout has no compiled revision modules: Alembic compiles all.
time_runs "alembic (cold)" sh -c 'rm -rf migrations/versions/__pycache__ && exec "$0" -m alembic heads' "$python"
