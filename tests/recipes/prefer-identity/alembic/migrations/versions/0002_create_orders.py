"""create orders of users, keyed by bigint identities

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
    # The foreign key locks users briefly.
    op.execute("SET lock_timeout = '5s'")
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id"), nullable=False),
    )
    op.create_index("orders_user_id_idx", "orders", ["user_id"])


def downgrade() -> None:
    op.drop_table("orders")
