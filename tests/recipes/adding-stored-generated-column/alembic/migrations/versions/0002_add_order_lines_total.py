"""add order_lines.total, kept by a trigger for new and changed rows

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
    op.add_column("order_lines", sa.Column("total", sa.Numeric(14, 2)))
    op.execute(
        """
        CREATE FUNCTION order_lines_set_total() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.total := NEW.quantity * NEW.unit_price;
            RETURN NEW;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER order_lines_set_total BEFORE INSERT OR UPDATE OF quantity, unit_price
            ON order_lines FOR EACH ROW EXECUTE FUNCTION order_lines_set_total()
        """
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER order_lines_set_total ON order_lines")
    op.execute("DROP FUNCTION order_lines_set_total()")
    op.drop_column("order_lines", "total")
