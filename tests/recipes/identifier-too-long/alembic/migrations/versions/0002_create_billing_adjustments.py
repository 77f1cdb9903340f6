"""create customer subscription billing adjustments, with short constraint names

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
    # Generated names would pass 63 bytes; these are named explicitly.
    op.execute("SET lock_timeout = '5s'")
    op.create_table(
        "customer_subscription_billing_adjustments",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("adjustment_reason_description", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="billing_adjustments_customer_fkey"
        ),
        sa.CheckConstraint(
            "length(adjustment_reason_description) <= 500", name="billing_adjustments_reason_length"
        ),
    )
    op.create_index(
        "billing_adjustments_customer_idx",
        "customer_subscription_billing_adjustments",
        ["customer_id"],
    )


def downgrade() -> None:
    op.drop_table("customer_subscription_billing_adjustments")
