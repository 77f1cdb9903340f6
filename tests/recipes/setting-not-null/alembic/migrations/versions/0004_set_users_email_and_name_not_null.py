"""make users.email and name not null, proven by the validated checks

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.alter_column("users", "email", existing_type=sa.Text, nullable=False)
    op.alter_column("users", "name", existing_type=sa.Text, nullable=False)
    op.drop_constraint("users_email_not_null", "users", type_="check")
    op.drop_constraint("users_name_not_null", "users", type_="check")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint(
        "users_email_not_null", "users", "email IS NOT NULL"
    )
    op.create_check_constraint(
        "users_name_not_null", "users", "name IS NOT NULL"
    )
    op.alter_column("users", "email", existing_type=sa.Text, nullable=True)
    op.alter_column("users", "name", existing_type=sa.Text, nullable=True)
