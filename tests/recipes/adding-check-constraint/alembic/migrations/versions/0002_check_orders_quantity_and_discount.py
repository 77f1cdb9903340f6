"""check order quantities and discounts, for new rows only

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint(
        "orders_quantity_positive", "orders", "quantity > 0", postgresql_not_valid=True
    )
    # A new column gets its CHECK in a call of its own, NOT VALID as well.
    op.add_column("orders", sa.Column("discount", sa.Numeric))
    op.create_check_constraint(
        "orders_discount_range", "orders", "discount BETWEEN 0 AND 1", postgresql_not_valid=True
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("orders_discount_range", "orders", type_="check")
    op.drop_column("orders", "discount")
    op.drop_constraint("orders_quantity_positive", "orders", type_="check")
