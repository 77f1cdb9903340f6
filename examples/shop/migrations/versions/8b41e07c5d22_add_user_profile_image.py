"""add a nullable profile image column to users

Revision ID: 8b41e07c5d22
Revises: 3f2a9c1d7b01
Create Date: 2026-01-19 14:03:10.551872

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "8b41e07c5d22"
down_revision = "3f2a9c1d7b01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable and without a default: a catalog-only change, safe on a big table.
    op.add_column("users", sa.Column("profile_image_url", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "profile_image_url")
