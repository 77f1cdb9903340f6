#include <array>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Built-in functions whose value differs per row (pg_proc.provolatile = 'v').
constexpr std::array kVolatile = {
    "random",           "gen_random_uuid",  "uuid_generate_v1", "uuid_generate_v1mc",
    "uuid_generate_v4", "clock_timestamp",  "timeofday",        "nextval",
    "setval",           "gen_random_bytes", "random_normal",    "txid_current",
};
// Common built-ins that are STABLE or IMMUTABLE: evaluated once for the
// whole ALTER, so PostgreSQL 11+ stores the value instead of rewriting.
// Calls the grammar itself writes as pg_catalog.* (AT TIME ZONE, EXTRACT,
// SUBSTRING, TRIM, ...) are built-ins too and count as known.
constexpr std::array kNotVolatile = {
    "now",
    "transaction_timestamp",
    "statement_timestamp",
    "current_date",
    "timezone",
    "date_part",
    "extract",
    "date_trunc",
    "make_date",
    "make_time",
    "make_timestamp",
    "make_timestamptz",
    "make_interval",
    "to_timestamp",
    "to_date",
    "to_char",
    "to_number",
    "lower",
    "upper",
    "length",
    "concat",
    "concat_ws",
    "format",
    "replace",
    "substr",
    "left",
    "right",
    "trim",
    "btrim",
    "ltrim",
    "rtrim",
    "lpad",
    "rpad",
    "md5",
    "encode",
    "decode",
    "abs",
    "round",
    "floor",
    "ceil",
    "coalesce",
    "nullif",
    "greatest",
    "least",
    "to_json",
    "to_jsonb",
    "json_build_object",
    "jsonb_build_object",
    "json_build_array",
    "jsonb_build_array",
    "array_fill",
    "string_to_array",
    "array_to_string",
    "to_tsvector",
    "current_setting",
    "current_schema",
    "current_database",
    "uuid_nil",
    "int4range",
    "int8range",
    "numrange",
    "daterange",
    "tsrange",
    "tstzrange",
};

// Those of kNotVolatile that take no argument: called with one, the name is
// not the built-in but another function (a user's overload, VOLATILE unless
// declared otherwise).
constexpr std::array kWithoutArguments = {
    "now",
    "transaction_timestamp",
    "statement_timestamp",
    "current_schema",
    "current_database",
    "uuid_nil",
};

bool listed(const auto& names, const std::string& name) {
  for (std::string_view entry : names) {
    if (entry == name) return true;
  }
  return false;
}

// The first function in the expression that is volatile ("random", or a user
// function an earlier migration created VOLATILE) or whose volatility
// migcheck cannot know (a user function it never saw created: VOLATILE unless
// declared otherwise); `known` tells which.
std::string volatile_call(const JsonNode& node, const Catalog& catalog, bool& known) {
  if (node.is_object()) {
    if (const JsonNode& call = node["FuncCall"]) {
      const JsonNode& names = call["funcname"];
      std::string name = last_name(names);
      bool grammar_builtin = names.size() == 2 && names.at(0).body()["sval"].raw() == "pg_catalog";
      if (listed(kVolatile, name)) {
        known = true;
        return name;
      }
      if (auto created = catalog.function_is_volatile(name)) {
        if (*created) {
          known = true;
          return name;
        }
      } else if (!grammar_builtin &&
                 (!listed(kNotVolatile, name) ||
                  (call["args"].size() > 0 && listed(kWithoutArguments, name)))) {
        known = false;
        return name;
      }
    }
  }
  if (node.is_object() || node.is_array()) {
    for (const JsonNode& child : node) {
      std::string name = volatile_call(child, catalog, known);
      if (!name.empty()) return name;
    }
  }
  return {};
}

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AddColumn") return;
    const JsonNode& column_def = cmd["def"].body();
    const JsonNode& expression = column_constraint(column_def, "CONSTR_DEFAULT")["raw_expr"];
    if (!expression || expression["A_Const"]["isnull"].boolean()) return;
    std::string column = quoted_column(relation, column_def["colname"].str());
    bool known = false;
    std::string function = volatile_call(expression, context.catalog(), known);
    std::string message;
    if (!function.empty()) {
      message =
          "Adding column " + column + " with DEFAULT calling " + function + "()" +
          (known ? ", which is volatile," : " (volatile unless declared STABLE or IMMUTABLE)") +
          " rewrites the whole table under an ACCESS EXCLUSIVE lock.";
    } else if (context.pg_version() < 11) {
      message = "Adding column " + column +
                " with a DEFAULT rewrites the whole table under an ACCESS EXCLUSIVE lock before "
                "PostgreSQL 11 (target: " +
                std::to_string(context.pg_version()) + ").";
    } else {
      return;
    }
    context.report(add_column_clause(context, statement, column_def["colname"].str()), message);
  });
}

}  // namespace

const Rule kAddingColumnWithVolatileDefaultRule{
    .id = "adding-column-with-volatile-default",
    .severity = Severity::error,
    .summary = "A column is added with a DEFAULT that forces a table rewrite",
    .lock = "ACCESS EXCLUSIVE for the whole rewrite: blocks reads and writes",
    .rationale =
        "From PostgreSQL 11 a non-volatile DEFAULT (a constant, now()) is stored once in the "
        "catalog and the ADD COLUMN is instant. A volatile DEFAULT (random(), "
        "gen_random_uuid(), clock_timestamp(), nextval()) must be computed for every existing "
        "row, so PostgreSQL rewrites the table and rebuilds its indexes while every query "
        "waits. Before PostgreSQL 11 any DEFAULT rewrites the table.",
    .safe_alternative =
        "1. Add the column without a DEFAULT (or with a constant one on PostgreSQL 11+).\n"
        "2. Set the volatile DEFAULT in a separate statement: ALTER TABLE ... ALTER COLUMN ... "
        "SET DEFAULT ... (it applies to new rows only and is instant).\n"
        "3. Backfill existing rows in batches of a few thousand, each in its own transaction.\n"
        "4. Add NOT NULL afterwards if needed, the safe way (see setting-not-null).",
    .check = check,
};

}  // namespace migcheck
