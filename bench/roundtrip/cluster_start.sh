#!/bin/sh
# Times the ephemeral cluster's start (warm template) and teardown.
# usage: bench/roundtrip/cluster_start.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
out=$(mktemp /tmp/migcheck-cluster-start-XXXXXX)
trap 'rm -f "$out"' EXIT
c++ -std=c++20 -O2 -I"$here/../.." -I/usr/include/postgresql "$here/cluster_start.cpp" -o "$out" \
  "$build/libmigcheck_runner.a" "$build/libmigcheck_migrations.a" "$build/libmigcheck_linter.a" \
  -lpqxx -lpq -lpg_query
"$out"
