"""validate the order quantity and discount checks

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Alembic has no op for VALIDATE CONSTRAINT.
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive")
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_discount_range")


def downgrade() -> None:
    # Back to checks that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("orders_quantity_positive", "orders", type_="check")
    op.create_check_constraint(
        "orders_quantity_positive", "orders", "quantity > 0", postgresql_not_valid=True
    )
    op.drop_constraint("orders_discount_range", "orders", type_="check")
    op.create_check_constraint(
        "orders_discount_range", "orders", "discount BETWEEN 0 AND 1", postgresql_not_valid=True
    )
