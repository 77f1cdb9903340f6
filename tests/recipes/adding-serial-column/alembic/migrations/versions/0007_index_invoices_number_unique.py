"""make invoice numbers unique without blocking writes

Revision ID: 0007
Revises: 0006
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "invoices_number_key", "invoices", ["number"], unique=True, postgresql_concurrently=True
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("invoices_number_key", table_name="invoices", postgresql_concurrently=True)
