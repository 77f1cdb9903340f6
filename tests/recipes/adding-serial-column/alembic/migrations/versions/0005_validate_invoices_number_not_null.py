"""validate the invoices.number not-null check

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE invoices VALIDATE CONSTRAINT invoices_number_not_null")


def downgrade() -> None:
    # Back to a check that only new rows have passed.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("invoices_number_not_null", "invoices", type_="check")
    op.create_check_constraint(
        "invoices_number_not_null", "invoices", "number IS NOT NULL", postgresql_not_valid=True
    )
