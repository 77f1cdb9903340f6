#include <map>
#include <regex>

#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

struct VersionFiles {
  std::string name;  // the part between the version and the direction
  std::vector<std::string> up;
  std::vector<std::string> down;
};

}  // namespace

MigrationSet load_golang_migrate(const FileTree& tree, const std::string& directory) {
  // The same pattern as golang-migrate's source.Regex.
  static const std::regex pattern("^([0-9]+)_(.*)\\.(down|up)\\.(.*)$");
  std::map<std::string, VersionFiles, decltype(&version_number_less)> versions(
      &version_number_less);
  for (const auto& name : list_files(tree, directory)) {
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) continue;
    VersionFiles& files = versions[canonical_version_number(match[1])];
    if (files.up.empty() && files.down.empty()) files.name = match[2];
    (match[3] == "up" ? files.up : files.down).push_back(join_tree_path(directory, name));
  }

  MigrationSet set;
  set.format = MigrationFormat::golang_migrate;
  set.root = directory;
  for (auto& [version, files] : versions) {
    Revision revision;
    revision.id = version;
    revision.message = files.name;
    for (auto* paths : {&files.up, &files.down}) {
      if (paths->size() < 2) continue;
      std::string list;
      for (const auto& path : *paths) list += (list.empty() ? "" : ", ") + tree.display_path(path);
      set.graph_findings.push_back(file_finding(
          kDuplicateVersion,
          "version " + version + " has " + std::to_string(paths->size()) + " " +
              (paths == &files.up ? "up" : "down") + " migrations: " + list,
          "golang-migrate refuses to run with duplicate versions; renumber one of the files",
          tree.display_path((*paths)[1]), version));
    }
    if (!files.up.empty()) {
      auto file = read_source(tree, files.up.front());
      revision.file = file->path();
      revision.up.push_back(simple_query_unit(file));
    }
    if (!files.down.empty()) {
      auto file = read_source(tree, files.down.front());
      if (revision.file.empty()) revision.file = file->path();
      revision.down.push_back(simple_query_unit(file));
    } else {
      revision.has_down = false;
      std::string up_name = files.up.front().substr(files.up.front().rfind('/') + 1);
      std::string down_name = up_name;
      down_name.replace(down_name.rfind(".up."), 4, ".down.");
      set.graph_findings.push_back(
          file_finding(kMissingDownMigration,
                       "migration " + version + " has " + up_name + " but no " + down_name,
                       "add the down migration that undoes it, so the change can be rolled back",
                       revision.file, version));
    }
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
