"""check users.referrer is not null, for new rows only

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
        "users_referrer_not_null", "users", "referrer IS NOT NULL", postgresql_not_valid=True
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("users_referrer_not_null", "users", type_="check")
