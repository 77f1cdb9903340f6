"""drop reporting.daily_totals, unused since release 41

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
    # migcheck:ignore dropping-table no release still running reads it (the last did in 40)
    op.drop_table("daily_totals", schema="reporting")


def downgrade() -> None:
    op.create_table(
        "daily_totals",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("total", sa.Numeric, nullable=False),
        schema="reporting",
    )
