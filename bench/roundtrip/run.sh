#!/bin/sh
# Times `migcheck roundtrip` on a generated 100-revision Alembic project
# against plain `alembic upgrade head && alembic downgrade base && alembic
# upgrade head`, both on one PostgreSQL 15 server this script starts (as the
# postgres user when run as root), each in a database of its own.
#
# Each variant runs REPEAT times (default 3) and the best run is shown: wall
# time, and CPU time (user + system) of the client processes and of the
# server's backends, so that a busy machine can still be compared fairly.
# Server CPU is what the postmaster gathered from backends that exited during
# the run; migcheck's own ephemeral cluster is one of its descendants, so its
# server CPU is in the client column there.
#
# The --trace runs observe (and lint) each revision's first upgrade: the
# observer reads the server after every statement. Every run but the --rows 0
# one seeds each table with the default 20 rows and checks the data through
# each downgrade and upgrade.
#
# usage: bench/roundtrip/run.sh [MIGCHECK] [REVISIONS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
migcheck=${1:-$here/../../build/migcheck}
migcheck=$(cd "$(dirname "$migcheck")" && pwd)/$(basename "$migcheck")
revisions=${2:-100}
repeat=${REPEAT:-3}
pg_bin=/usr/lib/postgresql/15/bin
python=/usr/bin/python3   # Debian's, with python3-alembic

# The server's files go where migcheck's own cluster puts them: /dev/shm when
# it is writable (else /tmp), since creating a relation's files costs more on
# a disk file system, and every upgrade and downgrade creates some.
storage=/tmp
[ -w /dev/shm ] && storage=/dev/shm
work=$(mktemp -d "$storage/migcheck-bench-XXXXXX")
as_server() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() { as_server "$pg_bin/pg_ctl -D $work/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

"$python" "$here/generate_alembic_project.py" "$work/project" "$revisions"
mkdir "$work/socket"
[ "$(id -u)" = 0 ] && chown -R postgres "$work"
as_server "$pg_bin/initdb -D $work/data -A trust -U bench --no-sync >/dev/null"
as_server "$pg_bin/pg_ctl -D $work/data -w -l $work/server.log -o \"-k $work/socket -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start >/dev/null"
server="postgresql://bench@/postgres?host=$work/socket"
plain="postgresql://bench@/plain?host=$work/socket"
postmaster=$(head -1 "$work/data/postmaster.pid")
ticks=$(getconf CLK_TCK)

# CPU seconds of the backends that have exited so far (cutime + cstime).
server_cpu() { awk -v t="$ticks" '{ sub(/.*\) /, ""); print ($14 + $15) / t }' "/proc/$postmaster/stat"; }

# measure NAME COMMAND...: runs it REPEAT times, each after the plain run's
# database is made empty again, and keeps the run with the least wall time.
measure() {
  name=$1
  shift
  best=""
  i=0
  while [ "$i" -lt "$repeat" ]; do
    "$pg_bin/psql" -q "$server" -c 'DROP DATABASE IF EXISTS plain' -c 'CREATE DATABASE plain'
    before=$(server_cpu)
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true
    sleep 0.3  # backends of the run exit
    after=$(server_cpu)
    line=$(awk -v b="$before" -v a="$after" '{ printf "%.2f %.2f %.2f", $1, $2 + $3, a - b }' "$work/time")
    if [ -z "$best" ] || [ "$(echo "$line $best" | awk '{ print ($1 < $4) }')" = 1 ]; then best=$line; fi
    i=$((i + 1))
  done
  echo "$best" | awk -v n="$name" '{ printf "%-58s %6.2f s wall  %5.2f s client CPU  %5.2f s server CPU\n", n, $1, $2, $3 }'
}

cd "$work/project"
cat > "$work/plain.sh" <<EOF
#!/bin/sh
set -e
export DATABASE_URL='$plain'
$python -m alembic upgrade head
$python -m alembic downgrade base
$python -m alembic upgrade head
EOF
chmod +x "$work/plain.sh"

echo "revisions: $revisions, best of $repeat"
measure "plain alembic upgrade head + downgrade base + upgrade head" "$work/plain.sh"
measure "migcheck roundtrip --database-url (same server)" \
  "$migcheck" roundtrip --project . --database-url "$server"
measure "migcheck roundtrip --database-url --trace" \
  "$migcheck" roundtrip --project . --database-url "$server" --trace
measure "migcheck roundtrip (own ephemeral cluster)" "$migcheck" roundtrip --project .
measure "migcheck roundtrip --trace (own cluster)" "$migcheck" roundtrip --project . --trace
# What the seeded rows and data checks cost: the same without them.
measure "migcheck roundtrip --rows 0 (own cluster, empty tables)" \
  "$migcheck" roundtrip --project . --rows 0
