"""add payments.amount_exact as numeric, copied from amount by a trigger

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
    op.add_column("payments", sa.Column("amount_exact", sa.Numeric(12, 2)))
    op.execute(
        """
        CREATE FUNCTION payments_copy_amount() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.amount_exact := NEW.amount;
            RETURN NEW;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER payments_copy_amount BEFORE INSERT OR UPDATE OF amount
            ON payments FOR EACH ROW EXECUTE FUNCTION payments_copy_amount()
        """
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER payments_copy_amount ON payments")
    op.execute("DROP FUNCTION payments_copy_amount()")
    op.drop_column("payments", "amount_exact")
