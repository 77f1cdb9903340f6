// `if`/`elif`/`else` whose conditions follow from values in the file: the
// reader picks the branch Python picks (a loop unrolled over a literal list
// that tests its table's name, onyx's create_anonymous_user), and a branch
// that surely runs ends the block when it returns. The SQL expected is what
// Alembic 1.8.1 emits for the same revision in offline (--sql) mode.
#include <doctest/doctest.h>

#include <string>

#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_revision_text;
using migcheck::testing::upgrade_sql;

namespace {

Revision read_upgrade(const std::string& module_level, const std::string& upgrade_body) {
  return read_revision_text(
      "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n" +
      module_level + "\ndef upgrade():\n" + upgrade_body +
      "\ndef downgrade():\n    op.execute('SELECT 1')\n");
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("conditions on known values take the branch Python takes") {
    Revision r =
        read_upgrade("TABLES = ['credential', 'tool', 'note']\nMODE = 'strict'\n",
                     "    for table in TABLES:\n"
                     "        if table == 'credential':\n"
                     "            condition = 'user_id IS NULL AND id != 0'\n"
                     "        elif table in ('tool', 'persona'):\n"
                     "            condition = 'user_id IS NULL AND builtin'\n"
                     "        else:\n"
                     "            condition = 'user_id IS NULL'\n"
                     "        op.execute(f'UPDATE \"{table}\" SET user_id = 1 WHERE {condition}')\n"
                     "        if table == 'note' and not MODE == 'loose':\n"
                     "            op.drop_table(table)\n"
                     "            return\n"
                     "        op.create_index('ix_' + table, table, ['user_id'])\n"
                     "    op.drop_table('never')\n");
    CHECK(r.read_findings.empty());
    CHECK(r.conditional.empty());
    CHECK(upgrade_sql(r) ==
          "UPDATE \"credential\" SET user_id = 1 WHERE user_id IS NULL AND id != 0;\n"
          "CREATE INDEX ix_credential ON credential (user_id);\n"
          "UPDATE \"tool\" SET user_id = 1 WHERE user_id IS NULL AND builtin;\n"
          "CREATE INDEX ix_tool ON tool (user_id);\n"
          "UPDATE \"note\" SET user_id = 1 WHERE user_id IS NULL;\n"
          "DROP TABLE note;\n");
  }

  TEST_CASE("a condition only running code decides keeps every branch as SQL that may run") {
    // `rows` may have grown since it was bound to []; `flag` is a parameter.
    Revision r = read_upgrade("",
                              "    rows = []\n    rows.append('x')\n"
                              "    if rows:\n        op.drop_table('a')\n"
                              "    elif 'b' == 'b':\n        op.drop_table('b')\n"
                              "    else:\n        op.drop_table('c')\n"
                              "    if 'x' in 'xyz' or undefined_flag:\n        op.drop_table('d')\n"
                              "    if 1 == 1.0:\n        op.drop_table('e')\n");
    CHECK(upgrade_sql(r) == "DROP TABLE a;\nDROP TABLE b;\nDROP TABLE d;\nDROP TABLE e;\n");
    REQUIRE(r.conditional.size() == 3);
    CHECK(r.conditional[0].why == "may run: inside `if`, which only Python decides whether to run");
    CHECK(r.conditional[0].where.line == 10);
    // `elif 'b' == 'b'` runs whenever `if rows` does not, so `else` never runs.
    CHECK(r.conditional[1].why ==
          "may run: inside `elif`, which only Python decides whether to run");
    CHECK(r.conditional[2].why == "may run: inside `if`, which only Python decides whether to run");
    CHECK(r.conditional[2].where.line == 18);
  }
}
