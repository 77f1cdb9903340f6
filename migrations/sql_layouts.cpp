#include <algorithm>
#include <cctype>
#include <regex>

#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "linter/tokens.h"
#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool has_dbmate_marker(const std::string& text) {
  static const std::regex marker("(^|\n)--[ \t]*migrate:up");
  return std::regex_search(text, marker);
}

}  // namespace

std::vector<std::string> sql_layout_candidates(const std::string& project_directory) {
  std::vector<std::string> candidates;
  for (const char* folder : {"", "migrations", "db/migrations", "db/migration",
                             "src/main/resources/db/migration", "sql", "prisma/migrations"}) {
    candidates.push_back(join_tree_path(project_directory, folder));
  }
  return candidates;
}

std::optional<MigrationFormat> detect_sql_layout(const FileTree& tree,
                                                 const std::string& directory) {
  static const std::regex golang("^[0-9]+_.*\\.(up|down)\\..*$");
  // V<version>__ with '.' or '_' between the version's parts (V1_1__x.sql).
  static const std::regex flyway("^(V[0-9][0-9._]*|R)__.*\\.sql$");
  if (is_prisma_migrations_directory(tree, directory)) return MigrationFormat::prisma;
  auto files = list_files(tree, directory);
  if (std::any_of(files.begin(), files.end(), is_pop_dialect_file)) return MigrationFormat::pop;
  bool golang_found = false, flyway_found = false, sql_found = false;
  for (const auto& name : files) {
    golang_found = golang_found || std::regex_match(name, golang);
    flyway_found = flyway_found || std::regex_match(name, flyway);
    sql_found = sql_found || ends_with(name, ".sql");
  }
  if (golang_found) return MigrationFormat::golang_migrate;
  if (flyway_found) return MigrationFormat::flyway;
  for (const auto& name : files) {
    if (!ends_with(name, ".sql")) continue;
    auto text = tree.read(join_tree_path(directory, name));
    if (text && has_dbmate_marker(*text)) return MigrationFormat::dbmate;
    if (text && is_goose_migration(*text)) return MigrationFormat::goose;
  }
  if (sql_found) return MigrationFormat::sql;
  return std::nullopt;
}

std::string canonical_version_number(const std::string& digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

bool version_number_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

SqlUnit simple_query_unit(const std::shared_ptr<const SourceFile>& file) {
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

SqlUnit sql_unit_for_range(const std::shared_ptr<const SourceFile>& file, size_t begin, size_t end,
                           bool transactional) {
  SqlUnit unit;
  unit.sql = file->text().substr(begin, end - begin);
  if (begin == 0 && unit.sql.rfind("\xEF\xBB\xBF", 0) == 0) unit.sql.replace(0, 3, "   ");
  unit.map = SourceMap(file);
  unit.map.add({0, unit.sql.size(), begin, end, true});
  unit.transactional = transactional;
  return unit;
}

std::vector<std::string_view> split_sql_statements(std::string_view sql) {
  std::vector<std::string_view> statements;
  for (auto [begin, end] : statement_ranges(sql)) {
    std::string_view statement = sql.substr(begin, end - begin);
    if (statement.ends_with(';')) statement.remove_suffix(1);
    if (!statement.empty()) statements.push_back(statement);  // not a lone ';'
  }
  return statements;
}

std::shared_ptr<const SourceFile> read_source(const FileTree& tree, const std::string& path) {
  auto text = tree.read(path);
  auto file = SourceFile::make(tree.display_path(path), text ? std::move(*text) : std::string());
  validate_source_text(file->text(), file->path());
  return file;
}

std::vector<std::string> list_files(const FileTree& tree, const std::string& directory) {
  std::vector<std::string> names;
  if (auto entries = tree.list(directory)) {
    for (const auto& entry : *entries) {
      if (!entry.is_directory) names.push_back(entry.name);
    }
  }
  return names;
}

void chain_revisions(std::vector<Revision>& revisions) {
  for (size_t i = 1; i < revisions.size(); ++i) revisions[i].parents = {revisions[i - 1].id};
}

void fail_in_file(const SourceFile& file, size_t offset, const std::string& what) {
  auto position = file.lines().position(offset);
  throw InputError(file.path() + ":" + std::to_string(position.line) + ":" +
                   std::to_string(position.column) + ": " + what);
}

void require_only_comments_before(const SourceFile& file, size_t end, const std::string& what) {
  const std::string& text = file.text();
  size_t line = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (line < end) {
    size_t next = std::min(text.find('\n', line), end);
    size_t first = text.find_first_not_of(" \t\r", line);
    if (first < next && text.compare(first, 2, "--") != 0) fail_in_file(file, first, what);
    line = next + 1;
  }
}

}  // namespace migcheck
