"""add orders.public_id, generated for new rows

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("orders", sa.Column("public_id", postgresql.UUID(as_uuid=True)))
    # Set apart from the ADD, the default applies to new rows only: no rewrite.
    op.alter_column("orders", "public_id", server_default=sa.text("gen_random_uuid()"))


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("orders", "public_id")
