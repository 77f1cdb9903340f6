"""create room bookings that cannot overlap, constraint and table together

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The gist index compares room ids with =.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute("SET lock_timeout = '5s'")
    op.create_table(
        "room_bookings",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("room_id", sa.BigInteger, sa.ForeignKey("rooms.id"), nullable=False),
        sa.Column("during", postgresql.TSTZRANGE, nullable=False),
        postgresql.ExcludeConstraint(
            ("room_id", "="), ("during", "&&"), name="room_bookings_no_overlap", using="gist"
        ),
    )


def downgrade() -> None:
    op.drop_table("room_bookings")
    op.execute("DROP EXTENSION IF EXISTS btree_gist")
