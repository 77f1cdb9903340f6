"""allow users without an email, handled by every release since 41

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
    # migcheck:ignore dropping-not-null every release still running handles a NULL email (since 41)
    op.alter_column("users", "email", existing_type=sa.Text, nullable=True)


def downgrade() -> None:
    # Fails while a NULL is stored: the release that stores them must be rolled back first.
    op.execute("SET lock_timeout = '5s'")
    op.alter_column("users", "email", existing_type=sa.Text, nullable=False)
