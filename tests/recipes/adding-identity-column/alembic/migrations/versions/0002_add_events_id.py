"""add events.id, numbered from a sequence for new rows

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
    op.execute("CREATE SEQUENCE events_id_seq AS bigint")
    op.add_column("events", sa.Column("id", sa.BigInteger))
    op.alter_column("events", "id", server_default=sa.text("nextval('events_id_seq')"))
    op.execute("ALTER SEQUENCE events_id_seq OWNED BY events.id")


def downgrade() -> None:
    # The sequence is owned by the column and goes with it.
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("events", "id")
