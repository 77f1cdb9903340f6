"""drop payments.amount, unused since release 42

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER payments_copy_amount ON payments")
    op.execute("DROP FUNCTION payments_copy_amount()")
    # migcheck:ignore dropping-column release 42 reads and writes amount_exact only, and 41 is gone
    op.drop_column("payments", "amount")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("payments", sa.Column("amount", sa.Integer))
    op.execute("UPDATE payments SET amount = amount_exact")
    op.alter_column("payments", "amount", existing_type=sa.Integer, nullable=False)
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
