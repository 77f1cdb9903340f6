#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"
#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_revision_text;
using migcheck::testing::upgrade_sql;

namespace {

// The Location of the first occurrence of `needle` in the unit's SQL.
Location locate(const SqlUnit& unit, const std::string& needle) {
  size_t at = unit.sql.find(needle);
  REQUIRE(at != std::string::npos);
  return unit.map.locate(at, at + needle.size());
}

const char* kHeader =
    "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n\n";

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("source map: a generated statement points at its op call") {
    // line 7: "    op.add_column(" ... the call spans lines 7-9.
    Revision r = read_revision_text(std::string(kHeader) +
                                    "def upgrade():\n"
                                    "    op.add_column(\n"
                                    "        'users',\n"
                                    "        sa.Column('bio', sa.Text()))\n"
                                    "    op.drop_column('users', 'x')\n"
                                    "\ndef downgrade():\n    pass\n");
    REQUIRE(r.up.size() == 1);
    Location add = locate(r.up[0], "ALTER TABLE users ADD COLUMN bio TEXT");
    CHECK(add.file == "versions/r1.py");
    CHECK(add.line == 7);
    CHECK(add.column == 5);
    CHECK(add.end_line == 9);
    CHECK(add.end_column == 37);
    // A clause inside the statement maps to the whole call too.
    CHECK(locate(r.up[0], "bio").line == 7);
    Location drop = locate(r.up[0], "DROP COLUMN x");
    CHECK(drop.line == 10);
    CHECK(drop.column == 5);
  }

  TEST_CASE("source map: SQL in op.execute maps into the string literal") {
    Revision r =
        read_revision_text(std::string(kHeader) +
                           "def upgrade():\n"
                           "    op.execute(\"\"\"\n"
                           "        UPDATE users\n"
                           "        SET name = 'é'\n"
                           "        WHERE id = 1\n"
                           "    \"\"\")\n"
                           "    op.execute(sa.text('ALTER TABLE a ' \"ADD COLUMN\\tb int\"\n"
                           "                       ' NOT NULL'))\n"
                           "\ndef downgrade():\n    pass\n");
    REQUIRE(r.up.size() == 1);
    Location update = locate(r.up[0], "UPDATE users");
    CHECK(update.line == 8);
    CHECK(update.column == 9);
    CHECK(update.end_line == 8);
    CHECK(update.end_column == 21);
    // Columns count characters: the 'é' before WHERE's line does not shift it.
    Location where = locate(r.up[0], "WHERE id = 1");
    CHECK(where.line == 10);
    CHECK(where.column == 9);
    Location value = locate(r.up[0], "'é'");
    CHECK(value.line == 9);
    CHECK(value.column == 20);
    CHECK(value.end_column == 23);
    // Implicit concatenation and an escape: each piece maps to its own literal.
    Location alter = locate(r.up[0], "ALTER TABLE a");
    CHECK(alter.line == 12);
    CHECK(alter.column == 25);
    Location add = locate(r.up[0], "ADD COLUMN");
    CHECK(add.line == 12);
    CHECK(add.column == 42);
    Location type = locate(r.up[0], "b int");  // after the two-character \t escape
    CHECK(type.line == 12);
    CHECK(type.column == 54);
    Location not_null = locate(r.up[0], "NOT NULL");
    CHECK(not_null.line == 13);
    CHECK(not_null.column == 26);
  }

  TEST_CASE("source map: migcheck:ignore comments travel with the statement") {
    Revision r = read_revision_text(
        std::string(kHeader) +
        "# migcheck:ignore-file prefer-text\n"
        "def upgrade():\n"
        "    # migcheck:ignore dropping-column the column was never read\n"
        "    op.drop_column('users', 'legacy')\n"
        "    op.drop_column('users', 'other')  # migcheck:ignore dropping-column old\n"
        "    op.drop_column('users', 'third')\n"
        "\ndef downgrade():\n    pass\n");
    REQUIRE(r.up.size() == 1);
    CHECK(r.up[0].sql ==
          "-- migcheck:ignore-file prefer-text\n"
          "-- migcheck:ignore dropping-column the column was never read\n"
          "ALTER TABLE users DROP COLUMN legacy;\n"
          "-- migcheck:ignore dropping-column old\n"
          "ALTER TABLE users DROP COLUMN other;\n"
          "ALTER TABLE users DROP COLUMN third;\n");
    Location comment = locate(r.up[0], "-- migcheck:ignore dropping-column");
    CHECK(comment.line == 8);
    CHECK(comment.column == 5);
  }
}
