"""drop order_tax(), uncalled since release 41

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
    # migcheck:ignore dropping-function no release still running calls it (the last did in 40)
    op.execute("DROP FUNCTION order_tax(numeric)")


def downgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION order_tax(total numeric) RETURNS numeric
            LANGUAGE sql IMMUTABLE AS 'SELECT total * 0.2'
        """
    )
