"""add invoices.number, numbered from a sequence for new rows

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("CREATE SEQUENCE invoices_number_seq AS bigint")
    op.add_column("invoices", sa.Column("number", sa.BigInteger))
    op.alter_column(
        "invoices", "number", server_default=sa.text("nextval('invoices_number_seq')")
    )
    op.execute("ALTER SEQUENCE invoices_number_seq OWNED BY invoices.number")


def downgrade() -> None:
    # The sequence is owned by the column and goes with it.
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("invoices", "number")
