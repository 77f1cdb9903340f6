"""fill products.price_cents from price, in its own migration

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
                    UPDATE products SET price_cents = price * 100
                    WHERE id IN (SELECT id FROM products WHERE price_cents IS NULL LIMIT 5000);
                    EXIT WHEN NOT FOUND;
                    COMMIT;
                END LOOP;
            END
            $$
            """
        )


def downgrade() -> None:
    op.execute("UPDATE products SET price_cents = NULL WHERE price_cents IS NOT NULL")
