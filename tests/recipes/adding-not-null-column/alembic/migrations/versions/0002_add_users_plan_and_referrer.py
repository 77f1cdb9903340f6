"""add users.plan with a default and users.referrer as nullable

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
    # A constant server default fills existing rows without a rewrite (PostgreSQL 11+).
    op.add_column(
        "users", sa.Column("plan", sa.Text, nullable=False, server_default="free")
    )
    # No sensible default: nullable first, backfilled, then NOT NULL the safe way.
    op.add_column("users", sa.Column("referrer", sa.Text, nullable=True))


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("users", "referrer")
    op.drop_column("users", "plan")
