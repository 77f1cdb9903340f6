"""drop order_totals: every release since 41 reads order_sums

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
    # migcheck:ignore dropping-view every release still running reads order_sums (since 41)
    op.execute("DROP VIEW order_totals")


def downgrade() -> None:
    op.execute("CREATE VIEW order_totals AS SELECT id, total FROM orders")
