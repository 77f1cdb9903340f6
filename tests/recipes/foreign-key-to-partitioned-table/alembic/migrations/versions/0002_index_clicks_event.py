"""index clicks by event, for the key's checks

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "clicks_event_idx", "clicks", ["event_id", "event_at"], postgresql_concurrently=True
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("clicks_event_idx", table_name="clicks", postgresql_concurrently=True)
