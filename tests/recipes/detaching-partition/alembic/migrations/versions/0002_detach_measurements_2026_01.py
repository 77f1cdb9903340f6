"""detach January's partition without blocking the other months

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Alembic has no op for partitions; CONCURRENTLY refuses a transaction block.
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE measurements DETACH PARTITION measurements_2026_01 CONCURRENTLY")


def downgrade() -> None:
    # The bound check that DETACH CONCURRENTLY added spares the attach its scan.
    op.execute("SET lock_timeout = '5s'")
    op.execute(
        "ALTER TABLE measurements ATTACH PARTITION measurements_2026_01 "
        "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')"
    )
    op.drop_constraint(
        "measurements_2026_01_logdate_check", "measurements_2026_01", type_="check"
    )
