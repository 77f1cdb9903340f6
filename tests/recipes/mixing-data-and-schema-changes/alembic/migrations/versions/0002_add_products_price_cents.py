"""add products.price_cents

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.add_column("products", sa.Column("price_cents", sa.BigInteger))


def downgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    op.drop_column("products", "price_cents")
