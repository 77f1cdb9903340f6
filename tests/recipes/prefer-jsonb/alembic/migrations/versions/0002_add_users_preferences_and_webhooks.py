"""add users.preferences and create webhooks

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("users", sa.Column("preferences", postgresql.JSONB))
    op.create_table(
        "webhooks",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("payload", postgresql.JSONB, nullable=False),
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_table("webhooks")
    op.drop_column("users", "preferences")
