"""create page views, unlogged

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
        "page_views",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column(
            "viewed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        prefixes=["UNLOGGED"],
    )


def downgrade() -> None:
    op.drop_table("page_views")
