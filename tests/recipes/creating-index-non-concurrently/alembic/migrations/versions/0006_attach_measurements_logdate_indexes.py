"""attach the partitions' logdate indexes to the parent's

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("ALTER INDEX measurements_logdate_idx ATTACH PARTITION measurements_2026_01_logdate_idx")
    op.execute("ALTER INDEX measurements_logdate_idx ATTACH PARTITION measurements_2026_02_logdate_idx")


def downgrade() -> None:
    # An attached index cannot be detached: rebuild the parent's index unattached.
    op.execute("SET lock_timeout = '5s'")
    op.drop_index("measurements_logdate_idx", table_name="measurements")
    op.execute("CREATE INDEX measurements_logdate_idx ON ONLY measurements (logdate)")
    op.create_index("measurements_2026_01_logdate_idx", "measurements_2026_01", ["logdate"])
    op.create_index("measurements_2026_02_logdate_idx", "measurements_2026_02", ["logdate"])
