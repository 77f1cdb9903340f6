// alembic_utils' op.create_entity / drop_entity / replace_entity: the SQL its
// entities' to_sql_statement_* methods write (alembic_utils 0.8, read from
// its source), from constructors written in the revision.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"
#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_upgrade_revision;
using migcheck::testing::upgrade_sql;

namespace {

constexpr const char* kImports =
    "from alembic_utils.pg_extension import PGExtension\n"
    "from alembic_utils.pg_function import PGFunction\n"
    "from alembic_utils.pg_materialized_view import PGMaterializedView\n"
    "from alembic_utils.pg_policy import PGPolicy\n"
    "from alembic_utils.pg_trigger import PGTrigger\n"
    "from alembic_utils.pg_view import PGView\n";

Revision read_upgrade(const std::string& upgrade_body) {
  return read_upgrade_revision(upgrade_body, kImports);
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("alembic_utils: functions and triggers, from a variable or inline") {
    Revision r = read_upgrade(
        "    touch = PGFunction(\n"
        "        schema='public',\n"
        "        signature='touch(at timestamptz DEFAULT now(), n int)',\n"
        "        definition='returns trigger LANGUAGE plpgsql AS $$ BEGIN x \\\\:= 1; "
        "RETURN NEW; END $$;',\n"
        "    )\n"
        "    op.create_entity(touch)\n"
        "    op.replace_entity(touch)\n"
        "    op.drop_entity(touch, cascade=True)\n"
        "    op.create_entity(PGTrigger(schema='app', signature='touch_users',\n"
        "        on_entity='app.users', definition='BEFORE UPDATE ON app.users FOR EACH ROW "
        "EXECUTE FUNCTION touch()'))\n"
        "    op.drop_entity(PGTrigger('app', 'audit', 'AFTER INSERT ON users FOR EACH ROW "
        "EXECUTE FUNCTION audit()', 'users', True))\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          // The definition's `\:` (sa.text()'s escape) reaches the server as `:`.
          "CREATE FUNCTION \"public\".\"touch\"(at timestamptz DEFAULT now(), n int) returns "
          "trigger LANGUAGE plpgsql AS $$ BEGIN x := 1; RETURN NEW; END $$;\n"
          "CREATE OR REPLACE FUNCTION \"public\".\"touch\"(at timestamptz DEFAULT now(), n int) "
          "returns trigger LANGUAGE plpgsql AS $$ BEGIN x := 1; RETURN NEW; END $$;\n"
          // DROP FUNCTION names the parameters without their defaults.
          "DROP FUNCTION \"public\".\"touch\"(at timestamptz, n int) cascade;\n"
          "CREATE TRIGGER \"touch_users\" BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE "
          "FUNCTION touch();\n"
          // on_entity without a schema is in public.
          "DROP TRIGGER \"audit\" ON public.users;\n");
  }

  TEST_CASE("alembic_utils: views, materialized views, policies and extensions") {
    Revision r = read_upgrade(
        "    v = PGView(schema='public', signature='active_users', definition='SELECT * FROM "
        "users WHERE active;')\n"
        "    op.create_entity(v)\n"
        "    op.drop_entity(v)\n"
        "    m = PGMaterializedView('public', 'totals', 'SELECT count(*) FROM users', "
        "with_data=False)\n"
        "    op.replace_entity(m)\n"
        "    p = PGPolicy(schema='public', signature='owner_only', on_entity='public.docs',\n"
        "        definition='AS PERMISSIVE FOR SELECT USING (owner = current_user)')\n"
        "    op.create_entity(p)\n"
        "    op.drop_entity(p)\n"
        "    op.create_entity(PGExtension(schema='public', signature='uuid-ossp'))\n"
        "    op.drop_entity(PGExtension(schema='public', signature='citext'), True)\n");
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          "CREATE VIEW \"public\".\"active_users\" AS SELECT * FROM users WHERE active;\n"
          "DROP VIEW \"public\".\"active_users\";\n"
          "DROP MATERIALIZED VIEW IF EXISTS \"public\".\"totals\";\n"
          "CREATE MATERIALIZED VIEW \"public\".\"totals\" AS SELECT count(*) FROM users WITH NO "
          "DATA;\n"
          "CREATE POLICY owner_only on public.docs AS PERMISSIVE FOR SELECT USING (owner = "
          "current_user);\n"
          "DROP POLICY owner_only on public.docs;\n"
          "CREATE EXTENSION \"uuid-ossp\" WITH SCHEMA \"public\";\n"
          "DROP EXTENSION \"citext\" CASCADE;\n");
  }

  TEST_CASE("alembic_utils: a view's replace falls back on DROP and CREATE in one DO block") {
    Revision r = read_upgrade(
        "    op.replace_entity(PGView(schema='public', signature='v', definition='SELECT 1'))\n");
    CHECK(r.read_findings.empty());
    std::string sql = upgrade_sql(r);
    CHECK(sql.starts_with("do $$\n"));
    CHECK(sql.find("CREATE OR REPLACE VIEW \"public\".\"v\" AS SELECT 1;") != std::string::npos);
    CHECK(sql.find("exception when others then\n        DROP VIEW IF EXISTS \"public\".\"v\";") !=
          std::string::npos);
  }

  TEST_CASE("alembic_utils: entities only running code knows stay unresolved") {
    Revision r = read_upgrade(
        "    op.create_entity(load_entity('touch'))\n"
        "    op.replace_entity(PGExtension(schema='public', signature='citext'))\n"
        "    op.create_entity(PGFunction(schema='public', signature=name, definition='x'))\n");
    REQUIRE(r.read_findings.size() == 3);
    for (const Finding& finding : r.read_findings) CHECK(finding.rule == "unresolved-operation");
    CHECK(r.read_findings[1].message.find("cannot replace") != std::string::npos);
    CHECK(upgrade_sql(r).empty());
  }
}
