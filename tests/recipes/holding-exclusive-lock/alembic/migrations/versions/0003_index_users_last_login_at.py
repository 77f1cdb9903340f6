"""index users.last_login_at in a migration of its own

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "users_last_login_at_idx", "users", ["last_login_at"], postgresql_concurrently=True
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("users_last_login_at_idx", table_name="users", postgresql_concurrently=True)
