"""validate the users.email and name not-null checks

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Alembic has no op for VALIDATE CONSTRAINT.
    op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null")
    op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_name_not_null")


def downgrade() -> None:
    # Back to checks that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("users_email_not_null", "users", type_="check")
    op.drop_constraint("users_name_not_null", "users", type_="check")
    op.create_check_constraint(
        "users_email_not_null", "users", "email IS NOT NULL", postgresql_not_valid=True
    )
    op.create_check_constraint(
        "users_name_not_null", "users", "name IS NOT NULL", postgresql_not_valid=True
    )
