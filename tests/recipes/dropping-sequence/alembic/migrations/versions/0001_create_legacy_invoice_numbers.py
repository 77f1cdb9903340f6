"""create the legacy_invoice_numbers sequence

Revision ID: 0001
Revises: 
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE legacy_invoice_numbers")


def downgrade() -> None:
    op.execute("DROP SEQUENCE legacy_invoice_numbers")
