// Runs every SQL fixture under tests/rules/fixtures/ through the linter and
// compares the findings with the expectations written inline, in the style of
// clang-tidy's CHECK-MESSAGES:
//
//   -- fixture: pg-version=10 in-transaction=true select=prefer-text
//   ALTER TABLE users DROP COLUMN email;  -- expect: dropping-column@19
//
// `-- expect: RULE[@COLUMN][, RULE...]` names each finding that starts on that
// line (the column is checked when given). Every finding must be expected and
// every expectation met; lines without one are look-alikes that must stay
// silent. `fixture:` options: pg-version, in-transaction, select (the rules
// to run, on or off by default; without it, a file named after a rule, like
// adding_foreign_key_pg10.sql, runs that rule alone, and any other file every
// rule on by default); a `-- fixture: next-migration` line starts a later
// migration, so what comes before it is history the schema memory replays.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "linter/big_stack_thread.h"
#include "linter/linter.h"
#include "linter/sql_file.h"
#include "rules/registry.h"
#include "tests/test_support.h"

namespace migcheck {
namespace {

struct Expected {
  int line;
  std::string rule;
  int column;  // 0 when not checked
  auto operator<=>(const Expected&) const = default;
};

std::string trim(std::string text) {
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t\r") + 1);
  return text;
}

struct Fixture {
  LintOptions options;
  bool has_select = false;
  std::set<std::string> selected;
  std::set<Expected> expected;
};

Fixture read_fixture(const std::string& text) {
  Fixture fixture;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (auto at = line.find("-- fixture:"); at != std::string::npos) {
      std::istringstream options(line.substr(at + 11));
      std::string option;
      while (options >> option) {
        auto eq = option.find('=');
        std::string key = option.substr(0, eq), value = option.substr(eq + 1);
        if (key == "pg-version") fixture.options.pg_version = std::stoi(value);
        if (key == "in-transaction") fixture.options.assume_in_transaction = value == "true";
        if (key == "select") {
          fixture.has_select = true;
          std::istringstream names(value);
          for (std::string name; std::getline(names, name, ',');) fixture.selected.insert(name);
        }
      }
    }
    auto at = line.find("-- expect:");
    if (at == std::string::npos) continue;
    std::istringstream items(line.substr(at + 10));
    for (std::string item; std::getline(items, item, ',');) {
      item = trim(item);
      auto column_at = item.find('@');
      int column = column_at == std::string::npos ? 0 : std::stoi(item.substr(column_at + 1));
      fixture.expected.insert({number, item.substr(0, column_at), column});
    }
  }
  return fixture;
}

// The rule a fixture file is named after: the longest rule id that, spelled
// with underscores, is the file's stem or a prefix of it followed by "_".
std::optional<std::string> rule_named_by(const std::string& stem) {
  std::optional<std::string> best;
  for (const Rule* rule : all_rules()) {
    std::string id(rule->id);
    std::replace(id.begin(), id.end(), '-', '_');
    bool named = stem == id || (stem.starts_with(id) && stem[id.size()] == '_');
    if (named && (!best || id.size() > best->size())) best = std::string(rule->id);
  }
  return best;
}

// A fixture may hold several migrations separated by a `-- fixture:
// next-migration` line; each becomes a unit over the whole file with the other
// migrations blanked out, so lines and columns stay those of the file.
std::vector<SqlUnit> migrations_of(const std::shared_ptr<const SourceFile>& source) {
  const std::string marker = "-- fixture: next-migration";
  std::vector<size_t> starts = {0};
  for (size_t at = source->text().find(marker); at != std::string::npos;
       at = source->text().find(marker, at + 1)) {
    starts.push_back(at);
  }
  std::vector<SqlUnit> units;
  for (size_t i = 0; i < starts.size(); ++i) {
    SqlUnit unit = sql_unit_for_file(source, false);
    size_t end = i + 1 < starts.size() ? starts[i + 1] : unit.sql.size();
    for (size_t k = 0; k < unit.sql.size(); ++k) {
      if ((k < starts[i] || k >= end) && unit.sql[k] != '\n') unit.sql[k] = ' ';
    }
    units.push_back(std::move(unit));
  }
  return units;
}

TEST_CASE("rule fixtures") {
  auto directory = testing::source_dir() / "tests/rules/fixtures";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& path : files) {
    auto source = read_source_file(path.string());
    Fixture fixture = read_fixture(source->text());
    if (!fixture.has_select) {
      if (auto rule = rule_named_by(path.stem().string())) fixture.selected.insert(*rule);
    }
    std::vector<const Rule*> rules;
    for (const Rule* rule : all_rules()) {
      bool wanted = fixture.selected.empty() ? rule->enabled_by_default
                                             : fixture.selected.count(std::string(rule->id)) > 0;
      if (wanted) rules.push_back(rule);
    }
    std::vector<Finding> findings;
    run_with_big_stack([&] {
      Catalog catalog;
      Linter linter(rules, fixture.options);
      for (const SqlUnit& unit : migrations_of(source)) {
        catalog.begin_migration();
        linter.lint(unit, catalog, findings);
        catalog.set_history_known(true);
      }
    });
    std::set<Expected> actual;
    for (const Finding& f : findings) actual.insert({f.location.line, f.rule, f.location.column});
    INFO("fixture ", path.filename().string());
    for (const Expected& e : fixture.expected) {
      bool met = std::any_of(actual.begin(), actual.end(), [&](const Expected& a) {
        return a.line == e.line && a.rule == e.rule && (e.column == 0 || a.column == e.column);
      });
      std::string found;
      for (const Expected& a : actual) {
        if (a.line == e.line) found += " " + a.rule + "@" + std::to_string(a.column);
      }
      CHECK_MESSAGE(met, "missing ", e.rule, " at line ", e.line,
                    e.column ? " column " + std::to_string(e.column) : std::string(),
                    " (found on that line:", found.empty() ? " nothing" : found, ")");
    }
    for (const Expected& a : actual) {
      bool expected =
          std::any_of(fixture.expected.begin(), fixture.expected.end(),
                      [&](const Expected& e) { return a.line == e.line && a.rule == e.rule; });
      CHECK_MESSAGE(expected, "unexpected ", a.rule, " at line ", a.line, " column ", a.column);
    }
  }
}

}  // namespace
}  // namespace migcheck
