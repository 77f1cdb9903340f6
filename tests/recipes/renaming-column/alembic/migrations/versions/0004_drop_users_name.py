"""drop users.name, unused since release 42

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # migcheck:ignore dropping-column release 42 reads and writes full_name only, and 41 is gone
    op.drop_column("users", "name")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("users", sa.Column("name", sa.Text))
    op.execute("UPDATE users SET name = full_name")
    op.alter_column("users", "name", existing_type=sa.Text, nullable=False)
