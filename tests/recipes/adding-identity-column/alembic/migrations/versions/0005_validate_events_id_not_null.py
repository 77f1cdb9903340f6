"""validate the events.id not-null check

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE events VALIDATE CONSTRAINT events_id_not_null")


def downgrade() -> None:
    # Back to a check that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("events_id_not_null", "events", type_="check")
    op.create_check_constraint(
        "events_id_not_null", "events", "id IS NOT NULL", postgresql_not_valid=True
    )
