"""create orders and their daily totals view

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("placed_on", sa.Date, nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
    )
    op.execute(
        "CREATE MATERIALIZED VIEW daily_order_totals AS "
        "SELECT placed_on, sum(amount) AS total FROM orders GROUP BY placed_on"
    )


def downgrade() -> None:
    op.execute("DROP MATERIALIZED VIEW daily_order_totals")
    op.drop_table("orders")
