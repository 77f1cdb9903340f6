"""check email addresses contain an @, for new values only

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at "
        "CHECK (VALUE LIKE '%@%') NOT VALID"
    )


def downgrade() -> None:
    op.execute("ALTER DOMAIN email_address DROP CONSTRAINT email_address_has_at")
