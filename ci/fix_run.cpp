#include "ci/fix_run.h"

#include <algorithm>
#include <filesystem>

#include "ci/lint_run.h"
#include "fix/complete_fixes.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

// Loose files, each a migration run the way lint reads it (as `psql -f`
// would, unless --assume-in-transaction says the tool wraps it).
MigrationSet loose_files_set(const Report& report, const LintSettings& settings) {
  MigrationSet set;
  set.format = MigrationFormat::sql;
  bool transactional = settings.options.assume_in_transaction.value_or(false);
  for (const auto& [path, file] : report.sources) {
    Revision revision;
    revision.id = path;
    revision.file = path;
    revision.up.push_back(sql_unit_for_range(file, 0, file->text().size(), transactional));
    set.revisions.push_back(std::move(revision));
  }
  return set;
}

}  // namespace

FixPlan plan_fixes(const FixArguments& args) {
  LintArguments lint;
  lint.paths = args.paths;
  lint.project = args.project;
  lint.flags = args.flags;
  LintOutcome outcome = run_lint_checks(lint);
  FixPlan plan;
  plan.input_error = outcome.input_error;
  MigrationSet set = args.paths.empty() ? std::move(outcome.project)
                                        : loose_files_set(outcome.report, outcome.settings);
  // Fixes edit down migrations too (a dropped check for a dropped NOT NULL),
  // which the lint reads only with --include-downgrades.
  for (const Revision& revision : set.revisions) {
    for (const SqlUnit& unit : revision.down) {
      if (unit.map.file()) outcome.report.sources.emplace(unit.map.file()->path(), unit.map.file());
    }
  }
  std::vector<Finding>& findings = outcome.report.findings;
  complete_fixes(set, findings, outcome.settings.options.pg_version);
  std::vector<Fix> chosen;
  for (const Finding& finding : findings) {
    for (const Fix& fix : finding.fixes) {
      if (fix.unsafe && !args.unsafe) {
        ++plan.unsafe_left;
        continue;
      }
      // A file the fix would create exists already (a Flyway script
      // configuration, say): its settings are the user's, left alone.
      if (std::any_of(fix.new_files.begin(), fix.new_files.end(),
                      [](const NewFile& file) { return std::filesystem::exists(file.path); })) {
        ++plan.skipped;
        continue;
      }
      chosen.push_back(fix);
      break;  // one fix per finding: the first is the one a rule recommends
    }
  }
  plan.files = apply_fixes(chosen, outcome.report.sources, &plan.skipped);
  return plan;
}

}  // namespace migcheck
