"""create order notes, indexed by order

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_table(
        "order_notes",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("order_id", sa.BigInteger, sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    # A new table is empty: its index needs no CONCURRENTLY.
    op.create_index("order_notes_order_id_idx", "order_notes", ["order_id"])


def downgrade() -> None:
    op.drop_table("order_notes")
