"""drop the reporting schema, empty now

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Without CASCADE: a forgotten object makes this fail instead of vanishing.
    op.execute("DROP SCHEMA reporting")


def downgrade() -> None:
    op.execute("CREATE SCHEMA reporting")
