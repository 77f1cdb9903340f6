// op.bulk_insert: one INSERT per row, as Alembic's offline mode emits (the
// forms real Alembic agrees on are in the 8h_built_names.py revision of
// alembic_offline_test); rows or tables only running code knows stay
// unresolved.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"
#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_revision_text;
using migcheck::testing::read_upgrade_revision;
using migcheck::testing::upgrade_sql;

namespace {

// The module's tables, as the revisions the tests read declare them.
constexpr const char* kTables =
    "T = sa.table('kind', sa.column('id', sa.BigInteger), sa.column('name', sa.String))\n";

Revision read_upgrade(const std::string& upgrade_body) {
  return read_upgrade_revision(upgrade_body, kTables);
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("bulk_insert: rows in the table's column order, rows from a loop, no rows") {
    Revision r = read_upgrade(
        "    op.bulk_insert(T, [{'name': 'a', 'id': 1}, {'id': 2}])\n"
        "    for name in ('b', 'c'):\n"
        "        op.bulk_insert(T, [{'name': name}])\n"
        "    op.bulk_insert(T, [])\n"
        "    for kind in KINDS:\n"
        "        op.bulk_insert(T, [{'id': kind.id, 'name': 'x'}])\n");
    REQUIRE(r.conditional.size() == 1);  // the loop over KINDS, which Python alone knows
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "INSERT INTO kind (id, name) VALUES (1, 'a');\n"
          "INSERT INTO kind (id) VALUES (2);\n"
          "INSERT INTO kind (name) VALUES ('b');\n"
          "INSERT INTO kind (name) VALUES ('c');\n"
          // Values only running code knows: parameters, as Alembic sends rows when it runs.
          "INSERT INTO kind (id, name) VALUES ($1, 'x');\n");
    Location at = r.up[0].map.locate(0, 6);
    CHECK(at.line == 8);  // the op.bulk_insert call
  }

  TEST_CASE("quay's upgrade(op, tables, tester): tables.<name> and the no-op test-data hooks") {
    // quay's env.py passes its metadata's tables, and a NoopTester unless
    // TEST_MIGRATE=true: tester.populate_* run nothing in a deployment.
    Revision r = read_revision_text(
        "revision = 'r1'\ndown_revision = None\n\n"
        "def upgrade(op, tables, tester):\n"
        "    op.bulk_insert(tables.logentrykind, [{'name': 'login', 'id': 3}, {'name': None}])\n"
        "    tester.populate_column('user', 'flags', tester.TestDataType.Integer)\n"
        "\ndef downgrade(op, tables, tester):\n    op.drop_table('t')\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "INSERT INTO logentrykind (name, id) VALUES ('login', 3);\n"
          "INSERT INTO logentrykind (name) VALUES (NULL);\n");
    // Elsewhere a `tester` is an object migcheck knows nothing about.
    Revision other =
        read_upgrade("    tester = make_tester()\n    tester.populate_table('t', [])\n");
    REQUIRE(other.read_findings.size() == 1);
    CHECK(other.read_findings[0].message.find("populate_table(...) not translated") !=
          std::string::npos);
  }

  TEST_CASE("bulk_insert rows and tables only running code knows stay unresolved") {
    for (std::string body : {
             "    op.bulk_insert(T, [{'name': n} for n in NAMES])\n",  // a comprehension
             "    op.bulk_insert(T, rows)\n",                          // a name Python alone knows
             "    op.bulk_insert(T, ({'id': 1},))\n",                  // not a list: TypeError
             "    op.bulk_insert(T, [{'other': 1}])\n",                // not a column: KeyError
             "    op.bulk_insert(T, [{'id': 'x'}])\n",                 // a string for a BigInteger
             "    op.bulk_insert(T, [{'id': 1.5}])\n",                 // a float for a BigInteger
             "    op.bulk_insert(tables.kind, [{'id': 1}])\n",         // no `tables` parameter
             "    op.bulk_insert(sa.table('k', sa.column('at', sa.DateTime)), [{'at': 'x'}])\n",
             "    op.bulk_insert(sa.table('k', sa.column('at')), [{'at': 'x'}])\n",  // no type
         }) {
      CAPTURE(body);
      Revision r = read_upgrade(body);
      REQUIRE(r.read_findings.size() == 1);
      CHECK(r.read_findings[0].message.starts_with("op.bulk_insert(...) not translated to SQL"));
      CHECK(r.up.empty());
    }
  }

  TEST_CASE("an op call whose result is assigned runs its SQL; the Table it returns is unknown") {
    // dispatch's `_ = op.create_table(...)`. Alembic 1.8.1 offline emits the
    // CREATE TABLE, then the INSERT through the returned Table, which the
    // reader does not model.
    Revision r = read_upgrade(
        "    t = op.create_table('settings', sa.Column('id', sa.Integer(), nullable=False),\n"
        "                        sa.PrimaryKeyConstraint('id'), schema='core')\n"
        "    op.bulk_insert(t, [{'id': 1}])\n");
    CHECK(upgrade_sql(r) ==
          "CREATE TABLE core.settings (\n    id SERIAL NOT NULL,\n    PRIMARY KEY (id)\n);\n");
    REQUIRE(r.read_findings.size() == 1);
    CHECK(r.read_findings[0].location.line == 10);
    CHECK(r.read_findings[0].message.starts_with("op.bulk_insert(...) not translated to SQL"));
  }
}
