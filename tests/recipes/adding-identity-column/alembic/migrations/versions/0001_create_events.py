"""create events, without an id

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("events", sa.Column("payload", postgresql.JSONB, nullable=False))


def downgrade() -> None:
    op.drop_table("events")
