"""create orders with a status

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
        sa.Column(
            "status",
            sa.Enum("pending", "shipped", name="order_status"),
            nullable=False,
            server_default="pending",
        ),
    )


def downgrade() -> None:
    op.drop_table("orders")
    op.execute("DROP TYPE order_status")
