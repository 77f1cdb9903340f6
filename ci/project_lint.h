#pragma once
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "linter/connection_settings.h"
#include "linter/finding.h"
#include "linter/linter.h"
#include "linter/source_file.h"
#include "migrations/migration_set.h"

namespace migcheck {

struct ProjectLintOptions {
  // Hazard rules skip down migrations by default: undoing what the upgrade
  // added is their purpose, and the round trip is what proves them.
  bool include_downgrades = false;
  // When set, only these revisions' findings are kept (lint --since); every
  // revision is still replayed so the schema memory knows earlier tables.
  std::optional<std::set<std::string>> only_revisions;
  // What the migration tool sets on every revision's connection (Alembic's
  // env.py: SET lock_timeout), as if each revision's SQL had set it first.
  ConnectionSettings environment;
  // Called with the schema memory as it is before each revision is replayed,
  // so an editor can re-lint one revision later without replaying the others.
  std::function<void(const Revision&, const Catalog&)> before_revision;
};

struct ProjectLintResult {
  std::vector<Finding> findings;
  // Every file a finding may point into, for the text reporter's quotes.
  std::map<std::string, std::shared_ptr<const SourceFile>> sources;
  std::vector<std::string> revisions_checked;  // ids, in graph order
};

// Lints a migration set revision by revision in graph order, replaying each
// into one schema memory, and adds the findings made while reading it (graph
// checks, unresolved operations).
ProjectLintResult lint_migration_set(const MigrationSet& set, const Linter& linter,
                                     const ProjectLintOptions& options);

// Replays one revision into `catalog` (the schema memory after the revisions
// before it), adding its findings to `result` when `keep`. Call on a
// BigStackThread.
void lint_revision(const Revision& revision, const Linter& linter,
                   const ProjectLintOptions& options, bool keep, Catalog& catalog,
                   ProjectLintResult& result);

}  // namespace migcheck
