"""drop legacy_invoice_numbers, unused since release 41

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
    # migcheck:ignore dropping-sequence no default or release still running draws from it (the last did in 40)
    op.execute("DROP SEQUENCE legacy_invoice_numbers")


def downgrade() -> None:
    op.execute("CREATE SEQUENCE legacy_invoice_numbers")
