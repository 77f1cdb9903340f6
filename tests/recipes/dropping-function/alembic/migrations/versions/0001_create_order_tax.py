"""create order_tax()

Revision ID: 0001
Revises: 
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION order_tax(total numeric) RETURNS numeric
            LANGUAGE sql IMMUTABLE AS 'SELECT total * 0.2'
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION order_tax(numeric)")
