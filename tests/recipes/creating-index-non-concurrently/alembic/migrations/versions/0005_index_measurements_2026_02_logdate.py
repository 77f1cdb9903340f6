"""index the 2026_02 partition by logdate without blocking writes

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "measurements_2026_02_logdate_idx", "measurements_2026_02", ["logdate"], postgresql_concurrently=True
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("measurements_2026_02_logdate_idx", table_name="measurements_2026_02", postgresql_concurrently=True)
