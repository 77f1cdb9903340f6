
#include "linter/type_name.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

struct ParsedType {
  std::string base;
  std::vector<long> modifiers;
};

ParsedType parse_type(const std::string& text) {
  ParsedType type;
  size_t paren = text.find('(');
  type.base = text.substr(0, paren);
  if (paren != std::string::npos) {
    for (size_t i = paren + 1; i < text.size();) {
      size_t end = text.find_first_of(",)", i);
      type.modifiers.push_back(std::strtol(text.c_str() + i, nullptr, 10));
      if (end == std::string::npos) break;
      i = end + 1;
    }
  }
  return type;
}

// Changes PostgreSQL makes without rewriting the table or rebuilding its
// indexes (binary-coercible, with no narrower limit to check).
bool is_safe_change(const std::string& from_text, const std::string& to_text) {
  ParsedType from = parse_type(from_text), to = parse_type(to_text);
  if (from_text == to_text) return true;
  bool from_varchar = from.base == "varchar", to_varchar = to.base == "varchar";
  if (from_varchar && to.base == "text") return true;
  if (from.base == "text" && to_varchar && to.modifiers.empty()) return true;
  if (from_varchar && to_varchar) {
    return to.modifiers.empty() ||
           (!from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0]);
  }
  if (from.base == "numeric" && to.base == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    long from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
    long to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
    return to_scale == from_scale && to.modifiers[0] >= from.modifiers[0];
  }
  return from.base == "cidr" && to.base == "inet";
}

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  const TableInfo* table = context.table_of(relation);
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AlterColumnType") return;
    std::string column = cmd["name"].str();
    std::string new_type = type_name_text(cmd["def"].body()["typeName"]);
    const ColumnInfo* known = table ? table->column(column) : nullptr;
    std::string old_type = known ? known->type : "";
    if (!old_type.empty() && is_safe_change(old_type, new_type)) return;
    std::string from = !old_type.empty() ? "from " + old_type
                       : context.catalog().history_known()
                           ? "(type unknown: no earlier migration defines it)"
                           : "(type unknown: linted without the earlier migrations)";
    // PostgreSQL 12+ skips the rewrite for this one pair when the session's
    // TimeZone is UTC, which migcheck cannot see.
    bool zone_dependent = parse_type(old_type).base == "timestamp" &&
                          parse_type(new_type).base == "timestamptz" && context.pg_version() >= 12;
    context.report(alter_column_clause(context, statement, column),
                   "Changing the type of " + quoted_column(relation, column) + " " + from + " to " +
                       new_type +
                       (zone_dependent ? " rewrites the table and its indexes unless the "
                                         "migration's TimeZone setting is UTC, holding"
                                       : " rewrites the table and its indexes under") +
                       " an ACCESS EXCLUSIVE lock, and breaks code that relies on the old type.");
  });
}

}  // namespace

const Rule kChangingColumnTypeRule{
    .id = "changing-column-type",
    .severity = Severity::error,
    .summary = "A column's type changes in a way that rewrites the table",
    .lock = "ACCESS EXCLUSIVE for the whole rewrite: blocks reads and writes",
    .rationale =
        "Most type changes make PostgreSQL rewrite every row and rebuild every index of the "
        "table while holding an ACCESS EXCLUSIVE lock, so all reads and writes wait for minutes "
        "on a large table. Application code still running may also send values of the old type. "
        "Changes that need no rewrite (varchar(n) to a larger varchar or text, numeric to a "
        "wider precision, cidr to inet) are not reported.",
    .safe_alternative =
        "1. Add a new column with the new type.\n"
        "2. Deploy code that writes both columns (or add a trigger that copies).\n"
        "3. Backfill the new column in batches.\n"
        "4. Switch reads to the new column, then drop the old one in a later migration (see "
        "dropping-column).",
    .check = check,
};

}  // namespace migcheck
