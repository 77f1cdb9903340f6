#!/usr/bin/env bash
# Real-world regression harness: migcheck on the public projects pinned in
# bench/real/projects.toml; writes docs/REAL_WORLD.md.
#   Usage: bench/real/run.sh [path/to/migcheck] [project...]
# The projects come from snapshots (MIGCHECK_REAL_MIRROR, default ../.mirror beside
# the repository, one bare git directory per owner+name), else from a git clone;
# their pinned folders are copied into bench/real/.cache/, which git ignores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migcheck=${1:-$here/../../build/migcheck}
shift || true
exec /usr/bin/python3 "$here/harness.py" "$migcheck" "$@"
