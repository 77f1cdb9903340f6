#!/bin/sh
# Times `migcheck roundtrip` on a generated 100-revision Alembic project
# against plain `alembic upgrade head && alembic downgrade base && alembic
# upgrade head`, both on one PostgreSQL 15 server this script starts (as the
# postgres user when run as root), each in a database of its own.
#
# usage: bench/roundtrip/run.sh [MIGCHECK] [REVISIONS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
migcheck=${1:-$here/../../build/migcheck}
migcheck=$(cd "$(dirname "$migcheck")" && pwd)/$(basename "$migcheck")
revisions=${2:-100}
pg_bin=/usr/lib/postgresql/15/bin
python=/usr/bin/python3   # Debian's, with python3-alembic

work=$(mktemp -d /tmp/migcheck-bench-XXXXXX)
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
"$pg_bin/psql" -q "$server" -c "CREATE DATABASE plain"

seconds() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }

cd "$work/project"
start=$(seconds)
DATABASE_URL=$plain "$python" -m alembic upgrade head
DATABASE_URL=$plain "$python" -m alembic downgrade base
DATABASE_URL=$plain "$python" -m alembic upgrade head
plain_time=$(elapsed "$start" "$(seconds)")

start=$(seconds)
"$migcheck" roundtrip --project . --database-url "$server" 2>/dev/null
server_time=$(elapsed "$start" "$(seconds)")

start=$(seconds)
"$migcheck" roundtrip --project . 2>/dev/null
ephemeral_time=$(elapsed "$start" "$(seconds)")

echo "revisions: $revisions"
echo "plain alembic upgrade head + downgrade base + upgrade head: ${plain_time} s"
echo "migcheck roundtrip --database-url (same server):            ${server_time} s"
echo "migcheck roundtrip (own ephemeral cluster):                  ${ephemeral_time} s"
