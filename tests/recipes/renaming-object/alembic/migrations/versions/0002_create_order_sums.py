"""order_sums: the new name of order_totals, both readable meanwhile

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE VIEW order_sums AS SELECT id, total FROM orders")


def downgrade() -> None:
    op.execute("DROP VIEW order_sums")
