#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "linter/finding.h"

using namespace migcheck;

namespace {

Finding finding(std::string file, int line, int column, std::string rule, int serial) {
  Finding f;
  f.location = Location{std::move(file), line, column, line, column + 1};
  f.rule = std::move(rule);
  f.message = "m";
  f.help = std::to_string(serial);  // tells equal findings apart, to check stability
  return f;
}

std::vector<std::string> order(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    out.push_back(f.location.file + ":" + std::to_string(f.location.line) + ":" +
                  std::to_string(f.location.column) + " " + f.rule + " #" +
                  std::string(f.help.view()));
  }
  return out;
}

}  // namespace

// sort_findings sorts each file's run on its own before looking at the
// whole: whatever the input, the result must be that of one stable sort.
TEST_CASE("findings sort by file, position and rule, equal ones kept in input order") {
  std::mt19937 random(20261205);
  const char* files[] = {"a/0001.sql", "a/0002.sql", "b/0001.sql"};
  const char* rules[] = {"dropping-table", "adding-column", "renaming-column"};
  for (int round = 0; round < 200; ++round) {
    std::vector<Finding> findings;
    int count = static_cast<int>(random() % 30);
    // Some rounds keep each file's findings together, as a lint of files in
    // order leaves them; others interleave the files.
    bool grouped = round % 2 == 0;
    for (int i = 0; i < count; ++i) {
      int file = grouped ? i * 3 / std::max(count, 1) : static_cast<int>(random() % 3);
      findings.push_back(finding(files[file], static_cast<int>(random() % 4) + 1,
                                 static_cast<int>(random() % 2) + 1, rules[random() % 3], i));
    }
    std::vector<Finding> expected = findings;
    std::stable_sort(expected.begin(), expected.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.location, a.rule, a.message) < std::tie(b.location, b.rule, b.message);
    });
    sort_findings(findings);
    CHECK(order(findings) == order(expected));
  }
}
