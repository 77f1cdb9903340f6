// `migcheck history` on the SQL layouts of three files each: every revision
// appears once, with the message its layout gives it (none for loose files).
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

TEST_CASE("history of a plain SQL folder names each file once") {
  TempDir dir;
  write_file(dir / "sql/001_users.sql", "CREATE TABLE users (id bigint);\n");
  write_file(dir / "sql/002_orders.sql", "CREATE TABLE orders (id bigint);\n");
  write_file(dir / "sql/003_index.sql", "CREATE INDEX orders_id ON orders (id);\n");
  auto history = run_migcheck_in(dir.path(), "history");
  INFO(history.err);
  CHECK(history.exit_code == 0);
  CHECK(history.out ==
        "002_orders -> 003_index (head)\n"
        "001_users -> 002_orders\n"
        "<base> -> 001_users\n");
}

TEST_CASE("history of golang-migrate and Flyway folders: the message is the name's description") {
  TempDir golang;
  TempDir flyway;
  for (int i = 1; i <= 3; ++i) {
    std::string n = std::to_string(i);
    write_file(golang / ("migrations/00" + n + "_step_" + n + ".up.sql"), "SELECT " + n + ";\n");
    write_file(golang / ("migrations/00" + n + "_step_" + n + ".down.sql"), "SELECT 0;\n");
    write_file(flyway / ("db/migration/V" + n + "__step_" + n + ".sql"), "SELECT " + n + ";\n");
  }
  std::string expected = "2 -> 3 (head), step_3\n1 -> 2, step_2\n<base> -> 1, step_1\n";
  CHECK(run_migcheck_in(golang.path(), "history").out == expected);
  std::string flyway_expected = "2 -> 3 (head), step 3\n1 -> 2, step 2\n<base> -> 1, step 1\n";
  CHECK(run_migcheck_in(flyway.path(), "history").out == flyway_expected);
}

TEST_CASE("history of a Flyway project: V1_1, V1_2, V1_10 in numeric order, from flyway.toml") {
  TempDir dir;
  write_file(dir / "flyway.toml", "[flyway]\nlocations = [\"filesystem:database/scripts\"]\n");
  write_file(dir / "database/scripts/V1_1__x.sql", "SELECT 11;\n");
  write_file(dir / "database/scripts/V1_10__y.sql", "SELECT 110;\n");
  write_file(dir / "database/scripts/V1_2__z.sql", "SELECT 12;\n");
  auto history = run_migcheck_in(dir.path(), "history");
  INFO(history.err);
  CHECK(history.exit_code == 0);
  CHECK(history.out == "1.2 -> 1.10 (head), y\n1.1 -> 1.2, z\n<base> -> 1.1, x\n");
}
