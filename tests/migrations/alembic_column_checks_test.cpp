// Column-level CHECK constraints (sa.Column(..., sa.CheckConstraint(...)),
// ckan's 106_12d64978ab44) and index elements over SQL functions of a
// column (ckan's sa.func.lower(sa.Column('email')), 108_f7b64c701a10). The
// expected SQL is Alembic 1.8.1's in offline (--sql) mode for the same calls.
#include <doctest/doctest.h>

#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using namespace migcheck::testing;

TEST_SUITE("test_migrations") {
  TEST_CASE("a CheckConstraint given to a column follows the column's definition") {
    Revision revision = read_upgrade_revision(
        "    op.add_column('group', sa.Column('extras', postgresql.JSONB(astext_type=sa.Text()),\n"
        "        sa.CheckConstraint(\"jsonb_typeof(extras) = 'object'\", "
        "name='group_flat_extras'),\n"
        "        nullable=True))\n"
        "    op.add_column('package', sa.Column('size', sa.Integer(), "
        "sa.CheckConstraint('size > 0'), nullable=False, server_default='1'))\n"
        "    op.create_table('t', sa.Column('a', sa.Integer, sa.CheckConstraint('a > 1', "
        "name='a_pos')),\n"
        "                    sa.Column('b', sa.Integer, sa.CheckConstraint('b > 1')))\n",
        "from sqlalchemy.dialects import postgresql\n");
    CHECK(revision.read_findings.empty());
    CHECK(upgrade_sql(revision) ==
          "ALTER TABLE \"group\" ADD COLUMN extras JSONB CONSTRAINT group_flat_extras CHECK "
          "(jsonb_typeof(extras) = 'object');\n"
          "ALTER TABLE package ADD COLUMN size INTEGER DEFAULT '1' NOT NULL CHECK (size > 0);\n"
          "CREATE TABLE t (\n"
          "    a INTEGER CONSTRAINT a_pos CHECK (a > 1),\n"
          "    b INTEGER CHECK (b > 1)\n"
          ");\n");
  }

  TEST_CASE("an index over a function of a column") {
    Revision revision = read_upgrade_revision(
        "    op.create_index('idx_email_no_case', 'user', [sa.func.lower(sa.Column('email'))],\n"
        "        unique=True, postgresql_where=sa.text('\"user\".state=\\'active\\''))\n"
        "    op.create_index('ix_mixed', 'user', [sa.func.lower(sa.column('name')), 'state', "
        "sa.text('id DESC')])\n");
    CHECK(revision.read_findings.empty());
    CHECK(upgrade_sql(revision) ==
          "CREATE UNIQUE INDEX idx_email_no_case ON \"user\" (lower(email)) WHERE "
          "\"user\".state='active';\n"
          "CREATE INDEX ix_mixed ON \"user\" (lower(name), state, id DESC);\n");
  }

  TEST_CASE("a column of a table or with options in a function stays unresolved") {
    Revision revision = read_upgrade_revision(
        "    op.create_index('ix_a', 'user', [sa.func.lower(users.c.email)])\n"
        "    op.create_index('ix_b', 'user', [sa.func.lower(sa.Column('email', sa.Text))])\n");
    CHECK(revision.up.empty());
    CHECK(revision.read_findings.size() == 2);
  }
}
