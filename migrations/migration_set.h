#pragma once
#include <optional>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "linter/source_map.h"

namespace migcheck {

enum class MigrationFormat { alembic, golang_migrate, flyway, goose, dbmate, pop, prisma, sql };
std::string_view to_string(MigrationFormat format);

// A 1-based line and column in a file; line 0 when not known.
struct TextPosition {
  int line = 0;
  int column = 0;
};

// SQL of an Alembic revision that runs only when Python decides so (an `if`
// branch, an `except` block, a loop over values the reader cannot know): the
// reader lints it all, and findings inside `where` say why it may not run.
struct ConditionalSql {
  Location where;   // the op call in the revision file
  std::string why;  // "may run: ...", appended to the findings' messages
};

// One migration: an Alembic revision, or one numbered SQL migration (its id is
// the version). `up` and `down` hold the SQL migcheck lints and runs, each unit
// mapping back into `file` (or the matching down file).
struct Revision {
  std::string id;
  std::vector<std::string> parents;  // down_revision(s); empty for a base
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string file;     // path as reported, relative to the project where possible
  std::string message;  // docstring's first line, or the name part of a SQL file name
  std::vector<SqlUnit> up;
  std::vector<SqlUnit> down;
  bool has_down = true;  // false when there is no down migration at all
  // Where an Alembic revision assigns `revision`, `down_revision`,
  // `depends_on` and `branch_labels`, so graph findings point at the line to fix.
  TextPosition id_at;
  TextPosition parents_at;
  TextPosition depends_on_at;
  TextPosition branch_labels_at;
  // Findings made while reading the revision (unresolved op calls, an
  // irreversible downgrade): reported with the lint findings.
  std::vector<Finding> read_findings;
  std::vector<ConditionalSql> conditional;  // Alembic only, in file order

  // Appends `why` to the message of a finding about conditional SQL.
  void note_conditional(Finding& finding) const;
};

// The revision graph's answers, computed once per set (migrations/graph).
struct RevisionGraph {
  std::vector<std::string> heads;  // in a deterministic order
  std::vector<std::string> bases;
  // Every revision id in the order linting and running use: parents first.
  std::vector<std::string> order;
  std::vector<std::string> branch_points;  // more than one child, in file order
  std::vector<std::string> merge_points;   // more than one parent, in file order
};

struct MigrationSet {
  MigrationFormat format = MigrationFormat::sql;
  std::string root;  // the project directory
  std::vector<Revision> revisions;
  RevisionGraph graph;
  // Findings about the set as a whole (multiple heads, a missing parent).
  std::vector<Finding> graph_findings;
  // Alembic only, relative to `root` (so a run of Alembic there finds them):
  // the configuration file read (empty when there is none) and, when nothing
  // configures the script directory (Flask-Migrate's migrations/alembic.ini,
  // a migrations/ folder without an ini), that directory, which Alembic must
  // then be told; empty when the configuration names it.
  std::string alembic_config;
  std::string implied_script_location;

  const Revision* find(const std::string& id) const;
};

}  // namespace migcheck
