"""create the legacy_code domain

Revision ID: 0001
Revises: 
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE DOMAIN legacy_code AS text")


def downgrade() -> None:
    op.execute("DROP DOMAIN legacy_code")
