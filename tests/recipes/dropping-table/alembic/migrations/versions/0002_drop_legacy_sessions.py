"""drop legacy_sessions, unused since release 41

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
    # migcheck:ignore dropping-table no release still running uses it (the last did in 40)
    op.drop_table("legacy_sessions")


def downgrade() -> None:
    op.create_table(
        "legacy_sessions",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("token", sa.Text, nullable=False),
    )
