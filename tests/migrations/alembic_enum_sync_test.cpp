// alembic-postgresql-enum's op.sync_enum_values: the statements its
// _set_enum_values runs (read from the plugin's source, 1.x), from the
// arguments its autogenerate writes and the older tuple style.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"
#include "tests/migrations/alembic_revision_text.h"

using namespace migcheck;
using migcheck::testing::read_upgrade_revision;
using migcheck::testing::upgrade_sql;

namespace {

constexpr const char* kImports = "from alembic_postgresql_enum import ColumnType, TableReference\n";

// The statements around the columns' conversion, for type public.status.
constexpr const char* kRenameAndCreate =
    "ALTER TYPE \"public\".\"status\" RENAME TO status_old;\n"
    "CREATE TYPE \"public\".\"status\" AS ENUM('new', 'paid');\n";

std::string operators(const std::string& compared) {
  std::string out;
  for (auto [op, function] : {std::pair{"!=", "new_old_not_equals"}, {"=", "new_old_equals"}}) {
    out += std::string("CREATE FUNCTION ") + function +
           "(new_enum_val \"public\".\"status\", old_enum_val \"public\".\"status_old\") RETURNS "
           "boolean AS $$ SELECT new_enum_val::text " +
           op + " " + compared + "; $$ LANGUAGE SQL IMMUTABLE;\n" + "CREATE OPERATOR " + op +
           " (leftarg = \"public\".\"status\", rightarg = \"public\".\"status_old\", procedure = " +
           function + ");\n";
  }
  return out;
}

constexpr const char* kDropOldType =
    "DROP FUNCTION new_old_not_equals(new_enum_val \"public\".\"status\", old_enum_val "
    "\"public\".\"status_old\") CASCADE;\n"
    "DROP FUNCTION new_old_equals(new_enum_val \"public\".\"status\", old_enum_val "
    "\"public\".\"status_old\") CASCADE;\n"
    "DROP TYPE \"public\".\"status_old\";\n";

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("sync_enum_values: each affected column converted, its default dropped and restored") {
    Revision r = read_upgrade_revision(
        "    op.sync_enum_values(\n"
        "        enum_schema='public',\n"
        "        enum_name='status',\n"
        "        new_values=['new', 'paid'],\n"
        "        affected_columns=[\n"
        "            TableReference(table_schema='public', table_name='orders', "
        "column_name='status', existing_server_default=\"'new'::status\"),\n"
        "            TableReference(table_name='archive', column_name='states', "
        "column_type=ColumnType.ARRAY),\n"
        "            ('legacy', 'state'),\n"
        "        ],\n"
        "        enum_values_to_rename=[],\n"
        "    )\n",
        kImports);
    CHECK(r.read_findings.empty());
    CHECK(upgrade_sql(r) ==
          std::string(kRenameAndCreate) + operators("old_enum_val::text") +
              "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"status\" DROP DEFAULT;\n"
              "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"status\" TYPE "
              "\"public\".\"status\" USING \"status\"::text::\"public\".\"status\";\n"
              "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"status\" SET DEFAULT "
              "'new'::public.status;\n"
              // An unspecified table_schema is the enum's.
              "ALTER TABLE \"public\".\"archive\" ALTER COLUMN \"states\" TYPE "
              "\"public\".\"status\"[] USING \"states\"::text[]::\"public\".\"status\"[];\n"
              // The tuple style: its default is read at run time, so left out.
              "ALTER TABLE \"public\".\"legacy\" ALTER COLUMN \"state\" TYPE "
              "\"public\".\"status\" USING \"state\"::text::\"public\".\"status\";\n" +
              kDropOldType);
  }

  TEST_CASE("sync_enum_values: renamed values map old rows, operators and defaults") {
    Revision r = read_upgrade_revision(
        "    op.sync_enum_values('public', 'status', ['new', 'paid'],\n"
        "        [TableReference('orders', 'status', table_schema=None, "
        "existing_server_default=\"'payed'::status\")],\n"
        "        enum_values_to_rename=[('payed', 'paid')])\n",
        kImports);
    CHECK(r.read_findings.empty());
    CHECK(
        upgrade_sql(r) ==
        std::string(kRenameAndCreate) +
            operators("CASE WHEN old_enum_val::text = 'payed' THEN 'paid' ELSE "
                      "old_enum_val::text END") +
            // table_schema=None: the table is not qualified.
            "ALTER TABLE \"orders\" ALTER COLUMN \"status\" DROP DEFAULT;\n"
            "ALTER TABLE \"orders\" ALTER COLUMN \"status\" TYPE \"public\".\"status\" USING "
            "CASE WHEN \"status\"::text = 'payed' THEN 'paid'::\"public\".\"status\" ELSE "
            "\"status\"::text::\"public\".\"status\" END;\n"
            "ALTER TABLE \"orders\" ALTER COLUMN \"status\" SET DEFAULT 'paid'::public.status;\n" +
            kDropOldType);
  }

  TEST_CASE(
      "alembic-autogenerate-enums' sync_enum_values: values added after a COMMIT, or a swap") {
    // Its old interface: (schema, name, old_values, new_values).
    Revision added = read_upgrade_revision(
        "    op.sync_enum_values('public', 'log_type', ['view'], ['create', 'view', 'update'])\n");
    CHECK(added.read_findings.empty());
    CHECK(upgrade_sql(added) ==
          "COMMIT;\n"
          "ALTER TYPE public.log_type ADD VALUE 'create';\n"
          "ALTER TYPE public.log_type ADD VALUE 'update';\n");
    // As its autogenerate writes it, reversible: the swap, values sorted.
    Revision swapped = read_upgrade_revision(
        "    op.sync_enum_values('public', 'log_type', ['b', 'a'], ['b'], [('logs', 'kind')], "
        "True)\n");
    CHECK(swapped.read_findings.empty());
    CHECK(upgrade_sql(swapped) ==
          "ALTER TYPE public.log_type RENAME TO log_type_old;\n"
          "CREATE TYPE public.log_type AS ENUM('b');\n"
          "ALTER TABLE logs ALTER COLUMN kind TYPE public.log_type USING "
          "kind::text::public.log_type;\n"
          "DROP TYPE public.log_type_old;\n");
  }

  TEST_CASE("sync_enum_values: columns only running code knows stay unresolved") {
    Revision r = read_upgrade_revision(
        "    op.sync_enum_values('public', 'status', ['a'], columns_of('status'))\n", kImports);
    REQUIRE(r.read_findings.size() == 1);
    CHECK(r.read_findings[0].rule == "unresolved-operation");
    CHECK(upgrade_sql(r).empty());
  }
}
