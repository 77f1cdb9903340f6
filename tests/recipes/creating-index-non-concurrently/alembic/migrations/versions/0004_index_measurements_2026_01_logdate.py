"""index the 2026_01 partition by logdate without blocking writes

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "measurements_2026_01_logdate_idx", "measurements_2026_01", ["logdate"], postgresql_concurrently=True
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("measurements_2026_01_logdate_idx", table_name="measurements_2026_01", postgresql_concurrently=True)
