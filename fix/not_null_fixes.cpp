#include "fix/not_null_fixes.h"

#include <algorithm>
#include <cctype>

#include "fix/alembic_call.h"
#include "fix/alter_table_tokens.h"
#include "fix/follow_up_migration.h"
#include "migrations/alembic/sql_text.h"

namespace migcheck {

namespace {

// A command `ALTER [COLUMN] c SET|DROP NOT NULL` starting at token `at`: the
// index of its column token, or nothing.
std::optional<size_t> not_null_column(const UnitTokens& unit, size_t at, std::string_view verb) {
  if (unit.word(at) != "alter") return std::nullopt;
  size_t column = unit.word(at + 1) == "column" ? at + 2 : at + 1;
  if (unit.word(column + 1) != verb || unit.word(column + 2) != "not" ||
      unit.word(column + 3) != "null" || unit.tokens.size() <= column + 3 ||
      command_end(unit, at) != unit.tokens[column + 3].end) {
    return std::nullopt;
  }
  return column;
}

// The edit that writes `command` (an ALTER TABLE command) in place of the
// one from token `first` to SQL offset `end`: of its SQL where the file
// holds it as written, else, for an Alembic op call whose SQL is only that
// statement (op.alter_column(..., nullable=False)), the call replaced by
// op.execute of the new statement.
std::optional<TextEdit> replaced(const UnitTokens& unit, const std::string& table, size_t first,
                                 size_t end, const std::string& command) {
  const SqlUnit& sql_unit = unit.unit;
  const std::string& path = sql_unit.map.file()->path();
  if (auto range = sql_unit.map.exact_file_range(unit.tokens[first].begin, end)) {
    return TextEdit{path, range->first, range->second, command};
  }
  const auto& segments = sql_unit.map.segments();
  for (const SourceMap::Segment& segment : segments) {
    if (segment.exact || segment.sql_begin > unit.tokens[first].begin || end > segment.sql_end) {
      continue;
    }
    bool one_statement = std::count_if(segments.begin(), segments.end(), [&](const auto& other) {
                           return other.file_begin == segment.file_begin;
                         }) == 1;
    std::string_view sql = std::string_view(sql_unit.sql)
                               .substr(segment.sql_begin, segment.sql_end - segment.sql_begin);
    std::string_view statement =
        std::string_view(sql_unit.sql).substr(0, end).substr(segment.sql_begin);
    while (!sql.empty() &&
           (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
      sql.remove_suffix(1);
    }
    OpCall call{&sql_unit, segment.file_begin, segment.file_end};
    if (!one_statement || sql != statement || !call.call().starts_with("op.")) return std::nullopt;
    return TextEdit{path, segment.file_begin, segment.file_end,
                    "op.execute(" + python_string("ALTER TABLE " + table + " " + command) + ")"};
  }
  return std::nullopt;
}

// The fixed migration's down made to drop the check instead of NOT NULL: the
// edit of its `ALTER TABLE table ALTER [COLUMN] column DROP NOT NULL`, when
// that statement does nothing else.
std::optional<TextEdit> down_edit(const Revision& revision, const std::string& table,
                                  const std::string& column, const std::string& drop_check) {
  for (const SqlUnit& sql_unit : revision.down) {
    if (!sql_unit.map.file()) continue;
    UnitTokens unit(sql_unit);
    for (size_t i = 0; i < unit.tokens.size(); ++i) {
      auto at = not_null_column(unit, i, "drop");
      if (!at || altered_table(unit, i) != table || unit.word(*at) != column) continue;
      bool only_command =
          unit.text(i - 1) != "," && (*at + 4 >= unit.tokens.size() || unit.text(*at + 4) == ";");
      return only_command ? replaced(unit, table, i, unit.tokens[*at + 3].end, drop_check)
                          : std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Fix> set_not_null_fix(const MigrationSet& set, const Revision& revision,
                                    const SqlUnit& sql_unit, const Finding& finding) {
  UnitTokens unit(sql_unit);
  std::optional<size_t> alter = token_at(unit, "alter", finding.location);
  std::optional<size_t> column_token;
  while (alter && !(column_token = not_null_column(unit, *alter, "set"))) {
    alter = token_at(unit, "alter", finding.location, *alter + 1);
  }
  if (!column_token) return std::nullopt;
  std::string table = altered_table(unit, *alter);
  if (table.empty()) return std::nullopt;
  std::string column(unit.text(*column_token));
  // The name the rule's recipe gives the check, t_c_not_null: the table's
  // own name (no schema) and the column's, as PostgreSQL stores them.
  std::vector<Token> table_tokens = scan_tokens(table);
  std::string table_name = normalized_word(std::string_view(table).substr(
      table_tokens.back().begin, table_tokens.back().end - table_tokens.back().begin));
  std::string name = quote_identifier(table_name + "_" + normalized_word(column) + "_not_null");
  std::string check = "CONSTRAINT " + name + " CHECK (" + column + " IS NOT NULL) NOT VALID";
  auto edit = replaced(unit, table, *alter, unit.tokens[*column_token + 3].end, "ADD " + check);
  if (!edit) return std::nullopt;
  Fix fix{finding.rule,
          "Add a NOT VALID check, and validate it and set NOT NULL in a new migration",
          true,
          false,
          {std::move(*edit)}};
  std::string prefix = "ALTER TABLE " + table + " ";
  if (revision.has_down) {
    auto down = down_edit(revision, table, unit.word(*column_token), "DROP CONSTRAINT " + name);
    if (!down) return std::nullopt;
    fix.edits.push_back(std::move(*down));
  }
  // Undoing the follow-up: nullable again, and the check back as this
  // migration left it.
  if (!add_follow_up_migration(
          set, fix,
          {prefix + "VALIDATE CONSTRAINT " + name,
           prefix + "ALTER COLUMN " + column + " SET NOT NULL", prefix + "DROP CONSTRAINT " + name},
          {prefix + "ALTER COLUMN " + column + " DROP NOT NULL", prefix + "ADD " + check})) {
    return std::nullopt;
  }
  return fix;
}

}  // namespace

void add_set_not_null_fix(const MigrationSet& set, Finding& finding, int pg_version) {
  if (finding.rule != "setting-not-null" || !finding.fixes.empty() || pg_version < 12) return;
  for (const Revision& revision : set.revisions) {
    for (const SqlUnit& unit : revision.up) {
      if (!unit.map.file() || unit.map.file()->path() != finding.location.file) continue;
      if (auto fix = set_not_null_fix(set, revision, unit, finding)) {
        finding.fixes.push_back(std::move(*fix));
        return;
      }
    }
  }
}

}  // namespace migcheck
