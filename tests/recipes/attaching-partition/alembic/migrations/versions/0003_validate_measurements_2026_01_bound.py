"""validate January's partition bound check

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE measurements_2026_01 VALIDATE CONSTRAINT measurements_2026_01_bound"
    )


def downgrade() -> None:
    # Back to a check that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("measurements_2026_01_bound", "measurements_2026_01", type_="check")
    op.create_check_constraint(
        "measurements_2026_01_bound",
        "measurements_2026_01",
        "logdate IS NOT NULL AND logdate >= DATE '2026-01-01' AND logdate < DATE '2026-02-01'",
        postgresql_not_valid=True,
    )
