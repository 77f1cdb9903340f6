"""refuse deletes from users with a trigger, not a rule

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute(
        """
        CREATE FUNCTION users_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'users rows are never deleted';
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER users_refuse_delete BEFORE DELETE ON users "
        "FOR EACH ROW EXECUTE FUNCTION users_refuse_delete()"
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER users_refuse_delete ON users")
    op.execute("DROP FUNCTION users_refuse_delete()")
