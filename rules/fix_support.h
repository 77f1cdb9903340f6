#pragma once
#include <span>
#include <string>
#include <string_view>

#include "linter/rule_context.h"
#include "linter/tokens.h"

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

// The bytes a column's type is written in, from its TypeName node: the name,
// its modifiers in parentheses, and the words that belong to it (timestamp
// (3) without time zone, character varying). Nothing for an array type or a
// schema-qualified one, which the type fixes leave alone.
inline std::optional<Span> type_span(RuleContext& context, const Statement& statement,
                                     const JsonNode& type_name) {
  if (type_name["arrayBounds"].size() > 0) return std::nullopt;
  size_t at = statement.offset_of(type_name);
  std::span<const Token> tokens = context.tokens(statement);
  size_t i = 0;
  while (i < tokens.size() && tokens[i].begin < at) ++i;
  if (i == tokens.size() || tokens[i].begin != at) return std::nullopt;
  Span span{tokens[i].begin, tokens[i].end};
  auto word = [&](size_t k) {
    return normalized_word(statement.sql.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
  };
  for (++i; i < tokens.size(); ++i) {
    std::string next = word(i);
    if (next == "." || next == "[") return std::nullopt;
    if (next == "(") {
      while (i < tokens.size() && word(i) != ")") ++i;
      if (i == tokens.size()) return std::nullopt;
    } else if (next != "with" && next != "without" && next != "time" && next != "zone" &&
               next != "varying" && next != "precision") {
      break;
    }
    span.end = tokens[i].end;
  }
  return span;
}

// The fix of a rule that prefers another type: the column's type written as
// `replacement`. Unsafe: the column's values and what the application reads
// change.
inline void report_with_type_fix(RuleContext& context, const Statement& statement, Span span,
                                 std::string message, const JsonNode& type_name,
                                 const std::string& replacement) {
  auto type = type_span(context, statement, type_name);
  if (!type) return context.report(span, std::move(message));
  context.report(span, std::move(message),
                 SqlFix{"Use " + replacement, true, false, {{*type, replacement}}});
}

}  // namespace migcheck
