"""rename users to accounts, keeping users as a view

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
    op.rename_table("users", "accounts")
    # The old name keeps working for the release still running (a simple view is updatable).
    op.execute("CREATE VIEW users AS SELECT * FROM accounts")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP VIEW users")
    op.rename_table("accounts", "users")
