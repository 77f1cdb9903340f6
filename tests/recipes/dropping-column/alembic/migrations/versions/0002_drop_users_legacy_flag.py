"""drop users.legacy_flag, unused since release 41

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
    # migcheck:ignore dropping-column no release still running reads it (the last did in 40)
    op.drop_column("users", "legacy_flag")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("users", sa.Column("legacy_flag", sa.Boolean))
