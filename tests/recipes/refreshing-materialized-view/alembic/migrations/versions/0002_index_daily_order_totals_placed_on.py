"""give the daily totals view the unique index a concurrent refresh needs

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "daily_order_totals_placed_on_key",
            "daily_order_totals",
            ["placed_on"],
            unique=True,
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(
            "daily_order_totals_placed_on_key",
            table_name="daily_order_totals",
            postgresql_concurrently=True,
        )
