#include "linter/migration_order.h"

#include <doctest/doctest.h>

using namespace migcheck;

namespace {

std::vector<std::string> sorted(std::vector<std::string> paths) {
  sort_migration_files(paths);
  return paths;
}

}  // namespace

TEST_CASE("loose migration files sort by version, numbers compared as numbers") {
  CHECK(sorted({"m/10_c.up.sql", "m/2_b.up.sql", "m/002_a.down.sql", "m/002_a.up.sql"}) ==
        std::vector<std::string>{"m/002_a.up.sql", "m/002_a.down.sql", "m/2_b.up.sql",
                                 "m/10_c.up.sql"});
  CHECK(sorted({"V10__c.sql", "V1_1__b.sql", "U2__x.sql", "V2__x.sql", "V1__a.sql", "R__v.sql"}) ==
        std::vector<std::string>{"V1__a.sql", "V1_1__b.sql", "V2__x.sql", "U2__x.sql", "V10__c.sql",
                                 "R__v.sql"});
  // Unversioned names after versioned ones, in name order.
  CHECK(sorted({"b.sql", "a.sql", "0001.sql"}) ==
        std::vector<std::string>{"0001.sql", "a.sql", "b.sql"});
  // Equal names in path order (Prisma's TIMESTAMP_name/migration.sql).
  CHECK(sorted({"p/20240102_y/migration.sql", "p/20240101_x/migration.sql"}) ==
        std::vector<std::string>{"p/20240101_x/migration.sql", "p/20240102_y/migration.sql"});
}

TEST_CASE("down migrations by name") {
  CHECK(is_down_migration_file("db/1_users.down.sql"));
  CHECK(is_down_migration_file("db/1_users.postgres.down.sql"));
  CHECK(is_down_migration_file("sql/U3__drop.sql"));
  CHECK_FALSE(is_down_migration_file("db/1_users.up.sql"));
  CHECK_FALSE(is_down_migration_file("sql/V3__drop.sql"));
  CHECK_FALSE(is_down_migration_file("sql/Users.sql"));
}
