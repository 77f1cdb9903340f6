#include "fix/not_valid_fixes.h"

#include "fix/follow_up_migration.h"
#include "linter/tokens.h"

namespace migcheck {

namespace {

// A unit's SQL with its tokens, comments left out.
struct UnitTokens {
  const SqlUnit& unit;
  std::vector<Token> tokens;

  std::string_view text(size_t i) const {
    if (i >= tokens.size()) return {};
    return std::string_view(unit.sql).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  std::string word(size_t i) const { return normalized_word(text(i)); }
};

// The token of the CONSTRAINT keyword a finding at `location` points at.
std::optional<size_t> constraint_keyword(const UnitTokens& unit, const Location& location) {
  for (size_t i = 0; i < unit.tokens.size(); ++i) {
    if (unit.word(i) != "constraint") continue;
    Location at = unit.unit.map.locate(unit.tokens[i].begin, unit.tokens[i].end);
    if (at.line == location.line && at.column == location.column) return i;
  }
  return std::nullopt;
}

// The table of the ALTER TABLE statement holding token `at`, as written
// (quotes and schema kept): ALTER TABLE [IF EXISTS] [ONLY] name.
std::string altered_table(const UnitTokens& unit, size_t at) {
  size_t start = at;
  while (start > 0 && unit.text(start - 1) != ";") --start;
  size_t i = start;
  for (std::string_view word : {"alter", "table"}) {
    if (i >= at || unit.word(i++) != word) return "";
  }
  if (unit.word(i) == "if" && unit.word(i + 1) == "exists") i += 2;
  if (unit.word(i) == "only") ++i;
  size_t first = i;
  while (i + 2 < at && unit.text(i + 1) == ".") i += 2;
  return std::string(unit.unit.sql.substr(unit.tokens[first].begin,
                                          unit.tokens[i].end - unit.tokens[first].begin));
}

// The SQL offset where the ALTER TABLE command starting at token `at` ends:
// its last token before the comma of the next command, or the statement's.
size_t command_end(const UnitTokens& unit, size_t at) {
  size_t end = unit.tokens[at].end;
  int depth = 0;
  for (size_t i = at; i < unit.tokens.size(); ++i) {
    std::string_view text = unit.text(i);
    if (text == "(") ++depth;
    if (text == ")") --depth;
    if ((text == "," && depth == 0) || text == ";") break;
    end = unit.tokens[i].end;
  }
  return end;
}

std::optional<Fix> not_valid_fix(const MigrationSet& set, const SqlUnit& sql_unit,
                                 const Finding& finding) {
  UnitTokens unit{sql_unit, scan_tokens(sql_unit.sql)};
  std::erase_if(unit.tokens, [](const Token& t) { return t.kind == Token::Kind::comment; });
  auto keyword = constraint_keyword(unit, finding.location);
  if (!keyword || *keyword + 1 >= unit.tokens.size()) return std::nullopt;
  std::string table = altered_table(unit, *keyword);
  if (table.empty() || unit.word(*keyword - 1) != "add") return std::nullopt;
  size_t end = command_end(unit, *keyword);
  auto range = sql_unit.map.exact_file_range(end, end);
  if (!range) return std::nullopt;
  Fix fix{finding.rule,
          "Add it NOT VALID and VALIDATE it in a new migration",
          true,
          false,
          {{finding.location.file, range->first, range->first, " NOT VALID"}}};
  // Undoing the validation: the constraint dropped and added NOT VALID again.
  std::string prefix = "ALTER TABLE " + table + " ";
  std::string name(unit.text(*keyword + 1));
  std::string constraint(
      sql_unit.sql.substr(unit.tokens[*keyword].begin, end - unit.tokens[*keyword].begin));
  if (!add_follow_up_migration(
          set, fix, {prefix + "VALIDATE CONSTRAINT " + name},
          {prefix + "DROP CONSTRAINT " + name, prefix + "ADD " + constraint + " NOT VALID"})) {
    return std::nullopt;
  }
  return fix;
}

}  // namespace

void add_not_valid_fix(const MigrationSet& set, Finding& finding) {
  if ((finding.rule != "adding-foreign-key" && finding.rule != "adding-check-constraint") ||
      !finding.fixes.empty()) {
    return;
  }
  for (const Revision& revision : set.revisions) {
    for (const SqlUnit& unit : revision.up) {
      if (!unit.map.file() || unit.map.file()->path() != finding.location.file) continue;
      if (auto fix = not_valid_fix(set, unit, finding)) {
        finding.fixes.push_back(std::move(*fix));
        return;
      }
    }
  }
}

}  // namespace migcheck
