#pragma once
// Builds migration sets by hand, as golang-migrate and dbmate projects would
// load: each revision's up and down SQL mapped back to its file.
#include <string>
#include <vector>

#include "linter/source_file.h"
#include "linter/source_map.h"
#include "migrations/migration_set.h"

namespace migcheck::testing {

// A unit whose SQL is all of `path`'s text.
inline SqlUnit file_unit(const std::string& path, const std::string& sql,
                         bool transactional = true) {
  return SqlUnit{sql, SourceMap::identity(SourceFile::make(path, sql)), transactional};
}

// golang-migrate: NNN_name.up.sql and NNN_name.down.sql, revisions in a chain.
inline Revision golang_revision(const std::string& id, const std::string& parent,
                                const std::string& up, const std::string& down) {
  Revision revision;
  revision.id = id;
  if (!parent.empty()) revision.parents = {parent};
  revision.file = id + "_step.up.sql";
  revision.up = {file_unit(id + "_step.up.sql", up)};
  revision.down = {file_unit(id + "_step.down.sql", down)};
  return revision;
}

inline MigrationSet chain(std::vector<Revision> revisions,
                          MigrationFormat format = MigrationFormat::golang_migrate) {
  MigrationSet set;
  set.format = format;
  for (const Revision& revision : revisions) set.graph.order.push_back(revision.id);
  set.graph.bases = {revisions.front().id};
  set.graph.heads = {revisions.back().id};
  set.revisions = std::move(revisions);
  return set;
}

}  // namespace migcheck::testing
