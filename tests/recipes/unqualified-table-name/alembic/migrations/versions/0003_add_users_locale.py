"""add users.locale, with search_path set first

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET search_path = public")
    op.execute("SET lock_timeout = '5s'")
    op.add_column("users", sa.Column("locale", sa.Text))


def downgrade() -> None:
    op.execute("SET search_path = public")
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("users", "locale")
