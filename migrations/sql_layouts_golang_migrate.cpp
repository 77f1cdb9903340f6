#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

// golang-migrate parses the version as an unsigned number: "001" and "1" are
// the same migration.
std::string canonical_version(const std::string& digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

bool version_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

struct VersionFiles {
  std::string name;  // the part between the version and the direction
  std::vector<std::string> up;
  std::vector<std::string> down;
};

// golang-migrate's postgres driver sends a file as one simple-query string:
// PostgreSQL runs several statements in it as one implicit transaction, a
// single statement on its own (so CONCURRENTLY works only alone in its file).
// A file that says BEGIN itself takes that implicit transaction over: the
// linter then follows its own BEGIN and COMMIT instead.
SqlUnit whole_file_unit(const std::shared_ptr<const SourceFile>& file) {
  SqlUnit unit = sql_unit_for_range(file, 0, file->text().size(), true);
  std::vector<std::string_view> statements = split_sql_statements(unit.sql);
  bool own_transaction = std::any_of(statements.begin(), statements.end(), [](std::string_view s) {
    std::string first;
    for (char c : s.substr(0, s.find_first_of(" \t\r\n;"))) {
      first += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return first == "begin" || first == "start";
  });
  unit.transactional = statements.size() > 1 && !own_transaction;
  return unit;
}

}  // namespace

MigrationSet load_golang_migrate(const FileTree& tree, const std::string& directory) {
  // The same pattern as golang-migrate's source.Regex.
  static const std::regex pattern("^([0-9]+)_(.*)\\.(down|up)\\.(.*)$");
  std::map<std::string, VersionFiles, decltype(&version_less)> versions(&version_less);
  for (const auto& name : list_files(tree, directory)) {
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) continue;
    VersionFiles& files = versions[canonical_version(match[1])];
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
      revision.up.push_back(whole_file_unit(file));
    }
    if (!files.down.empty()) {
      auto file = read_source(tree, files.down.front());
      if (revision.file.empty()) revision.file = file->path();
      revision.down.push_back(whole_file_unit(file));
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
