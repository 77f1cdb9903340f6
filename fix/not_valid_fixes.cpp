#include "fix/not_valid_fixes.h"

#include "fix/alter_table_tokens.h"
#include "fix/follow_up_migration.h"

namespace migcheck {

namespace {

std::optional<Fix> not_valid_fix(const MigrationSet& set, const SqlUnit& sql_unit,
                                 const Finding& finding) {
  UnitTokens unit(sql_unit);
  auto keyword = token_at(unit, "constraint", finding.location);
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
