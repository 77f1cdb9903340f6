"""make events.id not null, proven by the validated check

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
    op.alter_column("events", "id", existing_type=sa.BigInteger, nullable=False)
    op.drop_constraint("events_id_not_null", "events", type_="check")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint("events_id_not_null", "events", "id IS NOT NULL")
    op.alter_column("events", "id", existing_type=sa.BigInteger, nullable=True)
