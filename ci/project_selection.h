#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ci/project_arguments.h"
#include "linter/connection_settings.h"
#include "linter/finding.h"
#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// Which state of a migration project a command checks: the files on disk, the
// staged index (--staged), or a commit (--rev), and optionally only what
// changed since the merge base with a ref (--since). --staged alone reports on
// what is staged against HEAD, as a pre-commit check should. The project is
// named as in every command that reads one.
struct ProjectSelection : ProjectArguments {
  std::string since;  // empty: every revision
  std::string rev;    // empty: the working tree (or the index with `staged`)
  bool staged = false;
  // "static": migcheck's own reader of Alembic revisions (no Python needed);
  // "alembic": the real Alembic's offline SQL (`upgrade A:B --sql`) instead.
  std::string sql_source = "static";
};

struct SelectedProject {
  MigrationSet set;
  // Set with --since: the revisions to report on (all are still replayed).
  std::optional<std::set<std::string>> only_revisions;
  // Findings about the selection itself (editing-applied-migration).
  std::vector<Finding> findings;
  // What the migration tool sets on every migration's connection (env.py).
  ConnectionSettings environment;
};

// Reads the project as the selection says, through libgit2 for git states.
// Throws InputError for a bad layout, ref, or project.
SelectedProject load_selected_project(const ProjectSelection& selection);

// The ids of `set`'s revisions added or changed since the merge base of HEAD
// with `ref`, in the set's order, where `set` was read with `options` from the
// files on disk at `directory` (as --since selects them for lint). Throws
// InputError outside a git repository or for a ref that names no commit.
std::vector<std::string> disk_revisions_changed_since(const MigrationSet& set,
                                                      const std::string& directory,
                                                      const ProjectOptions& options,
                                                      const std::string& ref);

}  // namespace migcheck
