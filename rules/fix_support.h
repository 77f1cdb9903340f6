#pragma once
#include <string>
#include <string_view>

#include "linter/rule_context.h"

namespace migcheck {

// The CONCURRENTLY fix shared by the index rules: the keyword goes right
// after `keyword` (the INDEX of CREATE INDEX, the kind word of REINDEX), and
// the statement must then run outside a transaction block.
inline SqlFix concurrently_fix(Span keyword, std::string title) {
  return {std::move(title), false, true, {{{keyword.end, keyword.end}, " CONCURRENTLY"}}};
}

// The SET a timeout rule's fix puts first ("SET lock_timeout = '5s'"), or ""
// for another rule. One place for the values, shared with the Alembic fixer.
inline std::string timeout_setting(std::string_view rule_id) {
  if (rule_id == "missing-lock-timeout") return "SET lock_timeout = '5s'";
  if (rule_id == "missing-statement-timeout") return "SET statement_timeout = '1min'";
  return "";
}

// That SET as the unit's first line: one setting at the top covers every
// statement after it, in a transaction or not.
inline SqlFix setting_at_top_fix(std::string_view rule_id) {
  std::string set = timeout_setting(rule_id);
  return {set + " at the top", false, false, {{{0, 0}, set + ";\n"}}};
}

}  // namespace migcheck
