"""refresh the daily totals while they stay readable

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_order_totals")


def downgrade() -> None:
    # The view holds what its query returns; refreshing again restores it.
    op.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_order_totals")
