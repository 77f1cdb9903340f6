"""load an audit import through a staging table

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log_staging", sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False)
    )
    op.execute("INSERT INTO audit_log_staging VALUES ('2026-01-01 00:00:00+00')")
    op.execute("INSERT INTO audit_log (logged_at) SELECT logged_at FROM audit_log_staging")
    # Created in this migration: nobody else can be using it.
    op.execute("TRUNCATE audit_log_staging")
    op.drop_table("audit_log_staging")


def downgrade() -> None:
    op.execute("DELETE FROM audit_log WHERE logged_at = '2026-01-01 00:00:00+00'")
