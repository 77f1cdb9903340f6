#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"

using namespace migcheck;

namespace {

const char* kHeader =
    "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n\n";

Revision read(const std::string& body) {
  auto r = read_alembic_revision(SourceFile::make("versions/r1.py", kHeader + body));
  REQUIRE(r);
  return *r;
}

Revision read_upgrade(const std::string& upgrade_body) {
  return read("def upgrade():\n" + upgrade_body + "\ndef downgrade():\n    op.drop_table('t')\n");
}

const Finding& only_finding(const Revision& r) {
  REQUIRE(r.read_findings.size() == 1);
  return r.read_findings[0];
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("unresolved operations: non-literal arguments are reported at the call") {
    Revision r =
        read_upgrade("    name = compute()\n    op.add_column(name, sa.Column('a', sa.Text))\n");
    const Finding& f = only_finding(r);
    CHECK(f.rule == "unresolved-operation");
    CHECK(f.severity == Severity::info);
    CHECK(f.revision == "r1");
    CHECK(f.location.line == 8);
    CHECK(f.location.column == 5);
    CHECK(f.message.find("op.add_column(...) not translated") != std::string::npos);
    CHECK(f.message.find("table_name is not a literal") != std::string::npos);
    CHECK(r.up.empty());  // nothing else ran
  }

  TEST_CASE("unresolved operations: f-strings, bound connections, helpers with arguments") {
    Revision fstring = read_upgrade("    t = compute()\n    op.execute(f'DROP TABLE {t}')\n");
    CHECK(only_finding(fstring).message.find("op.execute(...)") != std::string::npos);
    CHECK(only_finding(fstring).location.line == 8);

    // A bound connection's execute of literal SQL runs like op.execute; of
    // SQL built at run time, or on a connection migcheck cannot place, not.
    Revision conn = read_upgrade(
        "    conn = op.get_bind()\n    conn.execute(sa.text('DELETE FROM t'))\n"
        "    conn.execute(query, {'id': 1})\n"
        "    rows = session.execute(sa.text('SELECT id FROM v')).fetchall()\n");
    REQUIRE(conn.read_findings.size() == 2);
    CHECK(conn.read_findings[0].message.find("op.get_bind().execute(...) not translated") !=
          std::string::npos);
    CHECK(conn.read_findings[0].location.line == 9);
    CHECK(conn.read_findings[1].message == ".execute() in an assignment is not translated to SQL");
    REQUIRE(conn.up.size() == 1);
    CHECK(conn.up[0].sql == "DELETE FROM t;\n");

    Revision helper = read(
        "def _make(*tables):\n    op.drop_table(tables)\n\ndef upgrade():\n    _make('a')\n"
        "\ndef downgrade():\n    pass\n");
    REQUIRE(helper.read_findings.size() == 2);  // the helper call and the empty downgrade
    CHECK(helper.read_findings[0].rule == "unresolved-operation");
    CHECK(helper.read_findings[0].message.find("_make(...)") != std::string::npos);

    Revision bulk = read_upgrade("    op.bulk_insert(table, [{'id': 1}])\n");
    CHECK(only_finding(bulk).message.find("a table that is not sa.table(...)") !=
          std::string::npos);

    Revision recreate = read_upgrade(
        "    with op.batch_alter_table('t', recreate='always') as b:\n        "
        "b.drop_column('c')\n");
    CHECK(only_finding(recreate).message.find("recreate=\"always\"") != std::string::npos);
    CHECK(recreate.up.empty());

    Revision type = read_upgrade("    op.add_column('t', sa.Column('a', MyType()))\n");
    CHECK(only_finding(type).message.find("MyType() is not one migcheck knows") !=
          std::string::npos);
  }

  TEST_CASE("unresolved operations: the rest of the function is still translated") {
    Revision r = read_upgrade(
        "    op.add_column('t', sa.Column('a', sa.Integer))\n"
        "    op.execute(some_sql)\n"
        "    op.drop_column('t', 'b')\n"
        "    print('done')\n"
        "    setup_logger().info('done')\n"  // logging however the logger is made
        "    _logger.warning('done')\n"
        "    log = getLogger(__name__)\n"
        "    log.setLevel('DEBUG')\n"
        "    log.info('rows: %d' % 3)\n"
        "    backup = csv.writer(open('backup.csv', 'w'))\n"  // fides's backups before data fixes
        "    backup.writerow(['id'])\n"
        "    run_logger.flush_rows()\n");  // not a logging call: reported
    REQUIRE(r.read_findings.size() == 2);
    CHECK(r.read_findings[1].message.starts_with("run_logger.flush_rows(...) not translated"));
    r.read_findings.pop_back();
    CHECK(only_finding(r).location.line == 8);
    REQUIRE(r.up.size() == 1);
    CHECK(r.up[0].sql == "ALTER TABLE t ADD COLUMN a INTEGER;\nALTER TABLE t DROP COLUMN b;\n");
  }

  TEST_CASE("drop_constraint(None, ...): SQLAlchemy refuses it, so the function fails there") {
    // Alembic's autogenerate writes None where it could not read the name;
    // real Alembic then fails with "Can't emit DROP CONSTRAINT ... it has no name".
    Revision r = read(
        "def upgrade():\n    op.create_foreign_key(None, 'a', 'b', ['b_id'], ['id'])\n\n"
        "def downgrade():\n    op.drop_constraint(None, 'a', type_='foreignkey')\n"
        "    op.drop_table('c')\n");
    const Finding& f = only_finding(r);
    CHECK(f.rule == "irreversible-downgrade");
    CHECK(f.message ==
          "drop_constraint(None, ...) fails when it runs: SQLAlchemy cannot emit DROP CONSTRAINT "
          "for a constraint without a name, so this revision cannot be rolled back");
    CHECK(f.location.line == 10);
    CHECK(r.has_down);
    REQUIRE(r.down.size() == 1);
    CHECK(r.down[0].sql == "DROP TABLE c;\n");

    Revision up = read_upgrade("    op.drop_constraint(None, 'a')\n");
    CHECK(only_finding(up).rule == "unresolved-operation");
  }

  TEST_CASE("irreversible downgrade: missing, empty, pass or raising") {
    Revision missing = read("def upgrade():\n    op.drop_table('t')\n");
    CHECK_FALSE(missing.has_down);
    CHECK(only_finding(missing).rule == "irreversible-downgrade");
    CHECK(only_finding(missing).severity == Severity::warning);
    CHECK(only_finding(missing).location.line == 1);

    for (std::string body :
         {"    pass\n", "    \"\"\"Nothing to undo.\"\"\"\n", "    ...\n",
          "    # nothing\n    pass\n", "    raise NotImplementedError('one way')\n"}) {
      CAPTURE(body);
      Revision r =
          read("def upgrade():\n    op.drop_table('t')\n\ndef downgrade() -> None:\n" + body);
      CHECK_FALSE(r.has_down);
      CHECK(r.down.empty());
      const Finding& f = only_finding(r);
      CHECK(f.rule == "irreversible-downgrade");
      CHECK(f.location.line == 9);
      CHECK(f.location.column == 1);
    }
    Revision one_line = read("def upgrade():\n    op.drop_table('t')\n\ndef downgrade(): pass\n");
    CHECK_FALSE(one_line.has_down);

    // A merge revision's empty downgrade undoes its empty upgrade.
    Revision merge = read("def upgrade():\n    pass\n\ndef downgrade():\n    pass\n");
    CHECK(merge.has_down);
    CHECK(merge.read_findings.empty());
    Revision raising =
        read("def upgrade():\n    pass\n\ndef downgrade():\n    raise RuntimeError()\n");
    CHECK_FALSE(raising.has_down);

    Revision reversible = read(
        "def upgrade():\n    op.drop_table('t')\n\ndef downgrade():\n"
        "    \"\"\"Recreate.\"\"\"\n    op.create_table('t', sa.Column('id', sa.Integer))\n");
    CHECK(reversible.has_down);
    CHECK(reversible.read_findings.empty());
    REQUIRE(reversible.down.size() == 1);
    CHECK(reversible.down[0].sql == "CREATE TABLE t (\n    id INTEGER\n);\n");
  }
}
