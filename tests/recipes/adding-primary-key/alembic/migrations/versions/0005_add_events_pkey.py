"""make events.id the primary key, with its index built concurrently first

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    with op.get_context().autocommit_block():
        op.create_index("events_pkey", "events", ["id"], unique=True, postgresql_concurrently=True)
    # SQLAlchemy's PrimaryKeyConstraint cannot name an existing index.
    op.execute("ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey")


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_constraint("events_pkey", "events", type_="primary")
