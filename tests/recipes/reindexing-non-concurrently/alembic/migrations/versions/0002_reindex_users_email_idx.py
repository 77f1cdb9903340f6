"""rebuild the bloated users.email index without blocking writes

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Alembic has no op for REINDEX; CONCURRENTLY refuses a transaction block.
    with op.get_context().autocommit_block():
        op.execute("REINDEX INDEX CONCURRENTLY users_email_idx")


def downgrade() -> None:
    # The rebuilt index has the same definition; rebuilding again restores nothing else.
    with op.get_context().autocommit_block():
        op.execute("REINDEX INDEX CONCURRENTLY users_email_idx")
