#include "ci/project_lint.h"

#include "linter/big_stack_thread.h"

namespace migcheck {

namespace {

bool wanted(const ProjectLintOptions& options, const std::string& id) {
  return !options.only_revisions || options.only_revisions->count(id) > 0;
}

void lint_units(const std::vector<SqlUnit>& units, const Linter& linter, Catalog& catalog,
                const Revision& revision, bool keep, ProjectLintResult& result) {
  std::vector<Finding> findings;
  for (const SqlUnit& unit : units) {
    if (unit.map.file()) result.sources[unit.map.file()->path()] = unit.map.file();
    linter.lint(unit, catalog, findings);
  }
  if (!keep) return;
  for (Finding& finding : findings) {
    finding.revision = revision.id;
    revision.note_conditional(finding);
    result.findings.push_back(std::move(finding));
  }
}

}  // namespace

void lint_revision(const Revision& revision, const Linter& linter,
                   const ProjectLintOptions& options, bool keep, Catalog& catalog,
                   ProjectLintResult& result) {
  catalog.begin_migration();
  catalog.set_connection_settings(options.environment);
  lint_units(revision.up, linter, catalog, revision, keep, result);
  if (options.include_downgrades && keep) {
    // The downgrade runs after the upgrade; lint it on a copy so the
    // replay of later revisions continues from the upgraded schema.
    Catalog after_downgrade = catalog;
    after_downgrade.begin_migration();
    after_downgrade.set_connection_settings(options.environment);
    lint_units(revision.down, linter, after_downgrade, revision, true, result);
  }
  catalog.set_history_known(true);
  if (!keep) return;
  result.revisions_checked.push_back(revision.id);
  for (const Finding& finding : revision.read_findings) {
    result.findings.push_back(finding);
    result.findings.back().revision = revision.id;
  }
}

ProjectLintResult lint_migration_set(const MigrationSet& set, const Linter& linter,
                                     const ProjectLintOptions& options) {
  ProjectLintResult result;
  result.findings = set.graph_findings;
  run_with_big_stack([&] {
    Catalog catalog;
    for (const std::string& id : set.graph.order) {
      const Revision* revision = set.find(id);
      if (!revision) continue;
      if (options.before_revision) options.before_revision(*revision, catalog);
      lint_revision(*revision, linter, options, wanted(options, id), catalog, result);
    }
  });
  return result;
}

}  // namespace migcheck
