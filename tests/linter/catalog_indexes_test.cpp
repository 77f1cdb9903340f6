// The schema memory's indexes follow their table through renames and drops
// (the catalog keeps them by table so large schemas stay fast).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/catalog.h"
#include "linter/statement_parser.h"

namespace migcheck {
namespace {

void replay(Catalog& catalog, const std::string& sql) {
  run_with_big_stack([&] {
    auto error = parse_statements(
        sql, [&](const ParsedStatement& parsed) { catalog.apply(Statement(parsed, sql, 0)); });
    REQUIRE_FALSE(error);
  });
}

TEST_CASE("catalog: indexes follow table and column renames, and go with their table") {
  Catalog catalog;
  replay(catalog,
         "CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);"
         "CREATE INDEX users_email_lower ON users (email);"
         "CREATE TABLE other (id int);"
         "CREATE INDEX other_id ON other (id);");
  REQUIRE(catalog.index("public.users_pkey"));
  REQUIRE(catalog.index("public.users_email_key"));
  CHECK(catalog.index("public.users_email_lower")->table == "public.users");

  replay(catalog, "ALTER TABLE users RENAME COLUMN email TO mail;");
  CHECK(catalog.index("public.users_email_lower")->columns == std::vector<std::string>{"mail"});
  CHECK(catalog.index("public.users_email_key")->columns == std::vector<std::string>{"mail"});
  CHECK(catalog.index("public.other_id")->columns == std::vector<std::string>{"id"});

  replay(catalog, "ALTER TABLE users RENAME TO members;");
  CHECK(catalog.index("public.users_pkey")->table == "public.members");
  CHECK(catalog.index("public.users_email_lower")->table == "public.members");
  // A table's own indexes, and only those, by the table's new name.
  std::vector<std::string> on_members;
  for (const IndexInfo* index : catalog.indexes_on("public.members")) {
    on_members.push_back(index->name);
  }
  std::sort(on_members.begin(), on_members.end());
  CHECK(on_members == std::vector<std::string>{"public.users_email_key", "public.users_email_lower",
                                               "public.users_pkey"});
  CHECK(catalog.indexes_on("public.users").empty());

  replay(catalog, "ALTER INDEX users_email_lower RENAME TO members_mail;");
  CHECK_FALSE(catalog.index("public.users_email_lower"));
  REQUIRE(catalog.index("public.members_mail"));
  CHECK(catalog.index("public.members_mail")->name == "public.members_mail");

  replay(catalog, "ALTER TABLE members DROP CONSTRAINT users_email_key;");
  CHECK_FALSE(catalog.index("public.users_email_key"));

  // Dropping the renamed table drops the indexes it took along, and only those.
  replay(catalog, "DROP TABLE members;");
  CHECK_FALSE(catalog.index("public.users_pkey"));
  CHECK_FALSE(catalog.index("public.members_mail"));
  CHECK(catalog.index("public.other_id"));

  // A table created again under an old name starts without indexes.
  replay(catalog, "CREATE TABLE other (id int); DROP INDEX other_id; CREATE TABLE users (id int);");
  CHECK(catalog.indexes().empty());
}

TEST_CASE("catalog: SET SCHEMA moves a table and its indexes into the new schema") {
  Catalog catalog;
  replay(catalog,
         "CREATE SCHEMA reporting; CREATE SCHEMA archive;"
         "CREATE TABLE reporting.totals (day date PRIMARY KEY, total numeric);"
         "CREATE INDEX totals_total ON reporting.totals (total);");
  replay(catalog, "ALTER TABLE reporting.totals SET SCHEMA archive;");
  CHECK_FALSE(catalog.table("reporting.totals"));
  REQUIRE(catalog.table("archive.totals"));
  CHECK(catalog.table("archive.totals")->column("total"));
  CHECK_FALSE(catalog.index("reporting.totals_pkey"));
  REQUIRE(catalog.index("archive.totals_total"));
  CHECK(catalog.index("archive.totals_total")->table == "archive.totals");
  CHECK(catalog.index("archive.totals_pkey")->name == "archive.totals_pkey");

  // The moved indexes go with the table.
  replay(catalog, "DROP TABLE archive.totals;");
  CHECK(catalog.indexes().empty());
}

TEST_CASE("catalog: an EXCLUDE constraint's index is known, and goes with the constraint") {
  Catalog catalog;
  replay(catalog,
         "CREATE TABLE bookings (room_id bigint, during tstzrange,"
         " EXCLUDE USING gist (room_id WITH =, during WITH &&),"
         " CONSTRAINT bookings_lower EXCLUDE USING gist (lower(during) WITH =));");
  REQUIRE(catalog.index("public.bookings_room_id_during_excl"));
  CHECK(catalog.index("public.bookings_room_id_during_excl")->columns ==
        std::vector<std::string>{"room_id", "during"});
  CHECK_FALSE(catalog.index("public.bookings_room_id_during_excl")->unique);
  REQUIRE(catalog.table("public.bookings")->constraint("bookings_lower"));
  CHECK(catalog.index("public.bookings_lower")->columns == std::vector<std::string>{""});
  replay(catalog, "ALTER TABLE bookings DROP CONSTRAINT bookings_room_id_during_excl;");
  CHECK_FALSE(catalog.index("public.bookings_room_id_during_excl"));
}

}  // namespace
}  // namespace migcheck
