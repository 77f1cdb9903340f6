"""rename users.name to full_name safely, step 1: add the new column

Revision ID: 0d7c4e9b2a15
Revises: 5e6f1b3a9d84
Create Date: 2026-03-02 11:30:58.940127

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0d7c4e9b2a15"
down_revision = "5e6f1b3a9d84"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Expand: the application writes both columns from this release on.
    op.add_column("users", sa.Column("full_name", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "full_name")
