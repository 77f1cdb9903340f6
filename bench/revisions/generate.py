#!/usr/bin/env python3
"""Writes an Alembic project with N revisions (default 5,000) for the revision
graph benchmark: alembic.ini, env.py and versions/ holding a long history with
a branch and merge every 500 revisions, each file shaped like one
`alembic revision` writes (docstring, metadata, op calls in upgrade and
downgrade).

usage: generate.py DIR [N]
"""
import hashlib
import os
import sys

TEMPLATE = '''"""{message}

Revision ID: {rev}
Revises: {down_text}
Create Date: 2026-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "{rev}"
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("table_{table}", sa.Column("column_{n}", sa.String(255), nullable=True))
    op.create_index("ix_table_{table}_column_{n}", "table_{table}", ["column_{n}"])


def downgrade() -> None:
    op.drop_index("ix_table_{table}_column_{n}", table_name="table_{table}")
    op.drop_column("table_{table}", "column_{n}")
'''


def rev_id(n):
    return hashlib.sha1(str(n).encode()).hexdigest()[:12]


def main():
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    versions = os.path.join(root, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %(here)s/migrations\n"
                "sqlalchemy.url = postgresql://localhost/bench\n")
    with open(os.path.join(root, "migrations", "env.py"), "w") as f:
        f.write("from alembic import context\n")
    previous = None
    side = None  # a short branch opened at every 500th revision, merged 3 later
    for n in range(count):
        rev = rev_id(n)
        if previous is None:
            down = None
        elif n % 500 == 3 and side is not None:
            down = (previous, side)
            side = None
        else:
            down = previous
        if n % 500 == 1 and n + 2 < count:
            # a sibling of this revision, merged two revisions later
            side = rev_id(count + n)
            write(versions, side, previous, count + n)
        write(versions, rev, down, n)
        previous = rev


def write(versions, rev, down, n):
    if down is None:
        down_code, down_text = "None", ""
    elif isinstance(down, tuple):
        down_code, down_text = repr(down), ", ".join(down)
    else:
        down_code, down_text = repr(down), down
    text = TEMPLATE.format(message="change number %d" % n, rev=rev, down=down_code,
                           down_text=down_text, table=n % 50, n=n)
    with open(os.path.join(versions, "%s_change_%d.py" % (rev, n)), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
