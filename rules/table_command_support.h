#pragma once
#include <string>

#include "rules/rule_support.h"

// Helpers shared by the rules that report a form of ALTER TABLE, or an object
// that belongs to a table (trigger, policy, rule), on a table that existed
// before the migration.
namespace migcheck {

// Calls fn(cmd body) for each command of an ALTER TABLE on a table that
// existed before the migration; a table created earlier in the same migration
// is empty and unused, so what its commands do there is moot.
template <typename Fn>
void for_each_command_on_existing_table(const Statement& statement, RuleContext& context, Fn&& fn) {
  if (statement.type != "AlterTableStmt") return;
  if (!is_pre_existing(context, statement.body["relation"])) return;
  for_each_table_command(statement, fn);
}

// The table of an object named "[schema.]table.object" (DROP TRIGGER's and
// DROP POLICY's name lists), qualified: "public.users".
inline std::string owning_table(const JsonNode& object) {
  const JsonNode& items = object.is_array() ? object : object.body()["items"];
  size_t size = items.size();
  if (size < 2) return {};
  std::string schema = size >= 3 ? items.at(size - 3).body()["sval"].str() : std::string();
  return qualified_name(schema, items.at(size - 2).body()["sval"].str());
}

// The last part of such a name: the trigger or policy.
inline std::string object_part(const JsonNode& object) {
  const JsonNode& items = object.is_array() ? object : object.body()["items"];
  return last_name(items);
}

}  // namespace migcheck
