"""make users.referrer not null, proven by the validated check

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.alter_column("users", "referrer", existing_type=sa.Text, nullable=False)
    op.drop_constraint("users_referrer_not_null", "users", type_="check")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint("users_referrer_not_null", "users", "referrer IS NOT NULL")
    op.alter_column("users", "referrer", existing_type=sa.Text, nullable=True)
