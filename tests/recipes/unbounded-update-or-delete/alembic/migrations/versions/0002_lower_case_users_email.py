"""lower-case every users.email, in batches

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
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
                    UPDATE users SET email = lower(email)
                    WHERE id IN (SELECT id FROM users WHERE email <> lower(email) LIMIT 5000);
                    EXIT WHEN NOT FOUND;
                    COMMIT;
                END LOOP;
            END
            $$
            """
        )


def downgrade() -> None:
    # The original case is not kept; lower-casing again restores the same state.
    op.execute("UPDATE users SET email = lower(email) WHERE email <> lower(email)")
