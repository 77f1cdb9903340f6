#pragma once
// Alembic revision files written by a test, read by the static reader.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"
#include "migrations/project_loader.h"
#include "tests/test_support.h"

namespace migcheck::testing {

// The revision that a file versions/r1.py holding `text` reads as.
inline Revision read_revision_text(const std::string& text) {
  auto revision = read_alembic_revision(SourceFile::make("versions/r1.py", text));
  REQUIRE(revision);
  return *revision;
}

// A revision r1 without a parent whose upgrade() runs `upgrade_body` (lines
// indented by four spaces), after `module_lines` (tables, constants) at
// module level.
inline Revision read_upgrade_revision(const std::string& upgrade_body,
                                      const std::string& module_lines = "") {
  return read_revision_text(
      "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n" +
      module_lines + "\ndef upgrade():\n" + upgrade_body +
      "\ndef downgrade():\n    op.execute('SELECT 1')\n");
}

// The SQL of the revision's upgrade, its units joined.
inline std::string upgrade_sql(const Revision& revision) {
  std::string sql;
  for (const SqlUnit& unit : revision.up) sql += unit.sql;
  return sql;
}

// The project a test wrote into `dir`, loaded as `migcheck` loads it there.
inline MigrationSet load_disk_project(const TempDir& dir) {
  auto tree = disk_tree(dir.path().string());
  return load_project(*tree, ProjectOptions{});
}

// The SQL of the upgrade of a project's only revision, its units joined.
inline std::string upgrade_sql(const MigrationSet& set) {
  REQUIRE(set.revisions.size() == 1);
  return upgrade_sql(set.revisions[0]);
}

}  // namespace migcheck::testing
