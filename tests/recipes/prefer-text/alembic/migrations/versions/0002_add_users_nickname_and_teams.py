"""add users.nickname and create teams

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
    op.add_column("users", sa.Column("nickname", sa.Text))
    op.create_check_constraint(
        "users_nickname_length", "users", "length(nickname) <= 40", postgresql_not_valid=True
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.CheckConstraint("length(name) <= 100"),
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_table("teams")
    op.drop_constraint("users_nickname_length", "users", type_="check")
    op.drop_column("users", "nickname")
