"""drop order_totals, unread since release 41

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # migcheck:ignore dropping-view no release still running reads it (the last did in 40)
    op.execute("DROP VIEW order_totals")


def downgrade() -> None:
    op.execute("CREATE VIEW order_totals AS SELECT id, total FROM orders")
