"""create the reporting schema and its daily totals

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA reporting")
    op.create_table(
        "daily_totals",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("total", sa.Numeric, nullable=False),
        schema="reporting",
    )


def downgrade() -> None:
    op.drop_table("daily_totals", schema="reporting")
    op.execute("DROP SCHEMA reporting")
