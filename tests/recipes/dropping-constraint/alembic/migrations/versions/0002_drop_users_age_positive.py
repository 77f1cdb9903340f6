"""drop users_age_positive: age may now be 0 for unborn accounts

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
    # migcheck:ignore dropping-constraint the product now allows age 0, and no code relies on the check
    op.execute("ALTER TABLE users DROP CONSTRAINT users_age_positive")


def downgrade() -> None:
    op.execute("ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0)")
