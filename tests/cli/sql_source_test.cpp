// `lint --sql-source alembic` asks the real Alembic (offline mode) for the
// SQL; on the bundled example it must find what the static reader finds.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

using Verdicts = std::multiset<std::tuple<std::string, std::string, std::string>>;

Verdicts lint_shop(const std::string& sql_source) {
  auto result = run_command("cd " + shell_quote((source_dir() / "examples/shop").string()) +
                            " && " + shell_quote(migcheck_binary()) +
                            " lint --format json --sql-source " + sql_source);
  INFO(result.err);
  REQUIRE(result.exit_code == 1);
  Verdicts verdicts;
  auto report = nlohmann::json::parse(result.out);
  for (const auto& f : report["findings"]) {
    verdicts.emplace(f["revision"].get<std::string>(), f["rule"].get<std::string>(),
                     f["location"]["file"].get<std::string>());
  }
  return verdicts;
}

}  // namespace

TEST_CASE("the static reader and real Alembic's offline SQL give the same findings on the shop") {
  Verdicts from_static = lint_shop("static");
  Verdicts from_alembic = lint_shop("alembic");
  CHECK(from_static.size() >= 5);
  CHECK(from_static == from_alembic);
}

TEST_CASE("--sql-source rejects unknown values and non-Alembic projects") {
  TempDir dir;
  write_file(dir / "001_a.sql", "SELECT 1;\n");
  auto binary = shell_quote(migcheck_binary());
  CHECK(run_command("cd " + shell_quote(dir.path().string()) + " && " + binary +
                    " lint --sql-source python")
            .exit_code == 2);
  CHECK(run_command("cd " + shell_quote(dir.path().string()) + " && " + binary +
                    " lint --sql-source alembic")
            .exit_code == 2);
}
