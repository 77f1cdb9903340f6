#include "tests/rules/lint_helper.h"

#include "linter/big_stack_thread.h"
#include "linter/linter.h"
#include "linter/sql_file.h"
#include "rules/registry.h"
#include "tests/test_support.h"

namespace migcheck::testing {

std::vector<Finding> lint_after_history(const std::string& history, const std::string& migration,
                                        const std::set<std::string>& rule_ids,
                                        LintOptions options) {
  TempDir dir;
  write_file(dir / "history.sql", history);
  write_file(dir / "migration.sql", migration);
  std::vector<const Rule*> rules;
  for (const Rule* rule : all_rules()) {
    if (rule_ids.count(std::string(rule->id))) rules.push_back(rule);
  }
  SqlUnit history_unit = sql_unit_for_file(read_source_file((dir / "history.sql").string()), true);
  SqlUnit migration_unit =
      sql_unit_for_file(read_source_file((dir / "migration.sql").string()), true);
  std::vector<Finding> history_findings, findings;
  run_with_big_stack([&] {
    Catalog catalog;
    Linter linter(rules, options);
    linter.lint(history_unit, catalog, history_findings);
    catalog.set_history_known(true);
    catalog.begin_migration();
    linter.lint(migration_unit, catalog, findings);
  });
  return findings;
}

}  // namespace migcheck::testing
