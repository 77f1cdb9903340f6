"""number the existing invoices

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batches of 5000 rows, each committed on its own, outside the migration's transaction.
    with op.get_context().autocommit_block():
        op.execute(
            """
            DO $$
            BEGIN
                LOOP
                    UPDATE invoices SET number = nextval('invoices_number_seq')
                    WHERE id IN (SELECT id FROM invoices WHERE number IS NULL ORDER BY id LIMIT 5000);
                    EXIT WHEN NOT FOUND;
                    COMMIT;
                END LOOP;
            END
            $$
            """
        )


def downgrade() -> None:
    op.execute("UPDATE invoices SET number = NULL WHERE number IS NOT NULL")
