"""check users.email and name are not null, for new rows only

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
        "users_email_not_null", "users", "email IS NOT NULL", postgresql_not_valid=True
    )
    op.create_check_constraint(
        "users_name_not_null", "users", "name IS NOT NULL", postgresql_not_valid=True
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("users_email_not_null", "users", type_="check")
    op.drop_constraint("users_name_not_null", "users", type_="check")
