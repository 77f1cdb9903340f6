#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <thread>

#include "ci/baseline.h"
#include "ci/batch_heap.h"
#include "ci/lint_run.h"
#include "ci/lint_settings.h"
#include "ci/path_kinds.h"
#include "ci/project_lint.h"
#include "ci/project_selection.h"
#include "ci/report.h"
#include "ci/rule_catalog.h"
#include "ci/squawk_compat.h"
#include "linter/file_batch.h"
#include "linter/input_error.h"
#include "linter/kept_until_exit.h"
#include "linter/migration_order.h"
#include "linter/suppressions.h"

namespace migcheck {

namespace {

// Files, directories (every *.sql below, sorted; InputError when there is
// none) and "-" for standard input, less those the configuration excludes.
std::vector<SqlInput> expand_inputs(const LintArguments& args, const LintSettings& settings) {
  std::vector<SqlInput> inputs;
  PathKinds kinds(args.paths);
  for (const std::string& path : args.paths) {
    if (path == "-") {
      std::string text(std::istreambuf_iterator<char>(std::cin), {});
      inputs.push_back({args.stdin_filename, SourceFile::make(args.stdin_filename, text)});
      continue;
    }
    std::error_code ec;
    std::filesystem::file_type kind = kinds.kind(path);
    if (kind == std::filesystem::file_type::directory) {
      std::vector<std::string> found;
      bool python = false;
      for (auto it = std::filesystem::recursive_directory_iterator(
               path, std::filesystem::directory_options::follow_directory_symlink, ec);
           it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        if (it->path().extension() == ".sql")
          found.push_back(it->path().lexically_normal().string());
        python = python || it->path().extension() == ".py";
      }
      if (ec) throw InputError(path + ": cannot list directory: " + ec.message());
      // A mistyped or wrong directory must not pass CI as "No findings in 0 files".
      if (found.empty()) {
        // Paths name SQL files; Alembic revisions are read as a project.
        throw InputError(path + ": no .sql files to lint" +
                         (python ? " (for an Alembic project, use --project " + path + ")" : ""));
      }
      std::sort(found.begin(), found.end());
      for (auto& file : found) {
        if (!settings.excluded(file)) inputs.push_back({std::move(file), nullptr});
      }
    } else if (kind != std::filesystem::file_type::not_found &&
               kind != std::filesystem::file_type::none) {
      if (!settings.excluded(path)) inputs.push_back({path, nullptr});
    } else {
      throw InputError(path + ": no such file or directory");
    }
  }
  return inputs;
}

// Files given together are one project's migrations: in the order the SQL
// layouts apply them whatever the order given (a shell glob sorts V10 before
// V2), so `lint DIR` and `lint DIR/*.sql` agree. Standard input comes last:
// it is the migration being written.
std::vector<SqlInput> in_migration_order(std::vector<SqlInput> inputs) {
  std::vector<std::string> paths;
  std::vector<SqlInput> ordered;
  for (SqlInput& input : inputs) {
    if (input.preloaded) continue;
    paths.push_back(std::move(input.path));
  }
  sort_migration_files(paths);
  for (std::string& path : paths) ordered.push_back({std::move(path), nullptr});
  for (SqlInput& input : inputs) {
    if (input.preloaded) ordered.push_back(std::move(input));
  }
  return ordered;
}

// Lints loose SQL files as migrations in order; returns true when some input
// was bad (reported on stderr, the other files still linted).
bool lint_loose_files(const LintArguments& args, const LintSettings& settings, const Linter& linter,
                      Suppressions& suppressions, Report& report) {
  std::vector<SqlInput> inputs = in_migration_order(expand_inputs(args, settings));
  unsigned threads = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(),
                                                     static_cast<unsigned>(inputs.size())));
  // Here, not for every lint: a project's revisions are read on threads that
  // allocate at once, and one shared arena made them wait for each other
  // (fides' lint took twice as long).
  prepare_heap_for_batch_lint(threads);
  bool input_error = false;
  Catalog schema;
  std::vector<FileLintResult> results = lint_sql_files(inputs, linter, threads, schema);
  size_t finding_count = report.findings.size();
  for (const FileLintResult& result : results) finding_count += result.findings.size();
  report.findings.reserve(finding_count);
  for (FileLintResult& result : results) {
    if (!result.error.empty()) {
      std::cerr << "migcheck: " << result.error << "\n";
      input_error = true;
      continue;
    }
    ++report.files_checked;
    report.checked_units.push_back(result.source->path());
    suppressions.add_file(result.source);
    report.sources[result.source->path()] = result.source;
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(report.findings));
  }
  // Emptied shells now, but one per file: freeing thousands of them one by
  // one (about a millisecond for 2,000 files) serves nothing in a command
  // that ends after its report (lint_loose_files runs once per process).
  keep_until_exit(std::move(results));
  keep_until_exit(std::move(inputs));
  // As large as a long history's tables, columns and indexes: freeing it
  // took the linting thread a few milliseconds nobody waits for.
  keep_until_exit(std::move(schema));
  return input_error;
}

// Lints a migration project: revisions in graph order over one schema memory.
// Findings in excluded files are dropped afterwards: those revisions still
// shape the schema later ones see.
SelectedProject lint_project(const LintArguments& args, const LintSettings& settings,
                             const Linter& linter, Suppressions& suppressions, Report& report) {
  SelectedProject selected = load_selected_project(args.project);
  MigrationSet& set = selected.set;
  ProjectLintOptions options;
  options.only_revisions = selected.only_revisions;
  options.environment = selected.environment;
  options.include_downgrades = args.include_downgrades || settings.include_downgrades;
  ProjectLintResult result = lint_migration_set(set, linter, options);
  for (const Revision& revision : set.revisions) {
    for (const SqlUnit& unit : revision.up) suppressions.add_unit(unit);
    if (!options.include_downgrades) continue;
    for (const SqlUnit& unit : revision.down) suppressions.add_unit(unit);
  }
  report.findings = std::move(result.findings);
  report.findings.insert(report.findings.end(), selected.findings.begin(), selected.findings.end());
  report.sources = std::move(result.sources);
  report.files_checked = result.revisions_checked.size();
  report.checked_units = std::move(result.revisions_checked);
  return selected;
}

}  // namespace

LintOutcome run_lint_checks(const LintArguments& args) {
  LintSettings settings = resolve_lint_settings(args.flags);
  Linter linter(settings.rules, settings.options);
  Report report;
  report.rules = known_rules();
  report.fail_on = settings.fail_on;
  bool input_error = false;
  SelectedProject project;
  auto suppressions = std::make_shared<Suppressions>(suppression_names());
  if (args.paths.empty()) {
    project = lint_project(args, settings, linter, *suppressions, report);
  } else {
    input_error = lint_loose_files(args, settings, linter, *suppressions, report);
  }
  suppressions->apply(report.findings, [&](const std::string& file, std::string_view rule) {
    return settings.enabled_for(file, rule);
  });
  apply_settings_to_findings(settings, report.findings);
  sort_findings(report.findings);
  // Writing a baseline accepts today's findings, so the run passes.
  if (!args.write_baseline.empty()) {
    std::filesystem::path file = args.write_baseline;
    Baseline written = Baseline::from_findings(report.findings, report.sources,
                                               std::filesystem::absolute(file).parent_path());
    written.save(file);
    written.filter(report.findings, report.sources);
    std::cerr << "migcheck: recorded " << written.size() << " finding(s) in " << file.string()
              << "\n";
  } else if (!args.baseline.empty()) {
    Baseline::load(args.baseline).filter(report.findings, report.sources);
  }
  return {std::move(report),      input_error,         std::move(settings),
          std::move(project.set), project.environment, std::move(suppressions)};
}

}  // namespace migcheck
