// docs/squawk.md shows squawk users which migcheck rules each squawk rule id
// stands for; ci/squawk_compat.cpp holds the same table for .squawk.toml,
// squawk-ignore comments and --ignore/--select. The two must not drift.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "ci/squawk_compat.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

// "squawk-id -> a, b" per row of the table under "## Every squawk".
std::vector<std::string> documented_rows() {
  std::istringstream lines(read_file(source_dir() / "docs/squawk.md"));
  static const std::regex row(R"(^\| `([a-z-]+)` \| (.*) \|$)");
  static const std::regex id("`([a-z-]+)`");
  std::vector<std::string> rows;
  bool in_table = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("## ")) in_table = line.starts_with("## Every squawk");
    std::smatch match;
    if (!in_table || !std::regex_match(line, match, row)) continue;
    std::string ids, cell = match[2];
    for (std::sregex_iterator it(cell.begin(), cell.end(), id), end; it != end; ++it) {
      ids += (ids.empty() ? "" : ", ") + (*it)[1].str();
    }
    rows.push_back(match[1].str() + " -> " + ids);
  }
  return rows;
}

std::vector<std::string> code_rows() {
  std::vector<std::string> rows;
  for (const SquawkRuleName& entry : squawk_rule_names()) {
    std::string ids;
    for (std::string_view id : entry.migcheck) ids += (ids.empty() ? "" : ", ") + std::string(id);
    rows.push_back(std::string(entry.squawk) + " -> " + ids);
  }
  return rows;
}

}  // namespace

TEST_CASE("docs/squawk.md lists the squawk table the code uses, row for row") {
  std::vector<std::string> documented = documented_rows(), code = code_rows();
  CHECK(documented.size() == code.size());
  for (size_t i = 0; i < std::min(documented.size(), code.size()); ++i) {
    INFO("row ", i + 1);
    CHECK(documented[i] == code[i]);
  }
}

TEST_CASE("squawk 2.68's rule ids all have a row, and squawk's new names reach migcheck's rules") {
  CHECK(code_rows().size() >= 76);
  auto mapped = migcheck_rules_for_squawk("ban-drop-view");
  REQUIRE(mapped);
  CHECK(*mapped == std::vector<std::string>{"dropping-view"});
  mapped = migcheck_rules_for_squawk("require-enum-value-ordering");
  REQUIRE(mapped);
  CHECK(*mapped == std::vector<std::string>{"adding-enum-value-without-position"});
}
