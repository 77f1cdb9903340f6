#include <algorithm>

#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

bool has_file(const FileTree& tree, const std::string& directory, const std::string& name) {
  auto files = list_files(tree, directory);
  return std::find(files.begin(), files.end(), name) != files.end();
}

}  // namespace

bool is_prisma_migrations_directory(const FileTree& tree, const std::string& directory) {
  if (has_file(tree, directory, "migration_lock.toml")) return true;
  auto entries = tree.list(directory);
  if (!entries) return false;
  return std::any_of(entries->begin(), entries->end(), [&](const FileTree::Entry& entry) {
    return entry.is_directory &&
           has_file(tree, join_tree_path(directory, entry.name), "migration.sql");
  });
}

MigrationSet load_prisma(const FileTree& tree, const std::string& directory) {
  MigrationSet set;
  set.format = MigrationFormat::prisma;
  set.root = directory;
  auto entries = tree.list(directory);
  std::vector<std::string> folders;
  if (entries) {
    for (const auto& entry : *entries) {
      if (entry.is_directory) folders.push_back(entry.name);
    }
  }
  // Prisma Migrate applies the folders in name order (their names start with
  // a UTC timestamp); a folder without migration.sql is not a migration.
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    std::string folder_path = join_tree_path(directory, folder);
    if (!has_file(tree, folder_path, "migration.sql")) continue;
    auto file = read_source(tree, join_tree_path(folder_path, "migration.sql"));
    Revision revision;
    revision.id = folder;
    size_t underscore = folder.find('_');
    revision.message = underscore == std::string::npos ? folder : folder.substr(underscore + 1);
    revision.file = file->path();
    revision.up.push_back(simple_query_unit(file));
    // Prisma Migrate has no down migrations: it only moves forward.
    revision.has_down = false;
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
