"""drop the unlogged page views, replaced by the logged copy

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
    # migcheck:ignore dropping-table nothing uses it since the swap, and its rows are in page_views
    op.drop_table("page_views_unlogged")


def downgrade() -> None:
    # Its key keeps the name it had before the swap.
    op.create_table(
        "page_views_unlogged",
        sa.Column("id", sa.BigInteger, sa.Identity()),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column(
            "viewed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.PrimaryKeyConstraint("id", name="page_views_pkey"),
        prefixes=["UNLOGGED"],
    )
