"""create tickets with ids the application assigns

Revision ID: 0001
Revises: 
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE tickets (
            id bigint PRIMARY KEY,
            title text NOT NULL
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE tickets")
