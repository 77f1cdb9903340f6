// The done-when of `migcheck fix`: a copy of examples/ fixed with the safe
// fixes lints clean for every rule that has one, and still round-trips; with
// --unsafe, clean for the unsafe fixes' rules too.
#include "tests/cli/fix_support.h"

using namespace migcheck::testing;

namespace {

// Every rule with a safe fix; missing-statement-timeout is off unless selected.
constexpr const char* kSafelyFixed =
    "creating-index-non-concurrently,dropping-index-non-concurrently,"
    "reindexing-non-concurrently,missing-lock-timeout,concurrently-in-transaction";

// Every rule with an unsafe fix.
constexpr const char* kUnsafelyFixed =
    "prefer-timestamptz,prefer-jsonb,banning-char,prefer-bigint,prefer-identity,"
    "adding-foreign-key,adding-check-constraint";

// Fixes a copy of examples/ with `fix_options` and checks that `rules` lint
// clean afterwards in both example projects, and that the shop round-trips.
void check_examples_fixed(const std::string& rules, const std::string& fix_options) {
  FixProject project;
  REQUIRE(run_command("cp -r " + shell_quote((source_dir() / "examples").string()) + "/. " +
                      shell_quote(project.dir.path().string()))
              .exit_code == 0);
  for (const std::string target : {"--project shop", "sql"}) {
    INFO(target);
    auto before = project.migcheck("lint " + target + " --select " + rules);
    REQUIRE(before.exit_code == 1);
    auto fixed = project.migcheck("fix " + target + " " + fix_options);
    INFO(fixed.out, fixed.err);
    CHECK(fixed.exit_code == 0);
    auto after = project.migcheck("lint " + target + " --select " + rules);
    INFO(after.out, after.err);
    CHECK(after.exit_code == 0);
    CHECK(after.out.find("syntax-error") == std::string::npos);
    auto again = project.migcheck("fix " + target + " --diff " + fix_options);
    INFO(again.out, again.err);
    CHECK(again.exit_code == 0);
  }
  auto roundtrip = project.migcheck("roundtrip --project shop");
  INFO(roundtrip.out, roundtrip.err);
  CHECK(roundtrip.exit_code == 0);
}

}  // namespace

TEST_CASE(
    "fix turns a copy of examples/ into migrations that lint clean for the safely fixed "
    "rules and still round-trip") {
  check_examples_fixed(kSafelyFixed, "");
}

TEST_CASE("fix --unsafe turns a copy of examples/ clean for the unsafely fixed rules too") {
  check_examples_fixed(std::string(kSafelyFixed) + "," + kUnsafelyFixed, "--unsafe");
}
