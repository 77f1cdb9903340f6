#!/usr/bin/env bash
# migcheck's main job on the bundled examples: lint SQL migrations and the
# Alembic shop project, prove its upgrades and downgrades on a throwaway
# PostgreSQL, then run the deploy gate (pre-deploy-check) in a scratch git
# repository built from the shop, where a feature branch conflicts with main. Findings are the point of the demo, so their exit status 1
# does not fail `make demo`; anything else does.
set -uo pipefail
migcheck=$(realpath "${1:-build/migcheck}")
cd "$(dirname "$0")/.."

# Bold commands on a terminal only: a log file or a CI console gets no escape
# codes (migcheck itself colours only a terminal, and honours NO_COLOR too).
bold='' plain=''
if [[ -t 1 && -z ${NO_COLOR:-} ]]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() { printf '\n%s$ migcheck %s%s\n' "$bold" "$*" "$plain"; }
run() {
  step "$*"
  "$migcheck" "$@"
  local status=$?
  ((status <= 1)) || { echo "demo: migcheck exited with $status" >&2; exit "$status"; }
}

run lint examples/sql
run lint --project examples/shop
run heads --project examples/shop
run roundtrip --project examples/shop

# A feature branch adds a revision on the shop's head while main gets another
# one on the same parent: each branch alone has one head, the merge has two.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r examples/shop "$scratch/shop"
cd "$scratch/shop"
git() { command git -c user.name=demo -c user.email=demo@example.com -c init.defaultBranch=main "$@"; }
add_revision() {  # ID MESSAGE UPGRADE DOWNGRADE
  cat >"migrations/versions/$1_demo.py" <<PY
"""$2

Revision ID: $1
Revises: e4b8d0f5c2a9
"""
from alembic import op
import sqlalchemy as sa

revision = "$1"
down_revision = "e4b8d0f5c2a9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    $3


def downgrade() -> None:
    $4
PY
}
git init -q . && git add -A && git commit -qm "shop"
git checkout -qb feature
add_revision a11ce0000001 "add users.nickname" \
  'op.add_column("users", sa.Column("nickname", sa.String(50), nullable=False))' \
  'op.drop_column("users", "nickname")'
git add -A && git commit -qm "feature: nickname"
git checkout -q main
add_revision b0b000000002 "add products.stock" \
  'op.add_column("products", sa.Column("stock", sa.Integer(), nullable=True))' \
  'op.drop_column("products", "stock")'
git add -A && git commit -qm "main: stock"
git checkout -q feature
run pre-deploy-check --against main --since main
