// Number literals as Python reads them reach the SQL as their values: onyx's
// `MAX_PROMPT_LENGTH = 5_000_000` in sa.String(length=...) was copied into the
// SQL verbatim and PostgreSQL's parser rejected `VARCHAR(5_000_000)`.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"

using namespace migcheck;

namespace {

std::string up_sql(const std::string& module_body) {
  auto revision =
      read_alembic_revision(SourceFile::make("versions/r1.py",
                                             "from alembic import op\nimport sqlalchemy as sa\n"
                                             "revision = 'r1'\ndown_revision = None\n" +
                                                 module_body + "\n\ndef downgrade():\n    pass\n"));
  REQUIRE(revision);
  std::string sql;
  for (const SqlUnit& unit : revision->up) sql += unit.sql;
  return sql;
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("python numbers: underscores, hex, octal and binary literals are their values") {
    CHECK(up_sql("LENGTH = 5_000_000\n\ndef upgrade():\n"
                 "    op.alter_column('persona', 'prompt', type_=sa.String(length=LENGTH))\n") ==
          "ALTER TABLE persona ALTER COLUMN prompt TYPE VARCHAR(5000000);\n");
    CHECK(up_sql("def upgrade():\n    op.add_column('t', sa.Column('c', sa.String(0x100)))\n") ==
          "ALTER TABLE t ADD COLUMN c VARCHAR(256);\n");
    CHECK(up_sql("def upgrade():\n    op.add_column('t', sa.Column('c', sa.String(0o20)))\n") ==
          "ALTER TABLE t ADD COLUMN c VARCHAR(16);\n");
    CHECK(
        up_sql("def upgrade():\n    op.add_column('t', sa.Column('c', sa.Numeric(1_0, 0b10)))\n") ==
        "ALTER TABLE t ADD COLUMN c NUMERIC(10, 2);\n");
  }
}
