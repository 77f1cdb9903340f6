#include "ci/table_rows.h"

#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "tests/test_support.h"

using namespace migcheck;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;

TEST_CASE("--table-rows TABLE=ROWS: qualified in public unless a schema is given") {
  auto rows = production_rows({"orders=50000000", "app.items=5e6", "orders=7"});
  CHECK(rows.size() == 2);
  CHECK(rows["public.orders"] == 7);  // the later value wins
  CHECK(rows["app.items"] == 5e6);
  CHECK_THROWS_AS(production_rows({"orders=many"}), InputError);
  CHECK_THROWS_AS(production_rows({"=5"}), InputError);
}

TEST_CASE("--table-rows FILE: an object of counts, or pg_class-like rows") {
  TempDir dir;
  write_file(dir / "object.json", R"({"orders": 5e7, "app.items": 12})");
  write_file(dir / "reltuples.json",
             R"([{"relname": "users", "reltuples": 1200}, )"
             R"({"relname": "events", "nspname": "audit", "reltuples": 9e8}])");
  auto rows = production_rows({(dir / "object.json").string(), (dir / "reltuples.json").string()});
  CHECK(rows["public.orders"] == 5e7);
  CHECK(rows["app.items"] == 12);
  CHECK(rows["public.users"] == 1200);
  CHECK(rows["audit.events"] == 9e8);
}

TEST_CASE("--table-rows FILE with a mistake names the file, line and column") {
  TempDir dir;
  write_file(dir / "bad.json", "{\n  \"orders\": 5,\n  oops\n}");
  try {
    production_rows({(dir / "bad.json").string()});
    FAIL("no error");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).find("bad.json:3:3: not JSON") != std::string::npos);
  }
  write_file(dir / "negative.json", R"({"orders": -1})");
  CHECK_THROWS_AS(production_rows({(dir / "negative.json").string()}), InputError);
  CHECK_THROWS_AS(production_rows({(dir / "missing.json").string()}), InputError);
}
