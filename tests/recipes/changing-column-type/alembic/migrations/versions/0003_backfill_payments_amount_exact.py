"""copy payments.amount into amount_exact

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
                    UPDATE payments SET amount_exact = amount
                    WHERE id IN (SELECT id FROM payments WHERE amount_exact IS NULL LIMIT 5000);
                    EXIT WHEN NOT FOUND;
                    COMMIT;
                END LOOP;
            END
            $$
            """
        )


def downgrade() -> None:
    op.execute("UPDATE payments SET amount_exact = NULL WHERE amount_exact IS NOT NULL")
