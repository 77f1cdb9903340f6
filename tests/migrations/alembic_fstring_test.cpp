// f-strings whose placeholders name known strings or numbers read as the
// string Python makes: the literal parts map byte for byte into the file, each
// value to its `{placeholder}`. Anything else in braces leaves the call
// unresolved.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"
#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_revision_text;
using migcheck::testing::upgrade_sql;

namespace {

const char* kHeader =
    "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n\n";

Revision read_upgrade(const std::string& module_level, const std::string& upgrade_body) {
  return read_revision_text(kHeader + module_level + "def upgrade():\n" + upgrade_body +
                            "\ndef downgrade():\n    op.drop_table('t')\n");
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("f-strings of known values: module constants, loop values, names in the function") {
    // onyx's pattern: SQL built per table in a loop over a module-level tuple.
    Revision r = read_upgrade(
        "TABLES = ('chat_message', 'document')\nLIMIT = 5\n\n",
        "    for table in TABLES:\n"
        "        op.execute(f\"ALTER TABLE {table} SET (fillfactor = {LIMIT!s})\")\n"
        "    column = 'tenant_id'\n"
        "    op.execute(f'CREATE INDEX ix_{column} ON t ({{column}})'.replace('{{', ''))\n"
        "    op.execute(f'''DROP TABLE {TABLES}''')\n");
    REQUIRE(r.read_findings.size() == 1);  // a tuple in braces
    // {{ is a literal brace, so the f-string holds "{{" nowhere and replace() changes nothing.
    CHECK(upgrade_sql(r) ==
          "ALTER TABLE chat_message SET (fillfactor = 5);\n"
          "ALTER TABLE document SET (fillfactor = 5);\n"
          "CREATE INDEX ix_tenant_id ON t ({column});\n");
  }

  TEST_CASE("f-strings: the literal parts map exactly, values to their braces") {
    Revision r =
        read_upgrade("NAME = 'kind'\n\n", "    op.execute(f\"DROP TYPE {NAME} CASCADE\")\n");
    REQUIRE(r.read_findings.empty());
    REQUIRE(r.up.size() == 1);
    CHECK(r.up[0].sql == "DROP TYPE kind CASCADE;\n");
    // Line 9: `    op.execute(f"DROP TYPE {NAME} CASCADE")`; the value starts at column 18.
    Location drop = r.up[0].map.locate(0, 4);
    CHECK(drop.line == 9);
    CHECK(drop.column == 18);
    Location name = r.up[0].map.locate(10, 14);  // "kind" comes from `{NAME}`
    CHECK(name.column == 28);
    Location cascade = r.up[0].map.locate(15, 22);
    CHECK(cascade.column == 35);
  }

  TEST_CASE("f-strings with values only Python knows stay unresolved") {
    for (std::string body :
         {"    op.execute(f'DROP TABLE {compute()}')\n",
          "    op.execute(f'DROP TABLE {unknown}')\n", "    op.execute(f'DROP TABLE {NAME:>10}')\n",
          "    op.execute(f'DROP TABLE {NAME!r}')\n"}) {
      CAPTURE(body);
      Revision r = read_upgrade("NAME = 'kind'\n\n", body);
      REQUIRE(r.read_findings.size() == 1);
      CHECK(r.read_findings[0].message.find("the SQL is not a literal value") != std::string::npos);
      CHECK(r.up.empty());
    }
  }
}
