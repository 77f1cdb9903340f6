"""drop users.status's default: every release since 41 writes it

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
    # migcheck:ignore dropping-default every release still running writes status (since 41)
    op.execute("ALTER TABLE users ALTER COLUMN status DROP DEFAULT")


def downgrade() -> None:
    op.execute("ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new'")
