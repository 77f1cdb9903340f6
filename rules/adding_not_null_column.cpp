#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// True when the column gets a value for existing rows: a DEFAULT, an
// identity, a generated expression, or a serial type (an implicit default).
bool fills_existing_rows(const JsonNode& column_def) {
  for (const JsonNode& constraint : column_def["constraints"]) {
    std::string_view kind = constraint.body()["contype"].raw();
    if (kind == "CONSTR_DEFAULT" || kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED") {
      return true;
    }
  }
  const JsonNode& names = column_def["typeName"]["names"];
  std::string type = names.at(names.size() - 1).body()["sval"].str();
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial4" ||
         type == "serial8" || type == "serial2";
}

bool is_not_null(const JsonNode& column_def) {
  if (column_def["is_not_null"].boolean()) return true;
  for (const JsonNode& constraint : column_def["constraints"]) {
    std::string_view kind = constraint.body()["contype"].raw();
    if (kind == "CONSTR_NOTNULL" || kind == "CONSTR_PRIMARY") return true;
  }
  return false;
}

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AddColumn") return;
    const JsonNode& column_def = cmd["def"].body();
    if (!is_not_null(column_def) || fills_existing_rows(column_def)) return;
    std::string column = column_def["colname"].str();
    auto span = context.find_words(statement, {"add", "column", column});
    if (!span)
      span = context.find_words(statement, {"add", "column", "if", "not", "exists", column});
    if (!span) span = context.find_words(statement, {"add", column});
    context.report(span.value_or(context.first_line(statement)),
                   "Adding NOT NULL column " + quoted_column(relation, column) +
                       " without a DEFAULT fails as soon as the table has a row, and old "
                       "application code that inserts without it fails afterwards.");
  });
}

}  // namespace

const Rule kAddingNotNullColumnRule{
    .id = "adding-not-null-column",
    .severity = Severity::error,
    .summary = "A NOT NULL column is added without a DEFAULT",
    .lock = "ACCESS EXCLUSIVE",
    .rationale =
        "PostgreSQL must give existing rows a value; with no DEFAULT the statement fails on any "
        "non-empty table (so it passes in development and fails in production). Even on an "
        "empty table, the application version still running keeps inserting rows without the "
        "column and fails.",
    .safe_alternative =
        "1. With a constant DEFAULT, add it NOT NULL in the same statement: existing rows get "
        "the default without a rewrite from PostgreSQL 11, and old code's inserts get it too.\n"
        "2. Without one, add the column as nullable, deploy code that writes it, and backfill "
        "existing rows in batches.\n"
        "3. Then add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later transaction, SET "
        "NOT NULL (no table scan from PostgreSQL 12) and drop the check.",
    .check = check,
};

}  // namespace migcheck
