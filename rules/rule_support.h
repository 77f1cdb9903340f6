#pragma once
#include <string>

#include "linter/json_tree.h"
#include "linter/relation_name.h"
#include "linter/rule_context.h"

namespace migcheck {

// True when the table existed before the migration being checked (or may
// have: without history every table is assumed to). Lock and rewrite hazards
// only matter for such tables; one created in the same migration is empty and
// unused.
inline bool is_pre_existing(const RuleContext& context, const JsonNode& range_var) {
  return !context.catalog().is_new_table(qualified_name(range_var));
}

// The AlterTableCmd bodies of an ALTER TABLE on a table (not an index, view
// or sequence), with a callback per command.
template <typename Fn>
void for_each_table_command(const Statement& statement, Fn&& fn) {
  if (statement.type != "AlterTableStmt") return;
  if (statement.body["objtype"].str() != "OBJECT_TABLE") return;
  for (const JsonNode& cmd : statement.body["cmds"]) fn(cmd.body());
}

// "`table.column`" for messages.
inline std::string quoted_column(const JsonNode& range_var, const std::string& column) {
  return "`" + display_name(range_var) + "." + column + "`";
}
inline std::string quoted_table(const JsonNode& range_var) {
  return "`" + display_name(range_var) + "`";
}

}  // namespace migcheck
