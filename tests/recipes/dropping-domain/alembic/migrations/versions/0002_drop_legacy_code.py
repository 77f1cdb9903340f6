"""drop legacy_code, which no column uses

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
    # migcheck:ignore dropping-domain its columns moved to text in release 40
    op.execute("DROP DOMAIN legacy_code")


def downgrade() -> None:
    op.execute("CREATE DOMAIN legacy_code AS text")
