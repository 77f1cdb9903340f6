"""make invoices.number not null, proven by the validated check

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.alter_column("invoices", "number", existing_type=sa.BigInteger, nullable=False)
    op.drop_constraint("invoices_number_not_null", "invoices", type_="check")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.create_check_constraint("invoices_number_not_null", "invoices", "number IS NOT NULL")
    op.alter_column("invoices", "number", existing_type=sa.BigInteger, nullable=True)
