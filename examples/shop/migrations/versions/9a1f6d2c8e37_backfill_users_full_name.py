"""rename users.name to full_name safely, step 2: backfill

Revision ID: 9a1f6d2c8e37
Revises: 0d7c4e9b2a15
Create Date: 2026-03-03 08:14:22.618093

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "9a1f6d2c8e37"
down_revision = "0d7c4e9b2a15"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Data only, in its own revision. Once every reader uses full_name, a later
    # release drops users.name (the contract step).
    op.execute("UPDATE users SET full_name = name WHERE full_name IS NULL")


def downgrade() -> None:
    # The old column still holds every name: nothing to restore.
    op.execute("UPDATE users SET full_name = NULL")
