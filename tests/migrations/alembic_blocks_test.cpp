// Blocks the static reader walks: `for` loops over values written in the file
// are unrolled; `if`/`elif`/`else`/`while`/`except` blocks and loops over
// values only Python knows are translated as SQL that may run, and findings
// about that SQL say so. The unrolled SQL equals real Alembic's (the
// 7g_loops_and_branches.py revision of alembic_offline_test).
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

Revision read(const std::string& module_body) {
  return read_revision_text(kHeader + module_body);
}

Revision read_upgrade(const std::string& upgrade_body, const std::string& module_level = "") {
  return read(module_level + "def upgrade():\n" + upgrade_body +
              "\ndef downgrade():\n    op.drop_table('t')\n");
}

// A finding at the start of the call a ConditionalSql entry covers, as the
// linter would make about that call's SQL.
Finding finding_at(const ConditionalSql& sql) {
  Finding finding;
  finding.message = "a hazard";
  finding.location = sql.where;
  return finding;
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("for loops over values written in the file are unrolled") {
    Revision tuple = read_upgrade("    for t in ('a', 'b'):\n        op.drop_table(t)\n");
    CHECK(tuple.read_findings.empty());
    CHECK(tuple.conditional.empty());
    CHECK(upgrade_sql(tuple) == "DROP TABLE a;\nDROP TABLE b;\n");

    Revision module_constant =
        read_upgrade("    for column in reversed(COLUMNS):\n        op.drop_column('t', column)\n",
                     "COLUMNS = [\n    'author',\n    'maintainer',\n]\n\n");
    CHECK(upgrade_sql(module_constant) ==
          "ALTER TABLE t DROP COLUMN maintainer;\nALTER TABLE t DROP COLUMN author;\n");

    Revision unpacked = read_upgrade(
        "    for table, column in [('a', 'x'), ('b', 'y')]:\n"
        "        op.add_column(table, sa.Column(column, sa.Text()))\n");
    CHECK(upgrade_sql(unpacked) ==
          "ALTER TABLE a ADD COLUMN x TEXT;\nALTER TABLE b ADD COLUMN y TEXT;\n");

    Revision dict = read_upgrade(
        "    for name, column in INDEXES.items():\n"
        "        op.create_index(name, 't', [column])\n"
        "    for name in INDEXES:\n        op.drop_index(name)\n"
        "    for column in INDEXES.values():\n        op.drop_column('t', column)\n",
        "INDEXES = {'ix_a': 'a', 'ix_b': 'b'}\n");
    CHECK(upgrade_sql(dict) ==
          "CREATE INDEX ix_a ON t (a);\nCREATE INDEX ix_b ON t (b);\n"
          "DROP INDEX ix_a;\nDROP INDEX ix_b;\n"
          "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;\n");

    Revision numbered = read_upgrade(
        "    for i, table in enumerate(('a', 'b')):\n"
        "        op.add_column(table, sa.Column('c', sa.String(i)))\n");
    CHECK(upgrade_sql(numbered) ==
          "ALTER TABLE a ADD COLUMN c VARCHAR(0);\nALTER TABLE b ADD COLUMN c VARCHAR(1);\n");

    // A call the reader cannot translate is one finding, not one per value.
    Revision unknown = read_upgrade(
        "    for t in ('a', 'b', 'c'):\n        op.execute(sql_for(t))\n        "
        "op.drop_table(t)\n");
    CHECK(unknown.read_findings.size() == 1);
    CHECK(upgrade_sql(unknown) == "DROP TABLE a;\nDROP TABLE b;\nDROP TABLE c;\n");

    // The loop's name keeps its last value after the loop, as in Python.
    Revision after = read_upgrade("    for t in ('a', 'b'):\n        pass\n    op.drop_table(t)\n");
    CHECK(upgrade_sql(after) == "DROP TABLE b;\n");
  }

  TEST_CASE("a loop over values only Python knows is translated as SQL that may run") {
    Revision r = read_upgrade(
        "    for t in tables():\n"
        "        op.execute('VACUUM big')\n"
        "        op.drop_table(t)\n");
    REQUIRE(r.read_findings.size() == 1);
    CHECK(r.read_findings[0].message ==
          "op.drop_table(...) not translated to SQL: table_name is not a literal value, so its "
          "SQL is not linted (may run: inside a `for` loop over values only Python knows)");
    CHECK(upgrade_sql(r) == "VACUUM big;\n");
    REQUIRE(r.conditional.size() == 1);
    CHECK(r.conditional[0].where.line == 8);
    CHECK(r.conditional[0].why == "may run: inside a `for` loop over values only Python knows");
  }

  TEST_CASE("every branch Python decides is translated, and its findings say it may run") {
    Revision r = read_upgrade(
        "    if dialect() == 'postgresql':\n"
        "        op.drop_column('t', 'a')\n"
        "    elif flag:\n"
        "        op.drop_column('t', 'b')\n"
        "    else:\n"
        "        op.drop_column('t', 'c')\n"
        "    op.drop_column('t', 'd')\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;\n"
          "ALTER TABLE t DROP COLUMN c;\nALTER TABLE t DROP COLUMN d;\n");
    REQUIRE(r.conditional.size() == 3);
    CHECK(r.conditional[0].where.line == 8);
    CHECK(r.conditional[1].why ==
          "may run: inside `elif`, which only Python decides whether to run");
    CHECK(r.conditional[2].why ==
          "may run: inside `else`, which only Python decides whether to run");

    Finding inside = finding_at(r.conditional[0]);
    r.note_conditional(inside);
    CHECK(inside.message ==
          "a hazard (may run: inside `if`, which only Python decides whether to run)");
    // The unconditional call after the branches keeps its message.
    Finding outside = finding_at(r.conditional[2]);
    outside.location.line = 13;
    outside.location.end_line = 13;
    r.note_conditional(outside);
    CHECK(outside.message == "a hazard");
  }

  TEST_CASE("try runs, except may run, and names a branch binds are unknown after it") {
    Revision r = read_upgrade(
        "    try:\n        op.drop_table('a')\n"
        "    except Exception:\n        op.drop_table('b')\n"
        "    finally:\n        op.drop_table('c')\n");
    CHECK(upgrade_sql(r) == "DROP TABLE a;\nDROP TABLE b;\nDROP TABLE c;\n");
    REQUIRE(r.conditional.size() == 1);
    CHECK(r.conditional[0].where.line == 10);
    CHECK(r.conditional[0].why ==
          "may run: inside `except`, which runs only when the code before it fails");

    Revision bound =
        read_upgrade("    name = 'a'\n    if flag:\n        name = 'b'\n    op.drop_table(name)\n");
    REQUIRE(bound.read_findings.size() == 1);
    CHECK(bound.read_findings[0].message.find("table_name is not a literal") != std::string::npos);

    // A branch that only reads a name leaves it known.
    Revision read_only = read_upgrade(
        "    name = 'a'\n    if flag:\n        op.drop_table(name)\n    op.drop_table(name)\n");
    CHECK(read_only.read_findings.empty());
    CHECK(upgrade_sql(read_only) == "DROP TABLE a;\nDROP TABLE a;\n");
  }

  TEST_CASE("an early return: the rest of its block does not run") {
    // ckan's revisions start with `if skip_based_on_legacy_engine_version(op, __name__): return`.
    Revision skip = read_upgrade(
        "    if skip_based_on_legacy_engine_version(op, __name__):\n        return\n"
        "    op.drop_table('a')\n");
    CHECK(skip.read_findings.empty());
    CHECK(skip.conditional.empty());
    CHECK(upgrade_sql(skip) == "DROP TABLE a;\n");

    Revision stops = read_upgrade("    op.drop_table('a')\n    return\n    op.drop_table('b')\n");
    CHECK(upgrade_sql(stops) == "DROP TABLE a;\n");
  }

  TEST_CASE("an enum type's create() and drop(): checkfirst makes them SQL that may run") {
    Revision r = read_upgrade(
        "    sa.Enum('a', 'b', name='kind').create(op.get_bind())\n"
        "    postgresql.ENUM('a', name='mood', schema='s').create(op.get_bind())\n"
        "    postgresql.ENUM(name='old').drop(op.get_bind(), checkfirst=False)\n"
        "    sa.Enum(Kind).create(op.get_bind())\n");
    CHECK(upgrade_sql(r) ==
          "CREATE TYPE kind AS ENUM ('a', 'b');\nCREATE TYPE s.mood AS ENUM ('a');\n"
          "DROP TYPE old;\n");
    REQUIRE(r.conditional.size() == 1);
    CHECK(r.conditional[0].where.line == 8);
    CHECK(r.conditional[0].why == "may run: checkfirst skips it when the type already exists");
    REQUIRE(r.read_findings.size() == 1);
    CHECK(r.read_findings[0].message.find(".create(...) of an enum type not translated") !=
          std::string::npos);
  }

  TEST_CASE("same-file helpers run with their parameters bound to the call's arguments") {
    Revision r = read(
        "def _index(table, column, unique=False, *, schema='app'):\n"
        "    op.create_index(f'ix_{table}_{column}', table, [column], unique=unique, "
        "schema=schema)\n\n"
        "def upgrade():\n"
        "    for table in ('a', 'b'):\n        _index(table, 'x')\n"
        "    _index('c', column='y', unique=True, schema='s')\n"
        "    _index(name(), 'z')\n"
        "    _index('d', 'w', True, 'extra')\n"
        "\ndef downgrade():\n    pass\n");
    CHECK(upgrade_sql(r) ==
          "CREATE INDEX ix_a_x ON app.a (x);\nCREATE INDEX ix_b_x ON app.b (x);\n"
          "CREATE UNIQUE INDEX ix_c_y ON s.c (y);\n");
    // A value only Python knows is unknown in the helper's body; a call that
    // does not fit the signature is not run.
    REQUIRE(r.read_findings.size() == 3);
    CHECK(r.read_findings[0].message.find("op.create_index(...) not translated") !=
          std::string::npos);
    CHECK(r.read_findings[0].location.line == 7);
    CHECK(r.read_findings[1].message.find("_index(...) not translated") != std::string::npos);
    CHECK(r.read_findings[1].location.line == 14);
    CHECK(r.read_findings[2].rule == "irreversible-downgrade");
  }

  TEST_CASE("a helper defined inside upgrade() runs where it is called, seeing its names then") {
    // fides's create_role_permission_mapping inside upgrade(): Python looks up
    // the enclosing function's names when the helper runs.
    Revision r = read_upgrade(
        "    schema = 'app'\n"
        "    bind = op.get_bind()\n\n"
        "    def grant(role, table):\n"
        "        op.execute(f'GRANT SELECT ON {schema}.{table} TO {role}')\n"
        "        bind.execute(sa.text('INSERT INTO grants (role) VALUES (:role)'), "
        "{'role': role})\n\n"
        "    grant('reader', 'orders')\n"
        "    schema = 'audit'\n"
        "    grant('auditor', table='log')\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "GRANT SELECT ON app.orders TO reader;\nINSERT INTO grants (role) VALUES ($1   );\n"
          "GRANT SELECT ON audit.log TO auditor;\nINSERT INTO grants (role) VALUES ($1   );\n");
  }

  TEST_CASE("a bound connection's execute: its SQL is linted when its result is kept") {
    Revision r = read_upgrade(
        "    bind = op.get_bind()\n"
        "    rows = bind.execute(sa.text('SELECT id FROM t')).fetchall()\n"
        "    count = op.get_bind().execute(sa.text('SELECT count(*) FROM u')).scalar()\n"
        "    other = bind.execute(query)\n");
    REQUIRE(r.read_findings.size() == 1);
    CHECK(r.read_findings[0].message ==
          "op.get_bind().execute(...) not translated to SQL: the SQL is not a literal value, so "
          "its SQL is not linted");
    CHECK(r.read_findings[0].location.line == 10);
    CHECK(upgrade_sql(r) == "SELECT id FROM t;\nSELECT count(*) FROM u;\n");
  }

  TEST_CASE("bind parameters become $n of the same width, so the SQL maps byte for byte") {
    Revision r = read_upgrade(
        "    conn = op.get_bind()\n"
        "    conn.execute(sa.text('UPDATE t SET a = :value WHERE id = :id AND b = :value'),\n"
        "                 {'value': 1, 'id': 2})\n"
        "    conn.execute(sa.text(\"SELECT a::text, :x, '10:30' FROM t\").bindparams(x=1))\n"
        "    conn.execute(sa.text('DELETE FROM t WHERE id = :id'), params)\n");
    CHECK(r.read_findings.empty());
    REQUIRE(r.up.size() == 1);
    CHECK(r.up[0].sql ==
          "UPDATE t SET a = $1     WHERE id = $2  AND b = $1    ;\n"
          "SELECT a::text, $1, '10:30' FROM t;\n"
          "DELETE FROM t WHERE id = $1 ;\n");
    // `:id` is byte 35 of the first literal, whose value begins at column 27 of line 8.
    Location id = r.up[0].map.locate(35, 38);
    CHECK(id.line == 8);
    CHECK(id.column == 27 + 35);
  }
}
