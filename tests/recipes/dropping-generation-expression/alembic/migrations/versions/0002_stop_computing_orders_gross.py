"""stop computing orders.gross: every release since 41 writes it

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # migcheck:ignore dropping-generation-expression every release still running writes gross itself (since 41)
    op.execute("ALTER TABLE orders ALTER COLUMN gross DROP EXPRESSION")


def downgrade() -> None:
    op.execute("ALTER TABLE orders DROP COLUMN gross")
    op.execute("ALTER TABLE orders ADD COLUMN gross numeric GENERATED ALWAYS AS (net * 1.2) STORED")
