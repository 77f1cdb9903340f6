// Output that is not a terminal (a pipe, a log file, a CI console) must carry
// no ANSI escape codes even without NO_COLOR: the colours of the text report
// and the round trip's progress line are for terminals only.
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

void check_no_escape_codes(const std::string& arguments) {
  // env -u: a NO_COLOR set by whoever runs the tests must not hide a leak.
  auto result = run_command("cd " + shell_quote(source_dir().string()) + " && env -u NO_COLOR " +
                            shell_quote(migcheck_binary()) + " " + arguments);
  INFO(arguments);
  INFO(result.out);
  INFO(result.err);
  CHECK(result.exit_code <= 1);  // 1: findings, the coloured part of a report
  CHECK(!result.out.empty());
  CHECK(result.out.find("\x1b[") == std::string::npos);
  CHECK(result.err.find("\x1b[") == std::string::npos);
}

}  // namespace

TEST_CASE("lint findings written to a pipe have no escape codes") {
  check_no_escape_codes("lint examples/sql");
}

TEST_CASE("pre-deploy-check's report and round-trip progress to a pipe have no escape codes") {
  check_no_escape_codes("pre-deploy-check --project examples/shop");
}
