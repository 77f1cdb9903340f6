"""drop legacy_priority, which no column or release uses

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
    # migcheck:ignore dropping-type no column uses it and no release still running names it (the last did in 40)
    op.execute("DROP TYPE legacy_priority")


def downgrade() -> None:
    op.execute("CREATE TYPE legacy_priority AS ENUM ('low', 'high')")
