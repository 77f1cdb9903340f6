"""make users.email unique with the index already built

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # SQLAlchemy's UniqueConstraint cannot name an existing index.
    op.execute("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key")


def downgrade() -> None:
    # Dropping the constraint drops its index too; put the index back as it was.
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("users_email_key", "users", type_="unique")
    op.create_index("users_email_key", "users", ["email"], unique=True)
