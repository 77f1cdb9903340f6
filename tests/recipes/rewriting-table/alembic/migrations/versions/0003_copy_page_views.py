"""copy existing page views into the logged table

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
            DECLARE
                last_id bigint := 0;
                batch_end bigint;
            BEGIN
                LOOP
                    SELECT max(id) INTO batch_end
                    FROM (SELECT id FROM page_views WHERE id > last_id ORDER BY id LIMIT 5000) AS batch;
                    EXIT WHEN batch_end IS NULL;
                    INSERT INTO page_views_logged
                    SELECT * FROM page_views WHERE id > last_id AND id <= batch_end
                    ON CONFLICT (id) DO NOTHING;
                    last_id := batch_end;
                    COMMIT;
                END LOOP;
            END
            $$
            """
        )


def downgrade() -> None:
    op.execute("TRUNCATE page_views_logged")
