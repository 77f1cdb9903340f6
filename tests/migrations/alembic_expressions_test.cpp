// Names and SQL built with `+`, `%`, .format(), .replace(), .join() and
// list() from known values read as the value Python computes (the forms
// real Alembic agrees on are in the 8h_built_names.py revision of
// alembic_offline_test); anything whose value Python alone knows, or whose
// formatting migcheck does not model exactly, stays unresolved.
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
  TEST_CASE("built strings: % with %% and %(key)s, str(), + of lists, .upper()") {
    Revision r =
        read_upgrade("TABLE = 'ticket'\nOLD = ['a']\n\n",
                     "    op.execute(\"UPDATE %s SET code = 'x%%' WHERE id = %d\" % (TABLE, 7))\n"
                     "    op.execute('DROP TABLE %(t)s' % {'t': TABLE + '_' + str(2)})\n"
                     "    for column in OLD + ['b']:\n"
                     "        op.drop_column(TABLE, column.upper())\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "UPDATE ticket SET code = 'x%' WHERE id = 7;\n"
          "DROP TABLE ticket_2;\n"
          "ALTER TABLE ticket DROP COLUMN \"A\";\n"
          "ALTER TABLE ticket DROP COLUMN \"B\";\n");
  }

  TEST_CASE("built strings: += adds to a known string; other augmented assignments forget it") {
    Revision r = read_upgrade("",
                              "    sql = 'UPDATE t SET a = 1'\n"
                              "    sql += ' WHERE id = 2'\n"
                              "    op.execute(sql)\n"
                              "    name = 'x'\n"
                              "    name *= 2\n"
                              "    op.execute(name)\n");
    REQUIRE(r.read_findings.size() == 1);  // `name` after *=, not the stale 'x'
    CHECK(r.read_findings[0].location.line == 12);
    CHECK(upgrade_sql(r) == "UPDATE t SET a = 1 WHERE id = 2;\n");
  }

  TEST_CASE("built strings: each side of + keeps its place in the file") {
    Revision r = read_upgrade("", "    op.execute('DROP ' + 'TABLE t')\n");
    REQUIRE(r.up.size() == 1);
    CHECK(r.up[0].sql == "DROP TABLE t;\n");
    // Line 7: `    op.execute('DROP ' + 'TABLE t')`.
    CHECK(r.up[0].map.locate(0, 4).column == 17);
    CHECK(r.up[0].map.locate(5, 10).column == 27);
  }

  TEST_CASE("built strings Python alone can compute, or migcheck cannot render exactly") {
    for (std::string body : {
             "    op.execute('DROP TABLE %s' % unknown)\n",        // a value only Python knows
             "    op.execute('DROP TABLE %5s' % 't')\n",           // a width
             "    op.execute('DROP TABLE %s %s' % ('t',))\n",      // too few values: TypeError
             "    op.execute('DROP TABLE %s' % ('t', 'u'))\n",     // too many: TypeError
             "    op.execute('SELECT %s' % 1.50)\n",               // str(1.50) is 1.5
             "    op.execute('DROP TABLE {:>3}'.format('t'))\n",   // a format spec
             "    op.execute('DROP TABLE {} {0}'.format('t'))\n",  // mixed numbering: ValueError
             "    op.execute('DROP TABLE ' + 't' * 2)\n",          // other arithmetic
             "    op.execute('DROP TABLE ' + ', '.join(x for x in 'ab'))\n",  // a generator
             "    op.execute('DROP TABLE \\u00c9'.lower())\n",  // non-ASCII case mapping
         }) {
      CAPTURE(body);
      Revision r = read_upgrade("", body);
      REQUIRE(r.read_findings.size() == 1);
      CHECK(r.read_findings[0].message.find("not a literal value") != std::string::npos);
      CHECK(r.up.empty());
    }
  }
}
