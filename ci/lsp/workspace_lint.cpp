#include "ci/lsp/workspace_lint.h"

#include <filesystem>
#include <functional>
#include <regex>

#include "ci/config.h"
#include "ci/project_arguments.h"
#include "ci/project_lint.h"
#include "ci/squawk_compat.h"
#include "fix/complete_fixes.h"
#include "linter/big_stack_thread.h"
#include "linter/file_batch.h"
#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "linter/suppressions.h"
#include "migrations/alembic/revision_reader.h"
#include "migrations/project_environment.h"
#include "migrations/sql_layouts.h"

namespace migcheck::lsp {

namespace {

std::string normal_path(const std::string& root, const std::string& path) {
  std::filesystem::path full = path;
  if (full.is_relative()) full = std::filesystem::path(root) / full;
  return full.lexically_normal().string();
}

// An InputError's "file:line:col: what" as a finding without a rule; one
// without a position points at the start of `fallback_file`.
Finding input_error_finding(const std::string& message, const std::string& fallback_file) {
  static const std::regex positioned(R"(^(.*?):(\d+):(\d+): (.*)$)");
  Finding finding;
  finding.severity = Severity::error;
  std::smatch match;
  if (std::regex_match(message, match, positioned)) {
    int line = std::stoi(match[2]);
    int column = std::stoi(match[3]);
    finding.location = {match[1], line, column, line, column + 1};
    finding.message = match[4];
  } else {
    finding.location = {fallback_file, 1, 1, 1, 1};
    finding.message = message;
  }
  return finding;
}

// The loader's options for the project at `root` (absolute), the root of the
// editor's tree, as `migcheck lint --project ROOT` has them.
ProjectOptions project_at(const std::string& root) {
  ProjectArguments arguments;
  arguments.directory = root;
  return project_options(arguments);
}

bool same_graph_place(const Revision& a, const Revision& b) {
  return a.id == b.id && a.parents == b.parents && a.depends_on == b.depends_on &&
         a.branch_labels == b.branch_labels;
}

}  // namespace

WorkspaceLint::WorkspaceLint(std::string root, const DocumentStore& documents)
    : root_(std::move(root)), tree_(root_, documents) {}

void WorkspaceLint::reload(bool from_disk) {
  if (from_disk) tree_.forget();
  configuration_error_.reset();
  try {
    settings_ = resolve_lint_settings({}, discover_config(root_));
  } catch (const InputError& e) {
    configuration_error_ = e.what();
    settings_ = resolve_lint_settings({}, std::nullopt);
  }
  linter_ = std::make_unique<Linter>(settings_.rules, settings_.options);
  has_project_ = false;
  set_ = {};
  environment_ = {};
  project_error_.reset();
  before_revision_.clear();
  findings_by_revision_.clear();
  project_findings_.clear();
  revisions_by_file_.clear();
  linted_text_.clear();
  input_errors_.clear();
  ++project_loads_;

  try {
    set_ = load_project(tree_, project_at(root_), environment_);
    has_project_ = true;
  } catch (const InputError& e) {
    // Without a project every .sql file is linted alone; a bad revision is
    // shown in its file until it is fixed.
    Finding error = input_error_finding(e.what(), root_);
    std::string file = normal_path(root_, error.location.file);
    if (auto text = tree_.read(file)) {
      linted_text_[file] = *text;
      project_error_ = std::move(error);
    }
    return;
  }

  ProjectLintOptions lint_options;
  lint_options.environment = environment_;
  lint_options.include_downgrades = settings_.include_downgrades;
  lint_options.before_revision = [&](const Revision& revision, const Catalog& catalog) {
    before_revision_[revision.id] = catalog;
    ++revisions_linted_;
  };
  ProjectLintResult result = lint_migration_set(set_, *linter_, lint_options);
  for (Finding& finding : result.findings) {
    if (finding.revision.empty()) {
      project_findings_.push_back(std::move(finding));
    } else {
      findings_by_revision_[finding.revision].push_back(std::move(finding));
    }
  }
  for (const Revision& revision : set_.revisions) {
    std::vector<std::string> files = {revision.file};
    for (const auto* units : {&revision.up, &revision.down}) {
      for (const SqlUnit& unit : *units) {
        if (unit.map.file()) files.push_back(unit.map.file()->path());
      }
    }
    for (const std::string& file : files) {
      if (file.empty()) continue;
      std::vector<std::string>& ids = revisions_by_file_[normal_path(root_, file)];
      if (std::find(ids.begin(), ids.end(), revision.id) == ids.end()) ids.push_back(revision.id);
    }
  }
  // What each file held when linted: read again from the cache, not the disk.
  for (const auto& [file, ids] : revisions_by_file_) {
    if (auto text = tree_.read(file)) linted_text_[file] = *text;
  }
}

std::string WorkspaceLint::absolute(const std::string& file) const {
  return normal_path(root_, file);
}

std::vector<std::string> WorkspaceLint::revisions_of(const std::string& path) const {
  auto it = revisions_by_file_.find(path);
  return it == revisions_by_file_.end() ? std::vector<std::string>{} : it->second;
}

bool WorkspaceLint::reread_revisions(const std::string& path, const std::string& text) {
  if (set_.format == MigrationFormat::alembic) {
    std::vector<std::string> ids = revisions_of(path);
    if (ids.size() != 1) return false;
    auto old = std::find_if(set_.revisions.begin(), set_.revisions.end(),
                            [&](const Revision& revision) { return revision.id == ids[0]; });
    if (old == set_.revisions.end()) return false;
    validate_source_text(text, old->file);
    std::optional<Revision> revision;
    // The Python reader recurses on nested expressions, as the loader's does.
    run_with_big_stack(
        [&] { revision = read_alembic_revision(SourceFile::make(old->file, text)); });
    if (!revision || !same_graph_place(*revision, *old)) return false;
    *old = std::move(*revision);
    return true;
  }
  // A SQL layout's revision is one file or a section of one, cut as the
  // layout cuts it: read the set again from the cached tree (no disk reads,
  // no linting), and keep it when the order of revisions is the same.
  ConnectionSettings environment;
  MigrationSet fresh = load_project(tree_, project_at(root_), environment);
  if (fresh.graph.order != set_.graph.order) return false;
  for (const std::string& id : fresh.graph.order) {
    const Revision* now = fresh.find(id);
    const Revision* before = set_.find(id);
    if (!now || !before || !same_graph_place(*now, *before)) return false;
  }
  set_ = std::move(fresh);
  return true;
}

void WorkspaceLint::relint_revision(const std::string& id) {
  const Revision* revision = set_.find(id);
  auto before = before_revision_.find(id);
  if (!revision || before == before_revision_.end()) return;
  ProjectLintOptions options;
  options.environment = environment_;
  options.include_downgrades = settings_.include_downgrades;
  Catalog catalog = before->second;
  ProjectLintResult result;
  run_with_big_stack([&] { lint_revision(*revision, *linter_, options, true, catalog, result); });
  findings_by_revision_[id] = std::move(result.findings);
  ++revisions_linted_;
}

std::vector<Finding> WorkspaceLint::finish(
    const std::string& path, std::vector<Finding> findings,
    const std::function<void(Suppressions&)>& add_comments) const {
  Suppressions suppressions(suppression_names());
  try {
    add_comments(suppressions);
  } catch (const InputError& e) {
    return {input_error_finding(e.what(), path)};
  }
  suppressions.apply(findings, [&](const std::string& file, std::string_view rule) {
    return settings_.enabled_for(file, rule);
  });
  apply_settings_to_findings(settings_, findings);
  std::erase_if(findings, [&](const Finding& finding) {
    return normal_path(root_, finding.location.file) != path;
  });
  sort_findings(findings);
  return findings;
}

std::vector<Finding> WorkspaceLint::lint_loose_file(const std::string& path,
                                                    const std::string& text) const {
  Catalog schema;
  std::vector<FileLintResult> results =
      lint_sql_files({{path, SourceFile::make(path, text)}}, *linter_, 1, schema);
  FileLintResult& result = results.front();
  if (!result.error.empty()) return {input_error_finding(result.error, path)};
  // The file is a migration of its own, run as `migcheck fix FILE` runs it.
  MigrationSet alone;
  alone.format = MigrationFormat::sql;
  Revision revision;
  revision.id = revision.file = path;
  revision.up.push_back(sql_unit_for_range(
      result.source, 0, text.size(), settings_.options.assume_in_transaction.value_or(false)));
  alone.revisions.push_back(std::move(revision));
  complete_fixes(alone, result.findings, settings_.options.pg_version);
  return finish(path, std::move(result.findings),
                [&](Suppressions& suppressions) { suppressions.add_file(result.source); });
}

std::vector<Finding> WorkspaceLint::findings_for(const std::string& path) {
  std::optional<std::string> text = tree_.read(path);
  if (!text) return {};
  if (!has_project_ && project_error_ &&
      normal_path(root_, project_error_->location.file) == path) {
    if (linted_text_[path] == *text) return {*project_error_};
    reload(false);
  }
  std::vector<std::string> ids = revisions_of(path);
  if (ids.empty()) {
    if (std::filesystem::path(path).extension() != ".sql") return {};
    return lint_loose_file(path, *text);
  }
  if (linted_text_[path] != *text) {
    input_errors_.erase(path);
    try {
      if (reread_revisions(path, *text)) {
        for (const std::string& id : ids) relint_revision(id);
      } else {
        reload(false);
        return findings_for(path);
      }
    } catch (const InputError& e) {
      input_errors_[path] = input_error_finding(e.what(), path);
    }
    linted_text_[path] = *text;
  }
  auto error = input_errors_.find(path);
  if (error != input_errors_.end()) return {error->second};

  std::vector<Finding> findings = project_findings_;
  std::vector<const SqlUnit*> units;
  for (const std::string& id : ids) {
    auto found = findings_by_revision_.find(id);
    if (found != findings_by_revision_.end()) {
      findings.insert(findings.end(), found->second.begin(), found->second.end());
    }
    const Revision* revision = set_.find(id);
    if (!revision) continue;
    for (const SqlUnit& unit : revision->up) units.push_back(&unit);
    if (!settings_.include_downgrades) continue;
    for (const SqlUnit& unit : revision->down) units.push_back(&unit);
  }
  complete_fixes(set_, findings, settings_.options.pg_version);
  return finish(path, std::move(findings), [&](Suppressions& suppressions) {
    for (const SqlUnit* unit : units) suppressions.add_unit(*unit);
  });
}

}  // namespace migcheck::lsp
