"""add public.users.last_login_at

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
    op.add_column(
        "users", sa.Column("last_login_at", sa.DateTime(timezone=True)), schema="public"
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("users", "last_login_at", schema="public")
