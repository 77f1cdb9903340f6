"""index measurements by logdate, on the partitioned table only

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # SQLAlchemy cannot write CREATE INDEX ... ON ONLY.
    op.execute("CREATE INDEX IF NOT EXISTS measurements_logdate_idx ON ONLY measurements (logdate)")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_index("measurements_logdate_idx", table_name="measurements")
