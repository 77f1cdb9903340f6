"""normalise product prices and make price NOT NULL

Revision ID: 5e6f1b3a9d84
Revises: c7d9a2e4f613
Create Date: 2026-02-16 16:21:05.377410

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "5e6f1b3a9d84"
down_revision = "c7d9a2e4f613"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A data migration: products without a price get 0, the rest are rounded
    # to whole cents.
    op.execute("UPDATE products SET price = 0 WHERE price IS NULL")
    op.execute("UPDATE products SET price = round(price, 2)")
    # Then a schema change in the same revision: SET NOT NULL scans the whole
    # table under an ACCESS EXCLUSIVE lock. Two hazards in one revision.
    op.alter_column(
        "products", "price", existing_type=sa.Numeric(10, 2), nullable=False
    )


def downgrade() -> None:
    # The prices stay normalised; only the constraint is undone.
    op.alter_column(
        "products", "price", existing_type=sa.Numeric(10, 2), nullable=True
    )
