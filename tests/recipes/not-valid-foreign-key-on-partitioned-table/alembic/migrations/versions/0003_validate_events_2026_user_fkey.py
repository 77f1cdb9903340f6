"""check each partition's key, without blocking writes

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE events_2026 VALIDATE CONSTRAINT events_user_id_fkey")


def downgrade() -> None:
    # Back to a foreign key that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("events_user_id_fkey", "events_2026", type_="foreignkey")
    op.create_foreign_key(
        "events_user_id_fkey",
        "events_2026",
        "users",
        ["user_id"],
        ["id"],
        postgresql_not_valid=True,
    )
