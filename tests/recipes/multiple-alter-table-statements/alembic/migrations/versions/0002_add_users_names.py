"""add users.first_name and last_name in one ALTER TABLE

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN last_name text")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("ALTER TABLE users DROP COLUMN first_name, DROP COLUMN last_name")
