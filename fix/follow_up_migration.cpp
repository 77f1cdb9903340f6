#include "fix/follow_up_migration.h"

#include "fix/alembic_call.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>

namespace migcheck {

namespace {

const Revision* revision_of_fix(const MigrationSet& set, const Fix& fix) {
  if (fix.edits.empty()) return nullptr;
  for (const Revision& revision : set.revisions) {
    for (const SqlUnit& unit : revision.up) {
      if (unit.map.file() && unit.map.file()->path() == fix.edits.front().file) return &revision;
    }
  }
  return nullptr;
}

// The version digits a migration file's name starts with (after Flyway's V),
// up to the first character that is not a digit.
std::string version_digits(MigrationFormat format, const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  size_t begin = format == MigrationFormat::flyway && name.starts_with('V') ? 1 : 0;
  size_t end = begin;
  while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
  return end - begin <= 18 ? name.substr(begin, end - begin) : "";  // fits in 64 bits
}

// The next version after every one in the set, as wide as `digits` (zero
// padding kept: 0002 after 0001).
std::string next_version(const MigrationSet& set, const std::string& digits) {
  uint64_t highest = 0;
  for (const Revision& revision : set.revisions) {
    std::string version = version_digits(set.format, revision.file);
    if (!version.empty()) highest = std::max<uint64_t>(highest, std::stoull(version));
  }
  std::string next = std::to_string(highest + 1);
  if (next.size() < digits.size()) next.insert(0, digits.size() - next.size(), '0');
  return next;
}

// The fixed migration's name part, for the follow-up's file name.
std::string name_part(const Revision& revision) {
  std::string slug;
  for (char c : revision.message) {
    bool word = std::isalnum(static_cast<unsigned char>(c));
    if (word) slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!word && !slug.empty() && slug.back() != '_') slug += '_';
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return (slug.empty() ? "" : slug + "_") + "follow_up";
}

std::string script(const std::vector<std::string>& statements) {
  std::string sql;
  for (const std::string& statement : statements) sql += statement + ";\n";
  return sql;
}

bool add_sql_follow_up(const MigrationSet& set, const Revision& revision, Fix& fix,
                       const std::vector<std::string>& up, const std::vector<std::string>& down) {
  std::string digits = version_digits(set.format, revision.file);
  if (digits.empty()) return false;
  std::filesystem::path directory = std::filesystem::path(fix.edits.front().file).parent_path();
  std::string version = next_version(set, digits);
  std::string base = version + "_" + name_part(revision);
  auto at = [&](const std::string& name) { return (directory / name).string(); };
  switch (set.format) {
    case MigrationFormat::golang_migrate:
      fix.new_files.push_back({at(base + ".up.sql"), script(up)});
      fix.new_files.push_back({at(base + ".down.sql"), script(down)});
      return true;
    case MigrationFormat::goose:
      fix.new_files.push_back(
          {at(base + ".sql"), "-- +goose Up\n" + script(up) + "\n-- +goose Down\n" + script(down)});
      return true;
    case MigrationFormat::dbmate:
      fix.new_files.push_back({at(base + ".sql"), "-- migrate:up\n" + script(up) +
                                                      "\n-- migrate:down\n" + script(down)});
      return true;
    case MigrationFormat::flyway:  // undo migrations are a paid edition's: no down
      fix.new_files.push_back(
          {at("V" + version + "__" + name_part(revision) + ".sql"), script(up)});
      return true;
    case MigrationFormat::sql:
      fix.new_files.push_back({at(base + ".sql"), script(up)});
      return true;
    default:
      return false;
  }
}

// A function body that runs `statements`.
std::string executes(const std::vector<std::string>& statements) {
  std::string body;
  for (const std::string& statement : statements) {
    body += "    op.execute(" + python_string(statement) + ")\n";
  }
  return body.empty() ? "    pass\n" : body;
}

// A fresh revision id that the same fix gets on every run (so a --diff and
// the run that applies it agree): FNV-1a of the fixed revision and the SQL.
std::string revision_id(const Revision& revision, const std::vector<std::string>& up) {
  uint64_t hash = 14695981039346656037ull;
  for (const std::string& part : {revision.id, script(up)}) {
    for (unsigned char c : part) hash = (hash ^ c) * 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 12; ++i) id += kHex[(hash >> (4 * i)) & 0xf];
  return id;
}

bool add_alembic_follow_up(const MigrationSet& set, const Revision& revision, Fix& fix,
                           const std::vector<std::string>& up,
                           const std::vector<std::string>& down) {
  if (std::find(set.graph.heads.begin(), set.graph.heads.end(), revision.id) ==
      set.graph.heads.end()) {
    return false;
  }
  std::string id = revision_id(revision, up);
  std::string text = "\"\"\"Follow-up of " + revision.id +
                     ", in a later transaction\n"
                     "\n"
                     "Revision ID: " +
                     id + "\nRevises: " + revision.id +
                     "\n\"\"\"\n"
                     "from alembic import op\n"
                     "\n"
                     "revision = " +
                     python_string(id) + "\ndown_revision = " + python_string(revision.id) +
                     "\nbranch_labels = None\n"
                     "depends_on = None\n"
                     "\n"
                     "\n"
                     "def upgrade():\n" +
                     executes(up) +
                     "\n"
                     "\n"
                     "def downgrade():\n" +
                     executes(down);
  std::filesystem::path directory = std::filesystem::path(fix.edits.front().file).parent_path();
  fix.new_files.push_back({(directory / (id + "_" + name_part(revision) + ".py")).string(), text});
  return true;
}

}  // namespace

bool add_follow_up_migration(const MigrationSet& set, Fix& fix, const std::vector<std::string>& up,
                             const std::vector<std::string>& down) {
  const Revision* revision = revision_of_fix(set, fix);
  if (!revision) return false;
  return set.format == MigrationFormat::alembic
             ? add_alembic_follow_up(set, *revision, fix, up, down)
             : add_sql_follow_up(set, *revision, fix, up, down);
}

}  // namespace migcheck
