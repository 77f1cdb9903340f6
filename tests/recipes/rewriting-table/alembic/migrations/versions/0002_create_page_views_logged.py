"""create a logged copy of page views, fed by a trigger

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SET LOGGED would rewrite page_views under an ACCESS EXCLUSIVE lock: copy it instead.
    op.execute("SET lock_timeout = '5s'")
    op.execute("CREATE TABLE page_views_logged (LIKE page_views INCLUDING ALL)")
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


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER page_views_copy ON page_views")
    op.execute("DROP FUNCTION page_views_copy()")
    op.drop_table("page_views_logged")
