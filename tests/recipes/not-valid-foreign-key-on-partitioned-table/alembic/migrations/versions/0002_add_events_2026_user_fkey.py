"""reference users from each partition of events, not yet checked

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute(
        "ALTER TABLE events_2026 ADD CONSTRAINT events_user_id_fkey "
        "FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID"
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("ALTER TABLE events_2026 DROP CONSTRAINT events_user_id_fkey")
