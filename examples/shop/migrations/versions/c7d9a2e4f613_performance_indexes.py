"""performance indexes on products and users

Revision ID: c7d9a2e4f613
Revises: 8b41e07c5d22
Create Date: 2026-02-02 10:47:31.004215

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "c7d9a2e4f613"
down_revision = "8b41e07c5d22"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The safe way: CONCURRENTLY cannot run inside a transaction, so it goes
    # in an autocommit block; writes to products continue while it builds.
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_products_name", "products", ["name"], postgresql_concurrently=True
        )
    # The unsafe way: a plain CREATE INDEX blocks every write to users until
    # the index is built (migcheck reports it).
    op.create_index("ix_users_created_at", "users", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_users_created_at", table_name="users")
    with op.get_context().autocommit_block():
        op.drop_index(
            "ix_products_name", table_name="products", postgresql_concurrently=True
        )
