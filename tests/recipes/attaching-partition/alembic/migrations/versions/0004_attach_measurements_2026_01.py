"""attach January's table as a partition, without a scan

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # Alembic has no op for ATTACH PARTITION.
    op.execute(
        "ALTER TABLE measurements ATTACH PARTITION measurements_2026_01 "
        "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')"
    )
    # migcheck:ignore dropping-constraint the partition bound now guarantees what the check did
    op.drop_constraint("measurements_2026_01_bound", "measurements_2026_01", type_="check")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint(
        "measurements_2026_01_bound",
        "measurements_2026_01",
        "logdate IS NOT NULL AND logdate >= DATE '2026-01-01' AND logdate < DATE '2026-02-01'",
    )
    op.execute("ALTER TABLE measurements DETACH PARTITION measurements_2026_01")
