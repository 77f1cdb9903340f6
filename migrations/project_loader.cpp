#include "migrations/project_loader.h"

#include <filesystem>
#include <regex>
#include <set>

#include "linter/input_error.h"
#include "migrations/alembic/revision_reader.h"
#include "migrations/alembic_config.h"
#include "migrations/graph.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

bool parse_project_layout(std::string_view text, ProjectLayout& out) {
  static const std::pair<std::string_view, ProjectLayout> names[] = {
      {"auto", ProjectLayout::detect},
      {"alembic", ProjectLayout::alembic},
      {"golang-migrate", ProjectLayout::golang_migrate},
      {"flyway", ProjectLayout::flyway},
      {"dbmate", ProjectLayout::dbmate},
      {"sql", ProjectLayout::sql}};
  for (const auto& [name, layout] : names) {
    if (text == name) {
      out = layout;
      return true;
    }
  }
  return false;
}

namespace {

std::string parent_directory(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// The files Alembic treats as revision candidates: its _only_source_rev_file
// pattern, "(?!\.\#|__init__)(.*\.py)$" matched from the name's start (so
// emacs lock files and __init__ modules are skipped, other dotfiles are not).
bool is_revision_file_name(const std::string& name) {
  if (name.rfind(".#", 0) == 0 || name.rfind("__init__", 0) == 0) return false;
  return name.size() > 3 && name.compare(name.size() - 3, 3, ".py") == 0;
}

void collect_revision_files(const FileTree& tree, const std::string& directory, bool recursive,
                            std::vector<std::string>& out) {
  auto entries = tree.list(directory);
  if (!entries) return;
  for (const auto& entry : *entries) {
    std::string path = join_tree_path(directory, entry.name);
    if (entry.is_directory) {
      if (recursive) collect_revision_files(tree, path, recursive, out);
    } else if (is_revision_file_name(entry.name)) {
      out.push_back(path);
    }
  }
}

MigrationSet load_alembic(const FileTree& tree, const AlembicLocations& locations,
                          const std::string& root) {
  MigrationSet set;
  set.format = MigrationFormat::alembic;
  set.root = root;
  std::set<std::string> loaded;  // a file listed by two version locations is read once
  for (const auto& location : locations.version_locations) {
    if (!tree.list(location)) {
      // Alembic skips version_locations entries that do not exist, but the
      // default <script_location>/versions must.
      if (locations.explicit_version_locations) continue;
      throw InputError(tree.display_path(location) +
                       ": the versions directory of the Alembic project does not exist");
    }
    std::vector<std::string> files;
    collect_revision_files(tree, location, locations.recursive, files);
    for (const auto& path : files) {
      if (!loaded.insert(path).second) continue;
      auto text = tree.read(path);
      if (!text) continue;  // a dangling symlink: Alembic fails on it, we cannot read it either
      auto revision =
          read_alembic_revision(SourceFile::make(tree.display_path(path), std::move(*text)));
      if (!revision) continue;
      if (revision->file.empty()) revision->file = tree.display_path(path);
      set.revisions.push_back(std::move(*revision));
    }
  }
  return set;
}

bool is_directory(const FileTree& tree, const std::string& path) {
  return tree.list(path).has_value();
}

// Alembic's configuration, or a conventional script directory without one.
std::optional<MigrationSet> try_alembic(const FileTree& tree, const ProjectOptions& options) {
  std::string ini_path = join_tree_path(options.directory, options.ini_file);
  if (auto text = tree.read(ini_path)) {
    std::string ini_directory = parent_directory(ini_path);
    std::string absolute_ini_directory;
    if (!options.absolute_directory.empty()) {
      absolute_ini_directory = (std::filesystem::path(options.absolute_directory) /
                                std::filesystem::path(options.ini_file).parent_path())
                                   .lexically_normal()
                                   .generic_string();
      if (absolute_ini_directory.size() > 1 && absolute_ini_directory.back() == '/') {
        absolute_ini_directory.pop_back();
      }
    }
    std::string here = absolute_ini_directory.empty() ? kHereMarker : absolute_ini_directory;
    std::string shown = tree.display_path(ini_path);
    auto section = read_ini_section(*text, shown, options.ini_section, here);
    if (!section) {
      throw InputError(shown + ":1:1: no [" + options.ini_section + "] section");
    }
    auto locations = resolve_alembic_locations(
        *section, shown, {ini_directory, options.directory, options.absolute_directory});
    return load_alembic(tree, locations, options.directory);
  }
  if (options.ini_file != "alembic.ini") {
    throw InputError(tree.display_path(ini_path) + ": configuration file not found");
  }
  for (const char* folder : {"migrations", "alembic", ""}) {
    std::string script = join_tree_path(options.directory, folder);
    std::string versions = join_tree_path(script, "versions");
    if (tree.read(join_tree_path(script, "env.py")) && is_directory(tree, versions)) {
      AlembicLocations locations;
      locations.script_location = script;
      locations.version_locations = {versions};
      return load_alembic(tree, locations, options.directory);
    }
  }
  return std::nullopt;
}

MigrationSet load_sql_layout(const FileTree& tree, MigrationFormat format,
                             const std::string& directory) {
  switch (format) {
    case MigrationFormat::golang_migrate:
      return load_golang_migrate(tree, directory);
    case MigrationFormat::flyway:
      return load_flyway(tree, directory);
    case MigrationFormat::dbmate:
      return load_dbmate(tree, directory);
    case MigrationFormat::sql:
    case MigrationFormat::alembic:
      break;
  }
  return load_plain_sql(tree, directory);
}

std::optional<MigrationFormat> forced_format(ProjectLayout layout) {
  switch (layout) {
    case ProjectLayout::golang_migrate:
      return MigrationFormat::golang_migrate;
    case ProjectLayout::flyway:
      return MigrationFormat::flyway;
    case ProjectLayout::dbmate:
      return MigrationFormat::dbmate;
    case ProjectLayout::sql:
      return MigrationFormat::sql;
    case ProjectLayout::detect:
    case ProjectLayout::alembic:
      break;
  }
  return std::nullopt;
}

MigrationSet find_and_load(const FileTree& tree, const ProjectOptions& options) {
  if (options.layout == ProjectLayout::detect || options.layout == ProjectLayout::alembic) {
    if (auto set = try_alembic(tree, options)) return std::move(*set);
    if (options.layout == ProjectLayout::alembic) {
      throw InputError(tree.display_path(options.directory) + ": no Alembic project (no " +
                       options.ini_file +
                       ", and no migrations/ or alembic/ folder with env.py and versions/)");
    }
  }
  auto forced = forced_format(options.layout);
  for (const auto& directory : sql_layout_candidates(options.directory)) {
    auto found = detect_sql_layout(tree, directory);
    if (!found) continue;
    return load_sql_layout(tree, forced ? *forced : *found, directory);
  }
  if (forced) return load_sql_layout(tree, *forced, options.directory);
  throw InputError(tree.display_path(options.directory) +
                   ": no migration project found (no alembic.ini, Alembic script folder, or "
                   "golang-migrate, Flyway, dbmate or .sql migration files)");
}

}  // namespace

MigrationSet load_project(const FileTree& tree, const ProjectOptions& options) {
  if (!tree.list(options.directory)) {
    throw InputError(tree.display_path(options.directory) + ": project directory not found");
  }
  MigrationSet set = find_and_load(tree, options);
  analyze_graph(set);
  return set;
}

}  // namespace migcheck
