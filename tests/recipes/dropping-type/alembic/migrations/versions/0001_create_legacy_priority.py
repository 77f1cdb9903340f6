"""create the legacy_priority type

Revision ID: 0001
Revises: 
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TYPE legacy_priority AS ENUM ('low', 'high')")


def downgrade() -> None:
    op.execute("DROP TYPE legacy_priority")
