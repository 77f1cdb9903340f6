// A migration can run as several units on one connection (Alembic's
// autocommit_block commits, runs its body outside a transaction, then begins
// another): SET outlasts those commits, SET LOCAL does not, and the next
// migration, which may run on its own, starts without either.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/linter.h"
#include "linter/sql_file.h"
#include "rules/registry.h"

namespace migcheck {
namespace {

struct Unit {
  std::string sql;
  bool transactional;
};

// Lints each migration's units in order after a history that creates users;
// returns "rule@migration.unit" for each finding.
std::vector<std::string> lint_migrations(const std::vector<std::vector<Unit>>& migrations,
                                         const std::vector<std::string>& rule_ids) {
  std::vector<const Rule*> rules;
  for (const std::string& id : rule_ids) rules.push_back(find_rule(id));
  std::vector<std::string> found;
  run_with_big_stack([&] {
    Catalog catalog;
    Linter linter(rules, {});
    std::vector<Finding> ignored;
    linter.lint(
        sql_unit_for_file(
            SourceFile::make("history.sql", "CREATE TABLE users (id bigint, email text);"), true),
        catalog, ignored);
    catalog.set_history_known(true);
    for (size_t m = 0; m < migrations.size(); ++m) {
      catalog.begin_migration();
      for (size_t u = 0; u < migrations[m].size(); ++u) {
        std::vector<Finding> findings;
        const Unit& unit = migrations[m][u];
        linter.lint(sql_unit_for_file(SourceFile::make("m.sql", unit.sql), unit.transactional),
                    catalog, findings);
        for (const Finding& f : findings) {
          found.push_back(f.rule + "@" + std::to_string(m + 1) + "." + std::to_string(u + 1));
        }
      }
    }
  });
  return found;
}

TEST_CASE("SET lasts for the migration's next units, SET LOCAL and the next migration do not") {
  auto found =
      lint_migrations({{{"SET lock_timeout = '5s';\nSET LOCAL statement_timeout = '5s';", true},
                        {"CREATE INDEX CONCURRENTLY users_email_idx ON users (email);", false},
                        {"ALTER TABLE users ADD COLUMN note text;", true}},
                       {{"ALTER TABLE users ADD COLUMN locale text;", true}}},
                      {"missing-lock-timeout", "missing-statement-timeout"});
  CHECK(found == std::vector<std::string>{"missing-statement-timeout@1.3",
                                          "missing-lock-timeout@2.1",
                                          "missing-statement-timeout@2.1"});
}

TEST_CASE("turning a timeout off with SET lasts for the next units too") {
  auto found = lint_migrations({{{"SET lock_timeout = '5s';", true},
                                 {"SET lock_timeout = 0;", false},
                                 {"ALTER TABLE users ADD COLUMN note text;", true}}},
                               {"missing-lock-timeout"});
  CHECK(found == std::vector<std::string>{"missing-lock-timeout@1.3"});
}

}  // namespace
}  // namespace migcheck
