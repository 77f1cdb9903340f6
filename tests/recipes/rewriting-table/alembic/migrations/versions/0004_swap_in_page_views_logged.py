"""put the logged copy in place of page_views

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER page_views_copy ON page_views")
    op.execute("DROP FUNCTION page_views_copy()")
    op.rename_table("page_views", "page_views_unlogged")
    # migcheck:ignore renaming-table only the copy trigger, dropped above, used page_views_logged
    op.rename_table("page_views_logged", "page_views")
    op.execute(
        "SELECT setval(pg_get_serial_sequence('page_views', 'id'), "
        "(SELECT max(id) FROM page_views))"
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.rename_table("page_views", "page_views_logged")
    op.rename_table("page_views_unlogged", "page_views")
    op.execute(
        """
        CREATE FUNCTION page_views_copy() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO page_views_logged VALUES (NEW.*);
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER page_views_copy AFTER INSERT ON page_views
            FOR EACH ROW EXECUTE FUNCTION page_views_copy()
        """
    )
