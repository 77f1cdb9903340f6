"""keep users.updated_at current, within a lock timeout

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
        CREATE FUNCTION users_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER users_touch BEFORE UPDATE ON users "
        "FOR EACH ROW EXECUTE FUNCTION users_touch()"
    )


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.execute("DROP TRIGGER users_touch ON users")
    op.execute("DROP FUNCTION users_touch()")
