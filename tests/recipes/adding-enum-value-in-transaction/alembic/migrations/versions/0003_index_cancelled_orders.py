"""index cancelled orders, using the value committed before

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "orders_cancelled_idx",
            "orders",
            ["id"],
            postgresql_where=sa.text("status = 'cancelled'"),
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("orders_cancelled_idx", table_name="orders", postgresql_concurrently=True)
