#!/usr/bin/env bash
# migcheck's main job on the bundled examples. Findings are the point of the
# demo, so their exit status 1 does not fail `make demo`; anything else does.
set -uo pipefail
migcheck=${1:-build/migcheck}
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() {
  step "migcheck ${*}"
  "$migcheck" "$@"
  local status=$?
  ((status <= 1)) || { echo "demo: migcheck exited with $status" >&2; exit "$status"; }
}

run lint examples/sql
