"""check events.id is not null, for new rows only

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint(
        "events_id_not_null", "events", "id IS NOT NULL", postgresql_not_valid=True
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("events_id_not_null", "events", type_="check")
