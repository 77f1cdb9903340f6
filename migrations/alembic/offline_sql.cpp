#include "migrations/alembic/offline_sql.h"

#include <pg_query.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "linter/input_error.h"

namespace migcheck {
namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Captured {
  int exit_code;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command line, capturing both streams through files in a
// private temporary directory.
Captured run(const std::string& command_line) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "migcheck-alembic-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("internal error: cannot create a temporary directory");
  std::filesystem::path dir = pattern;
  std::string full = "(" + command_line + ") >" + shell_quote((dir / "out").string()) + " 2>" +
                     shell_quote((dir / "err").string()) + " </dev/null";
  int status = std::system(full.c_str());
  Captured result{WIFEXITED(status) ? WEXITSTATUS(status) : 128, slurp(dir / "out"),
                  slurp(dir / "err")};
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return result;
}

std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  size_t begin = text.rfind('\n', end);
  return text.substr(begin == std::string::npos ? 0 : begin + 1,
                     end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

// A statement's text without the comment lines and blank space before it.
std::string_view strip_leading_comments(std::string_view text, bool& saw_marker,
                                        const std::string& marker) {
  while (true) {
    size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start);
    if (text.substr(0, 2) != "--") return text;
    size_t eol = text.find('\n');
    std::string_view comment = text.substr(0, eol);
    if (comment.find("Running upgrade") != std::string_view::npos) {
      saw_marker = comment.size() >= marker.size() &&
                   comment.substr(comment.size() - marker.size()) == marker;
    }
    if (eol == std::string_view::npos) return {};
    text.remove_prefix(eol + 1);
  }
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return text.size() == word.size() || !std::isalnum(static_cast<unsigned char>(text[word.size()]));
}

// Alembic's own statements on its version table, not the migration's.
bool is_version_bookkeeping(std::string_view statement) {
  for (std::string_view prefix : {"CREATE TABLE alembic_version", "INSERT INTO alembic_version",
                                  "UPDATE alembic_version", "DELETE FROM alembic_version"}) {
    if (statement.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> find_alembic_python() {
  for (std::string python : {"python3", "/usr/bin/python3"}) {
    if (run(python + " -c 'import alembic'").exit_code == 0) return python;
  }
  return std::nullopt;
}

std::vector<SqlUnit> alembic_offline_upgrade_sql(const OfflineSqlRequest& request) {
  std::string range =
      request.parents.empty() ? request.revision : request.parents.front() + ":" + request.revision;
  Captured alembic =
      run("cd " + shell_quote(request.project_dir) + " && " + request.python + " -m alembic -c " +
          shell_quote(request.config) + " upgrade " + shell_quote(range) + " --sql");
  if (alembic.exit_code != 0) {
    throw InputError(request.file->path() + ":1:1: alembic upgrade " + range +
                     " --sql failed: " + last_line(alembic.err));
  }
  // Statements are located at upgrade(), or the file's start without one.
  const std::string& text = request.file->text();
  size_t def = text.find("def upgrade(");
  size_t at = def == std::string::npos ? 0 : def;

  PgQuerySplitResult split = pg_query_split_with_scanner(alembic.out.c_str());
  if (split.error) {
    std::string message = split.error->message;
    pg_query_free_split_result(split);
    throw InputError(request.file->path() + ":1:1: cannot split Alembic's output: " + message);
  }
  std::string marker = "-> " + request.revision;
  bool in_section = false;
  bool in_transaction = false;
  std::vector<SqlUnit> units;
  for (int i = 0; i < split.n_stmts; ++i) {
    std::string_view raw(alembic.out.data() + split.stmts[i]->stmt_location,
                         static_cast<size_t>(split.stmts[i]->stmt_len));
    bool saw_marker = in_section;
    std::string_view statement = strip_leading_comments(raw, saw_marker, marker);
    in_section = saw_marker;
    if (statement.empty()) continue;
    if (starts_with_word(statement, "BEGIN")) {
      in_transaction = true;
      continue;
    }
    if (starts_with_word(statement, "COMMIT")) {
      in_transaction = false;
      continue;
    }
    if (!in_section || is_version_bookkeeping(statement)) continue;
    if (units.empty() || units.back().transactional != in_transaction) {
      SqlUnit unit;
      unit.map = SourceMap(request.file);
      unit.transactional = in_transaction;
      units.push_back(std::move(unit));
    }
    SqlUnit& unit = units.back();
    size_t begin = unit.sql.size();
    unit.sql += std::string(statement) + ";\n";
    unit.map.add({begin, unit.sql.size(), at, at, false});
  }
  pg_query_free_split_result(split);
  return units;
}

}  // namespace migcheck
