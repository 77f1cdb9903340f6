#include <map>
#include <regex>

#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

// The dialect names pop and ory/popx give PostgreSQL; files for any other
// dialect (mysql, sqlite3, cockroach) never run on PostgreSQL.
bool is_postgres_dialect(const std::string& dialect) {
  return dialect == "postgres" || dialect == "postgresql";
}

struct DirectionFiles {
  std::vector<std::string> for_postgres;  // NAME.postgres[.autocommit].up.sql
  std::vector<std::string> for_every_db;  // NAME[.autocommit].up.sql
  bool autocommit = false;                // of the file that runs
};

struct PopVersion {
  std::string name;
  DirectionFiles up, down;
};

// The file pop runs on PostgreSQL: the dialect's own one overrides the file
// for every database (a project often ships an empty .postgres. file to skip
// a generic statement there).
const std::vector<std::string>& chosen(const DirectionFiles& files) {
  return files.for_postgres.empty() ? files.for_every_db : files.for_postgres;
}

void report_duplicates(MigrationSet& set, const FileTree& tree, const std::string& version,
                       const std::vector<std::string>& paths, const char* direction) {
  if (paths.size() < 2) return;
  std::string list;
  for (const auto& path : paths) list += (list.empty() ? "" : ", ") + tree.display_path(path);
  set.graph_findings.push_back(file_finding(
      kDuplicateVersion,
      "version " + version + " has " + std::to_string(paths.size()) + " " + direction +
          " migrations for PostgreSQL: " + list,
      "pop refuses to run two migrations with one version for one database; renumber one",
      tree.display_path(paths[1]), version));
}

}  // namespace

bool is_pop_dialect_file(const std::string& name) {
  static const std::regex dialect_file(
      "^[0-9]+_[^.]+\\.(postgres|postgresql|mysql|sqlite3?|cockroach)(\\.autocommit)?"
      "\\.(up|down)\\.sql$|^[0-9]+_[^.]+\\.autocommit\\.(up|down)\\.sql$");
  return std::regex_match(name, dialect_file);
}

MigrationSet load_pop(const FileTree& tree, const std::string& directory) {
  // pop's file migrator: VERSION_NAME[.DIALECT][.autocommit].(up|down).sql,
  // the name holding no dot.
  static const std::regex pattern(
      "^([0-9]+)_([^.]+)(\\.[a-z0-9]+)?(\\.autocommit)?\\.(up|down)\\.sql$");
  std::map<std::string, PopVersion, decltype(&version_number_less)> versions(&version_number_less);
  for (const auto& name : list_files(tree, directory)) {
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) continue;
    std::string dialect = match[3].length() ? match[3].str().substr(1) : "";
    bool autocommit = match[4].length() > 0 || dialect == "autocommit";
    if (dialect == "autocommit") dialect.clear();
    if (!dialect.empty() && !is_postgres_dialect(dialect)) continue;
    PopVersion& version = versions[canonical_version_number(match[1])];
    if (version.name.empty()) version.name = match[2];
    DirectionFiles& files = match[5] == "up" ? version.up : version.down;
    (dialect.empty() ? files.for_every_db : files.for_postgres)
        .push_back(join_tree_path(directory, name));
    if (!dialect.empty() || files.for_postgres.empty()) files.autocommit = autocommit;
  }

  MigrationSet set;
  set.format = MigrationFormat::pop;
  set.root = directory;
  for (auto& [number, version] : versions) {
    const auto& up = chosen(version.up);
    const auto& down = chosen(version.down);
    report_duplicates(set, tree, number, up, "up");
    report_duplicates(set, tree, number, down, "down");
    Revision revision;
    revision.id = number;
    revision.message = version.name;
    // pop runs each migration in a transaction of its own unless the file
    // says autocommit.
    if (!up.empty()) {
      auto file = read_source(tree, up.front());
      revision.file = file->path();
      revision.up.push_back(
          sql_unit_for_range(file, 0, file->text().size(), !version.up.autocommit));
    }
    if (!down.empty()) {
      auto file = read_source(tree, down.front());
      if (revision.file.empty()) revision.file = file->path();
      revision.down.push_back(
          sql_unit_for_range(file, 0, file->text().size(), !version.down.autocommit));
    } else {
      revision.has_down = false;
    }
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
