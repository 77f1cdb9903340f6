"""delete audit log entries from before 2025, in batches

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
                    DELETE FROM audit_log
                    WHERE id IN (SELECT id FROM audit_log WHERE logged_at < '2025-01-01' LIMIT 5000);
                    EXIT WHEN NOT FOUND;
                    COMMIT;
                END LOOP;
            END
            $$
            """
        )


def downgrade() -> None:
    # The entries were archived before they were deleted; deleting again changes nothing.
    op.execute("DELETE FROM audit_log WHERE logged_at < '2025-01-01'")
