"""add users.country_code and create currencies

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("users", sa.Column("country_code", sa.Text))
    op.create_check_constraint(
        "users_country_code_length", "users", "length(country_code) = 2", postgresql_not_valid=True
    )
    op.create_table(
        "currencies",
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.CheckConstraint("length(code) = 3"),
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_table("currencies")
    op.drop_constraint("users_country_code_length", "users", type_="check")
    op.drop_column("users", "country_code")
