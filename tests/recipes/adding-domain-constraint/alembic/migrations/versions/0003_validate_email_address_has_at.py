"""validate the email address check

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER DOMAIN email_address VALIDATE CONSTRAINT email_address_has_at")


def downgrade() -> None:
    # Back to a check that only new values have passed.
    op.execute("ALTER DOMAIN email_address DROP CONSTRAINT email_address_has_at")
    op.execute(
        "ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at "
        "CHECK (VALUE LIKE '%@%') NOT VALID"
    )
