#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

MigrationSet load_plain_sql(const FileTree& tree, const std::string& directory) {
  MigrationSet set;
  set.format = MigrationFormat::sql;
  set.root = directory;
  for (const auto& name : list_files(tree, directory)) {
    if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".sql") != 0) continue;
    auto file = read_source(tree, join_tree_path(directory, name));
    Revision revision;
    // A loose file has a name, not a message: its id is the whole name.
    revision.id = name.substr(0, name.size() - 4);
    revision.file = file->path();
    // Loose files are run the way `psql -f` runs them: each statement commits
    // on its own, outside any transaction block.
    revision.up.push_back(sql_unit_for_range(file, 0, file->text().size(), false));
    revision.has_down = false;
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
