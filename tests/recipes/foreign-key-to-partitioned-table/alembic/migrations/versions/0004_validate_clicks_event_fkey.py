"""check existing clicks against events, without blocking writes

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE clicks VALIDATE CONSTRAINT clicks_event_fkey")


def downgrade() -> None:
    # Back to a foreign key that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("clicks_event_fkey", "clicks", type_="foreignkey")
    # migcheck:ignore foreign-key-to-partitioned-table old partitions are dropped only once no click points into them
    op.create_foreign_key(
        "clicks_event_fkey",
        "clicks",
        "events",
        ["event_id", "event_at"],
        ["id", "at"],
        postgresql_not_valid=True,
    )
