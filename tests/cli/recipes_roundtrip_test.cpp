// The recipes are real migrations: each project under tests/recipes upgrades,
// downgrades and upgrades again on the throwaway PostgreSQL 15 that `migcheck
// roundtrip` starts, with no finding (a statement PostgreSQL refuses, a down
// migration that does not undo its up). The Alembic projects run through the
// real Alembic, so they use only what its installed version offers.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/recipes.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

void check_round_trips(const std::string& format) {
  for (const std::string& rule : recipe_rules()) {
    std::string project = (recipes_dir() / rule / format).string();
    // On empty tables: a recipe shows a statement's safe shape, and many
    // validate a constraint that generated rows break by design.
    auto result =
        run_command(shell_quote(migcheck_binary()) +
                    " roundtrip --rows 0 --format json --project " + shell_quote(project));
    INFO(project, ": ", result.out, result.err);
    CHECK(result.exit_code == 0);
    if (result.exit_code != 2) CHECK(nlohmann::json::parse(result.out)["findings"].empty());
  }
}

}  // namespace

TEST_CASE("every SQL recipe runs up, down and up again on PostgreSQL") {
  check_round_trips("sql");
}

TEST_CASE("every Alembic recipe runs up, down and up again on PostgreSQL") {
  check_round_trips("alembic");
}
