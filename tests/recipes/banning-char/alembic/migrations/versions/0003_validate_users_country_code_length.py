"""validate the users.country_code length check

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_country_code_length")


def downgrade() -> None:
    # Back to a check that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("users_country_code_length", "users", type_="check")
    op.create_check_constraint(
        "users_country_code_length", "users", "length(country_code) = 2", postgresql_not_valid=True
    )
