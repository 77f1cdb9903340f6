#!/usr/bin/env python3
"""Writes an Alembic project with N revisions (default 100) whose downgrades
undo their upgrades: tables, columns with defaults, indexes and constraints in
turn. Used by run.sh to time `migcheck roundtrip` against plain Alembic.

usage: generate_alembic_project.py DIR [N]
"""
import os
import sys

ENV_PY = '''import os
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if os.environ.get("DATABASE_URL"):
    config.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"].replace("%", "%%"))
engine = engine_from_config(config.get_section(config.config_ini_section),
                            prefix="sqlalchemy.", poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
'''

STEPS = [
    # (upgrade body, downgrade body), formatted with t = this group's table
    ("    op.create_table('{t}',\n"
     "        sa.Column('id', sa.Integer, primary_key=True),\n"
     "        sa.Column('name', sa.Text, nullable=False),\n"
     "        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now()))\n",
     "    op.drop_table('{t}')\n"),
    ("    op.add_column('{t}', sa.Column('price', sa.Numeric(10, 2), nullable=False,\n"
     "                                   server_default='0'))\n",
     "    op.drop_column('{t}', 'price')\n"),
    ("    op.create_index('{t}_name_idx', '{t}', ['name'])\n",
     "    op.drop_index('{t}_name_idx', table_name='{t}')\n"),
    ("    op.create_check_constraint('{t}_price_positive', '{t}', 'price >= 0')\n",
     "    op.drop_constraint('{t}_price_positive', '{t}', type_='check')\n"),
]


def main():
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    os.makedirs(os.path.join(root, "migrations", "versions"), exist_ok=True)
    with open(os.path.join(root, "alembic.ini"), "w") as ini:
        ini.write("[alembic]\nscript_location = migrations\n"
                  "sqlalchemy.url = postgresql://localhost/unused\n")
    with open(os.path.join(root, "migrations", "env.py"), "w") as env:
        env.write(ENV_PY)
    parent = None
    for i in range(1, count + 1):
        revision = "%012x" % i
        upgrade, downgrade = STEPS[(i - 1) % len(STEPS)]
        table = "t%03d" % ((i - 1) // len(STEPS))
        path = os.path.join(root, "migrations", "versions", "%s_step_%d.py" % (revision, i))
        with open(path, "w") as out:
            out.write('"""step %d"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n' % i)
            out.write("revision = %r\ndown_revision = %r\n" % (revision, parent))
            out.write("branch_labels = None\ndepends_on = None\n\n\n")
            out.write("def upgrade():\n" + upgrade.format(t=table) + "\n\n")
            out.write("def downgrade():\n" + downgrade.format(t=table))
        parent = revision


if __name__ == "__main__":
    main()
