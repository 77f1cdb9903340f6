// Python's own lists, sets and dicts in migration code: changing one does
// nothing to the database, so it is not reported; and a name bound to a list
// or dict written in the file loses that value once code changes it, so a
// loop over it is no longer unrolled over the stale value.
#include <doctest/doctest.h>

#include <string>

#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_upgrade_revision;
using migcheck::testing::upgrade_sql;

namespace {

Revision read_upgrade(const std::string& upgrade_body) {
  return read_upgrade_revision(upgrade_body);
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("changing a list, set or dict of the migration's own is not reported") {
    Revision r = read_upgrade(
        "    seen = set()\n    seen.add('x')\n"
        "    ids = {row[0] for row in rows_read_earlier}\n"
        "    ids.discard(str(1))\n"
        "    updates: dict = {}\n    updates['name'] = str(len(ids))\n"
        "    names = [n for n in ids]\n    names.append('y')\n"
        "    op.execute('DROP TABLE old')\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) == "DROP TABLE old;\n");
  }

  TEST_CASE("a change that may reach the database, or of an unknown object, is still reported") {
    Revision r = read_upgrade(
        "    rows = []\n    rows.append(op.get_bind().execute(sa.text('SELECT 1')))\n"
        "    config = load_config()\n    config.update({'a': 1})\n"
        "    seen = set()\n    seen = fetch()\n    seen.add('x')\n");
    REQUIRE(r.read_findings.size() == 3);
    CHECK(r.read_findings[0].location.line == 8);
    CHECK(
        r.read_findings[1].message ==
        "load_config().update(...) not translated to SQL: migcheck cannot see what it does to the "
        "database");
    CHECK(r.read_findings[2].location.line == 13);
  }

  TEST_CASE("a loop over a list code has changed is not unrolled over its first value") {
    // Python drops `a` here; unrolling the loop over [] would lint nothing.
    Revision r = read_upgrade(
        "    tables = []\n    tables.append('a')\n    for t in tables:\n        "
        "op.drop_table(t)\n");
    REQUIRE(r.read_findings.size() == 1);
    CHECK(r.read_findings[0].message ==
          "op.drop_table(...) not translated to SQL: table_name is not a literal value, so "
          "its SQL is not linted (may run: inside a `for` loop over values only Python knows)");
  }
}
