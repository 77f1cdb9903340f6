"""reference events from clicks, not yet checked

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # migcheck:ignore foreign-key-to-partitioned-table old partitions are dropped only once no click points into them
    op.create_foreign_key(
        "clicks_event_fkey",
        "clicks",
        "events",
        ["event_id", "event_at"],
        ["id", "at"],
        postgresql_not_valid=True,
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("clicks_event_fkey", "clicks", type_="foreignkey")
