"""add users.full_name, written next to users.name by release 41

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
    op.add_column("users", sa.Column("full_name", sa.Text))


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("users", "full_name")
