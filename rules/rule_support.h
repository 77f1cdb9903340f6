#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

#include "linter/json_tree.h"
#include "linter/lock_level.h"
#include "linter/relation_name.h"
#include "linter/rule_context.h"

namespace migcheck {

// True when the table existed before the migration being checked (or may
// have: without history every table is assumed to). Lock and rewrite hazards
// only matter for such tables; one created in the same migration is empty and
// unused.
inline bool is_pre_existing(RuleContext& context, const JsonNode& range_var) {
  return !context.is_new_table(range_var);
}

// Whether the statement is an ALTER TABLE on a table (not an index, view or
// sequence). Rules about its commands ask first: most statements are not.
inline bool alters_table(const Statement& statement) {
  return statement.table_commands.is_array();
}

// The AlterTableCmd bodies of an ALTER TABLE on a table, with a callback per
// command.
template <typename Fn>
void for_each_table_command(const Statement& statement, Fn&& fn) {
  for (const JsonNode& cmd : statement.table_commands) fn(cmd.body());
}

// The ColumnDef bodies a statement defines: CREATE TABLE's columns and ALTER
// TABLE ... ADD COLUMN's, with a callback per column.
template <typename Fn>
void for_each_new_column(const Statement& statement, Fn&& fn) {
  if (statement.type == "CreateStmt") {
    for (const JsonNode& element : statement.body["tableElts"]) {
      if (element.type() == "ColumnDef") fn(element.body());
    }
  }
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() == "AT_AddColumn") fn(cmd["def"].body());
  });
}

// The constraints an ALTER TABLE adds, both ADD CONSTRAINT and those written
// on an added column: fn(constraint body, column name or "" for a table constraint).
template <typename Fn>
void for_each_added_constraint(const Statement& statement, Fn&& fn) {
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    std::string_view subtype = cmd["subtype"].raw();
    if (subtype == "AT_AddConstraint") fn(cmd["def"].body(), std::string());
    if (subtype != "AT_AddColumn") return;
    for (const JsonNode& constraint : cmd["def"].body()["constraints"]) {
      fn(constraint.body(), cmd["def"].body()["colname"].str());
    }
  });
}

// Every column type a statement writes: CREATE TABLE and ADD COLUMN
// definitions and ALTER COLUMN ... TYPE. fn(column name, TypeName node,
// clause), where clause() is the span of the column's clause: located only
// when a rule reports, as most columns pass.
template <typename Fn>
void for_each_column_type(RuleContext& context, const Statement& statement, Fn&& fn);

// The column constraint of kind `contype` ("CONSTR_DEFAULT", ...) on a
// ColumnDef, or the null node.
inline const JsonNode& column_constraint(const JsonNode& column_def, std::string_view contype) {
  for (const JsonNode& constraint : column_def["constraints"]) {
    if (constraint.body()["contype"].str() == contype) return constraint.body();
  }
  return JsonNode::null_node();
}

// The last part of a name list (funcname, typeName names): "nextval".
inline std::string last_name(const JsonNode& names) {
  return names.at(names.size() - 1).body()["sval"].str();
}

// The first of several spellings of a clause found in the statement (ALTER
// TABLE lets COLUMN and IF [NOT] EXISTS be left out), else its first line.
inline Span first_clause(RuleContext& context, const Statement& statement,
                         std::initializer_list<std::initializer_list<std::string_view>> spellings) {
  for (const auto& words : spellings) {
    if (auto span = context.find_words(statement, words)) return *span;
  }
  return context.first_line(statement);
}

// Where an ADD COLUMN of `column` is written.
inline Span add_column_clause(RuleContext& context, const Statement& statement,
                              const std::string& column) {
  return first_clause(context, statement,
                      {{"add", "column", column},
                       {"add", "column", "if", "not", "exists", column},
                       {"add", column}});
}

// Where an ALTER [COLUMN] of `column` is written.
inline Span alter_column_clause(RuleContext& context, const Statement& statement,
                                const std::string& column) {
  return first_clause(context, statement, {{"alter", "column", column}, {"alter", column}});
}

// The span of a node that has a location: its first word.
inline Span node_span(RuleContext& context, const Statement& statement, const JsonNode& node) {
  size_t at = statement.offset_of(node);
  for (const Token& token : context.tokens(statement)) {
    if (token.begin == at) return {token.begin, token.end};
  }
  return {at, at + 1};
}

// The strongest lock the statement takes that makes the application wait
// (see strongest_blocking_lock); mode none if none.
inline TableLock blocking_lock(const Statement& statement, const RuleContext& context) {
  return strongest_blocking_lock(table_locks(statement, context.catalog(), context.pg_version()),
                                 context.catalog());
}

// A schema memory key ("public.users") as messages show it: "users" when it
// is in the default schema.
inline std::string shown_table(const std::string& qualified) {
  return qualified.starts_with("public.") ? qualified.substr(7) : qualified;
}

// "`table.column`" for messages.
inline std::string quoted_column(const JsonNode& range_var, const std::string& column) {
  return "`" + display_name(range_var) + "." + column + "`";
}
inline std::string quoted_table(const JsonNode& range_var) {
  return "`" + display_name(range_var) + "`";
}

template <typename Fn>
void for_each_column_type(RuleContext& context, const Statement& statement, Fn&& fn) {
  if (statement.type == "CreateStmt") {
    for (const JsonNode& element : statement.body["tableElts"]) {
      if (element.type() != "ColumnDef") continue;
      const JsonNode& column_def = element.body();
      fn(column_def["colname"].str(), column_def["typeName"],
         [&] { return node_span(context, statement, column_def); });
    }
  }
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    std::string_view subtype = cmd["subtype"].raw();
    const JsonNode& column_def = cmd["def"].body();
    if (subtype == "AT_AddColumn") {
      fn(column_def["colname"].str(), column_def["typeName"],
         [&] { return node_span(context, statement, column_def); });
    } else if (subtype == "AT_AlterColumnType") {
      fn(cmd["name"].str(), column_def["typeName"],
         [&] { return alter_column_clause(context, statement, cmd["name"].str()); });
    }
  });
}

// Reports each column an ALTER TABLE adds to a pre-existing table carrying a
// constraint of kind `contype` (CONSTR_IDENTITY, CONSTR_GENERATED): PostgreSQL
// computes such a column for every existing row. `message` gets the quoted
// column name.
template <typename Message>
void report_added_columns_with(const Statement& statement, RuleContext& context,
                               std::string_view contype, Message&& message) {
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AddColumn") return;
    const JsonNode& column_def = cmd["def"].body();
    if (!column_constraint(column_def, contype)) return;
    std::string column = column_def["colname"].str();
    context.report(add_column_clause(context, statement, column),
                   message(quoted_column(relation, column)));
  });
}

}  // namespace migcheck
