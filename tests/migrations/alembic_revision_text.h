#pragma once
// Alembic revision files written by a test, read by the static reader.
#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"

namespace migcheck::testing {

// The revision that a file versions/r1.py holding `text` reads as.
inline Revision read_revision_text(const std::string& text) {
  auto revision = read_alembic_revision(SourceFile::make("versions/r1.py", text));
  REQUIRE(revision);
  return *revision;
}

// The SQL of the revision's upgrade, its units joined.
inline std::string upgrade_sql(const Revision& revision) {
  std::string sql;
  for (const SqlUnit& unit : revision.up) sql += unit.sql;
  return sql;
}

}  // namespace migcheck::testing
