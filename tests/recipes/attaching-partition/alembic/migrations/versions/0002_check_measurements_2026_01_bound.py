"""check January's rows fit its partition bound, for new rows only

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
    op.create_check_constraint(
        "measurements_2026_01_bound",
        "measurements_2026_01",
        "logdate IS NOT NULL AND logdate >= DATE '2026-01-01' AND logdate < DATE '2026-02-01'",
        postgresql_not_valid=True,
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("measurements_2026_01_bound", "measurements_2026_01", type_="check")
