"""number invoices from a bigint sequence

Revision ID: 0001
Revises:
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE invoice_numbers AS bigint START 1000")


def downgrade() -> None:
    op.execute("DROP SEQUENCE invoice_numbers")
