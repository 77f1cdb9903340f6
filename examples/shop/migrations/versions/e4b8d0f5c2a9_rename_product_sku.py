"""rename products.sku to product_code in one step

Revision ID: e4b8d0f5c2a9
Revises: 9a1f6d2c8e37
Create Date: 2026-03-20 17:45:09.273566

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "e4b8d0f5c2a9"
down_revision = "9a1f6d2c8e37"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Unsafe: application servers still running the previous release query
    # products.sku and fail from the moment this commits (migcheck reports it).
    op.alter_column("products", "sku", new_column_name="product_code")


def downgrade() -> None:
    op.alter_column("products", "product_code", new_column_name="sku")
