"""check users.email is lower case, committed before validating

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint(
        "users_email_lowercase", "users", "email = lower(email)", postgresql_not_valid=True
    )
    # The autocommit block commits the migration's transaction first.
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_email_lowercase")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("users_email_lowercase", "users", type_="check")
