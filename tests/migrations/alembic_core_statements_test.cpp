// SQLAlchemy Core statements given to op.execute or a connection's execute
// read as the SQL SQLAlchemy sends. The expected SQL is SQLAlchemy 1.4's
// (Alembic 1.8.1 offline, /usr/bin/python3) for the same statements, with its
// %(name)s parameters written $1, $2, ... as PostgreSQL receives them; the
// IN list as it is expanded when it runs.
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
    "t = sa.table('user', sa.column('id', sa.Integer), sa.column('email', sa.String),\n"
    "             sa.column('kind', sa.String), sa.column('active', sa.Boolean), "
    "schema='app')\n"
    "t2 = sa.table('t2', sa.column('id'), sa.column('x'))\n";

Revision read_upgrade(const std::string& upgrade_body) {
  return read_upgrade_revision(upgrade_body, kTables);
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("Core statements: update, delete and insert with where clauses and values") {
    Revision r = read_upgrade(
        "    op.execute(sa.update(t).where(t.c.email.ilike('%@api'), t.c.kind.is_(None))\n"
        "               .values(kind='API', active=True))\n"
        "    op.execute(t.update().where((t.c.id == 1) | (t.c.id > 5)).where(t.c.kind != None)\n"
        "               .values({'active': False}))\n"
        "    op.execute(t.delete().where(sa.and_(t.c.kind.in_(['a', 'b']),\n"
        "        sa.or_(t.c.email.like('x'), t.c.id <= op.inline_literal(3)))))\n"
        "    op.execute(t.insert().values(id=4, kind=None))\n"
        "    op.execute(sa.delete(t))\n"
        "    op.execute(t.update().values(kind=t.c.email))\n"
        "    op.execute(t.update().where(t.c.active == True, t.c.id == None)\n"
        "               .values(kind=None, id=sa.func.now()))\n"
        "    op.get_bind().execute(t.update().where(t.c.active.is_(True))\n"
        "                          .values(kind=op.inline_literal(\"it's\")))\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "UPDATE app.\"user\" SET kind=$1, active=$2 WHERE app.\"user\".email ILIKE $3 AND "
          "app.\"user\".kind IS NULL;\n"
          "UPDATE app.\"user\" SET active=$1 WHERE (app.\"user\".id = $2 OR app.\"user\".id > $3) "
          "AND app.\"user\".kind IS NOT NULL;\n"
          "DELETE FROM app.\"user\" WHERE app.\"user\".kind IN ($1, $2) AND "
          "(app.\"user\".email LIKE $3 OR app.\"user\".id <= 3);\n"
          "INSERT INTO app.\"user\" (id, kind) VALUES ($1, $2);\n"
          "DELETE FROM app.\"user\";\n"
          "UPDATE app.\"user\" SET kind=app.\"user\".email;\n"
          "UPDATE app.\"user\" SET id=now(), kind=$1 WHERE app.\"user\".active = true AND "
          "app.\"user\".id IS NULL;\n"
          "UPDATE app.\"user\" SET kind='it''s' WHERE app.\"user\".active IS true;\n");
  }

  TEST_CASE("Core statements: values only running code knows are parameters") {
    // onyx's pattern: rows read first, then updated one by one.
    Revision r = read_upgrade(
        "    bind = op.get_bind()\n"
        "    rows = bind.execute(sa.text('SELECT id, email FROM app.user')).fetchall()\n"
        "    for row in rows:\n"
        "        bind.execute(t.update().where(t.c.id == row.id).values(email=row.email))\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "SELECT id, email FROM app.user;\n"
          "UPDATE app.\"user\" SET email=$1 WHERE app.\"user\".id = $2;\n");
    REQUIRE(r.conditional.size() == 1);  // inside a loop over rows only Python knows

    // Python computing from such values (CTFd's page.content.replace(...),
    // "<style>" + css.value): bound as parameters too; SQL functions are not.
    Revision computed = read_upgrade(
        "    row = op.get_bind().execute(sa.text('SELECT email FROM app.user')).fetchone()\n"
        "    op.get_bind().execute(t.update().values(email=row.email.replace('a', 'b'), "
        "kind='<' + row.kind + '>').where(t.c.id == int(row.id)))\n"
        "    op.get_bind().execute(t.update().values(email=sa.func.lower('X')))\n");
    CHECK(computed.read_findings.empty());
    CHECK(upgrade_sql(computed) ==
          "SELECT email FROM app.user;\n"
          "UPDATE app.\"user\" SET email=$1, kind=$2 WHERE app.\"user\".id = $3;\n"
          "UPDATE app.\"user\" SET email=lower('X');\n");
  }

  TEST_CASE("Core statements: selects of one table's columns, whose rows Python reads") {
    Revision r = read_upgrade(
        "    rows = op.get_bind().execute(sa.select(t.c.id, t.c.kind).where(t.c.kind == "
        "'a')).all()\n"
        "    op.get_bind().execute(sa.select(t))\n"
        "    op.get_bind().execute(sa.select([t.c.id]))\n"
        "    row = op.get_bind().execute(t.select().where(t.c.id == 3)).fetchone()\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "SELECT app.\"user\".id, app.\"user\".kind FROM app.\"user\" WHERE app.\"user\".kind = "
          "$1;\n"
          "SELECT app.\"user\".id, app.\"user\".email, app.\"user\".kind, app.\"user\".active FROM "
          "app.\"user\";\n"
          "SELECT app.\"user\".id FROM app.\"user\";\n"
          // t.select() is every column, as SQLAlchemy 1.4 compiles it.
          "SELECT app.\"user\".id, app.\"user\".email, app.\"user\".kind, app.\"user\".active FROM "
          "app.\"user\" WHERE app.\"user\".id = $1;\n");
  }

  TEST_CASE("Core statements over several tables, with subqueries") {
    // onyx's c71a18ea7d07 and 4ff2545411ad: a where clause naming other
    // tables joins them (UPDATE ... FROM, DELETE ... USING, in the order the
    // clause names them); in_()/not_in() of a select is a subquery.
    Revision r = read_upgrade(
        "    g = sa.table('grp', sa.column('id', sa.Integer), sa.column('owner_id', sa.Integer),\n"
        "                 sa.Column('name', sa.String(), nullable=False), "
        "sa.column('is_default'))\n"
        "    m = sa.table('member', sa.column('user_id'), sa.column('grp_id'))\n"
        "    defaults = sa.select(g.c.id).where(g.c.is_default == sa.true())\n"
        "    op.execute(sa.update(t).where(t.c.id == g.c.owner_id, g.c.name == 'admins',\n"
        "        t.c.id.not_in(sa.select(m.c.user_id).where(m.c.grp_id.notin_(defaults))))\n"
        "        .values(kind=g.c.name))\n"
        "    op.execute(t.delete().where(t.c.id == m.c.user_id, m.c.grp_id == g.c.id,\n"
        "                                g.c.name == 'x'))\n"
        "    "
        "op.get_bind().execute(sa.select(g).where(g.c.id.in_(sa.select(m.c.grp_id).distinct())))\n"
        "    op.get_bind().execute(sa.select(g.c.id).where(g.c.owner_id == t.c.id))\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "UPDATE app.\"user\" SET kind=grp.name FROM grp WHERE app.\"user\".id = grp.owner_id AND "
          "grp.name = $1 AND (app.\"user\".id NOT IN (SELECT member.user_id FROM member WHERE "
          "(member.grp_id NOT IN (SELECT grp.id FROM grp WHERE grp.is_default = true))));\n"
          "DELETE FROM app.\"user\" USING member, grp WHERE app.\"user\".id = member.user_id AND "
          "member.grp_id = grp.id AND grp.name = $1;\n"
          "SELECT grp.id, grp.owner_id, grp.name, grp.is_default FROM grp WHERE grp.id IN "
          "(SELECT DISTINCT member.grp_id FROM member);\n"
          "SELECT grp.id FROM grp, app.\"user\" WHERE grp.owner_id = app.\"user\".id;\n");
  }

  TEST_CASE("Core statements on quay's tables.<name>") {
    Revision r = read_revision_text(
        "revision = 'r1'\ndown_revision = None\nKINDS = ['a', 'b']\n\n"
        "def upgrade(op, tables, tester):\n"
        "    for kind in KINDS:\n"
        "        op.execute(tables.logentrykind.insert().values(name=kind))\n"
        "\ndef downgrade(op, tables, tester):\n"
        "    op.execute(tables.logentrykind.delete().where(\n"
        "        tables.logentrykind.c.name == op.inline_literal('a')))\n"
        "    for kind in OTHER_KINDS:\n"
        "        op.execute(tables.logentrykind.delete().where(\n"
        "            tables.logentrykind.c.name == op.inline_literal(kind)))\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "INSERT INTO logentrykind (name) VALUES ($1);\n"
          "INSERT INTO logentrykind (name) VALUES ($1);\n");
    REQUIRE(r.down.size() == 1);
    // An inline literal whose value only running code knows stands as $n.
    CHECK(r.down[0].sql ==
          "DELETE FROM logentrykind WHERE logentrykind.name = 'a';\n"
          "DELETE FROM logentrykind WHERE logentrykind.name = $1;\n");
  }

  TEST_CASE("Core statements migcheck does not model stay unresolved") {
    for (std::string body : {
             "    op.execute(t.update().values(id=t.c.id - 1))\n",    // arithmetic on a column
             "    op.execute(t.delete().where(t.c.missing == 1))\n",  // no such column
             "    op.execute(t.delete().where(t.name == 'user'))\n",  // Table.name, a string
             "    op.execute(t.delete().where(t.c.id.in_(ids)))\n",   // a list only Python knows
             "    op.execute(t.delete().where(t.c.id.between(1, 2)))\n",  // a method not modelled
             "    op.execute(t.update())\n",                              // no values()
             "    op.execute(t.insert().values(other=1))\n",              // not a column
             "    op.execute(t.update().values(kind=str(uuid4())))\n",    // a call Python runs
             "    op.execute(sa.select(t.c.id).order_by(t.c.id))\n",      // order_by: not modelled
             "    op.execute(sa.select(t.c.id, u.c.id))\n",               // two tables
             "    op.execute(tables.kind.delete())\n",                    // no `tables` parameter
             // a subquery naming the enclosing statement's table: SQLAlchemy correlates it
             "    op.execute(t.delete().where(t.c.id.in_(sa.select(t2.c.id).where(t2.c.x == "
             "t.c.id))))\n",
             "    op.execute(t.delete().where(t.c.id.in_(sa.select(t.c.id).limit(1))))\n",
         }) {
      CAPTURE(body);
      Revision r = read_upgrade(body);
      REQUIRE(r.read_findings.size() == 1);
      CHECK(r.read_findings[0].message.starts_with("op.execute(...) not translated to SQL"));
      CHECK(r.up.empty());
    }
  }
}
