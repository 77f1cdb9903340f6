"""create users, and events partitioned by year

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
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("email", sa.Text),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("at", sa.Date, nullable=False),
        postgresql_partition_by="RANGE (at)",
    )
    op.execute(
        "CREATE TABLE events_2026 PARTITION OF events "
        "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
    )
    # The partition's own index first: the parent's then adopts it.
    op.create_index("events_2026_user_id_idx", "events_2026", ["user_id"])
    op.create_index("events_user_id_idx", "events", ["user_id"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("users")
