"""validate the orders to users foreign key

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Alembic has no op for VALIDATE CONSTRAINT.
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey")


def downgrade() -> None:
    # Back to a foreign key that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("orders_user_id_fkey", "orders", type_="foreignkey")
    op.create_foreign_key(
        "orders_user_id_fkey", "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True
    )
