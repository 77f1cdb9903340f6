"""drop the users view, unused since release 42

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # migcheck:ignore dropping-view the stand-in for the old table name; every release still running uses accounts
    op.execute("DROP VIEW users")


def downgrade() -> None:
    op.execute("CREATE VIEW users AS SELECT * FROM accounts")
