#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ci/lint_settings.h"
#include "ci/lsp/document_store.h"
#include "ci/lsp/editor_tree.h"
#include "linter/catalog.h"
#include "linter/finding.h"
#include "linter/linter.h"
#include "linter/suppressions.h"
#include "migrations/migration_set.h"

namespace migcheck::lsp {

// The lint of the project an editor has open, kept between edits. A full
// lint reads the configuration and every revision and remembers the schema
// memory before each revision; an edit then re-reads and re-lints only the
// revision(s) of the edited file from that memory. Paths are absolute.
class WorkspaceLint {
 public:
  WorkspaceLint(std::string root, const DocumentStore& documents);

  // Reads the configuration and the project again and lints every revision
  // (the disk as last read unless `from_disk`: a save, files changed).
  void reload(bool from_disk);

  // The findings in `path` for its current text, suppressions and
  // configuration applied: its revisions re-read and re-linted when the text
  // changed since they were linted; a file outside the project linted alone
  // as `migcheck lint FILE` would. Bad input (a syntax error in a revision's
  // Python) is a finding without a rule at its position.
  std::vector<Finding> findings_for(const std::string& path);

  // `file` as a finding or fix names it, as an absolute path.
  std::string absolute(const std::string& file) const;
  // The text of `path` as the editor has it (the disk's when not open).
  std::optional<std::string> text(const std::string& path) const { return tree_.read(path); }

  // What went wrong reading the configuration at the last reload, if anything.
  const std::optional<std::string>& configuration_error() const { return configuration_error_; }

  // Evidence of the work done, for tests: files read from disk, full project
  // reads, revisions linted.
  size_t disk_reads() const { return tree_.disk_reads(); }
  size_t project_loads() const { return project_loads_; }
  size_t revisions_linted() const { return revisions_linted_; }

 private:
  std::vector<std::string> revisions_of(const std::string& path) const;
  // Re-reads the file's revisions from its current text; false when the
  // revision graph changed (a full reload is then needed).
  bool reread_revisions(const std::string& path, const std::string& text);
  void relint_revision(const std::string& id);
  // Applies suppression comments (added by `add_comments`) and the
  // configuration, and keeps the findings in `path`.
  std::vector<Finding> finish(const std::string& path, std::vector<Finding> findings,
                              const std::function<void(Suppressions&)>& add_comments) const;
  std::vector<Finding> lint_loose_file(const std::string& path, const std::string& text) const;

  std::string root_;
  EditorTree tree_;
  LintSettings settings_;
  std::unique_ptr<Linter> linter_;
  std::optional<std::string> configuration_error_;

  bool has_project_ = false;
  MigrationSet set_;
  ConnectionSettings environment_;
  std::optional<Finding> project_error_;  // the project could not be read
  std::map<std::string, Catalog> before_revision_;
  std::map<std::string, std::vector<Finding>> findings_by_revision_;
  std::vector<Finding> project_findings_;  // graph checks, not of one revision
  std::map<std::string, std::vector<std::string>> revisions_by_file_;
  std::map<std::string, std::string> linted_text_;  // by file, as last linted
  std::map<std::string, Finding> input_errors_;     // by file, for its current text

  size_t project_loads_ = 0;
  size_t revisions_linted_ = 0;
};

}  // namespace migcheck::lsp
