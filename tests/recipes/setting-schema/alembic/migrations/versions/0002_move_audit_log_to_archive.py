"""move audit_log to archive: releases since 41 name archive.audit_log

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET lock_timeout = '5s'")
    # migcheck:ignore setting-schema every release still running names archive.audit_log (since 41)
    op.execute("ALTER TABLE audit_log SET SCHEMA archive")


def downgrade() -> None:
    op.execute("ALTER TABLE archive.audit_log SET SCHEMA public")
