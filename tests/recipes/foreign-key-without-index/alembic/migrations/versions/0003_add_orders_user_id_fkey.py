"""reference users from orders, for new rows only

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
    op.create_foreign_key(
        "orders_user_id_fkey", "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("orders_user_id_fkey", "orders", type_="foreignkey")
