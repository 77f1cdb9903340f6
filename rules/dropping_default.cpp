#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// A view's column default serves inserts through the view as a table's does.
bool has_column_defaults(const JsonNode& alter) {
  std::string_view kind = alter["objtype"].raw();
  return kind == "OBJECT_TABLE" || kind == "OBJECT_VIEW" || kind == "OBJECT_FOREIGN_TABLE";
}

// True when the same ALTER TABLE gives `column` a new default or makes it an
// identity: inserts that leave it out still get a value.
bool replaced_in_statement(const JsonNode& alter, const std::string& column) {
  for (const JsonNode& cmd_node : alter["cmds"]) {
    const JsonNode& cmd = cmd_node.body();
    if (cmd["name"].str() != column) continue;
    std::string_view subtype = cmd["subtype"].raw();
    if (subtype == "AT_AddIdentity" || (subtype == "AT_ColumnDefault" && cmd["def"])) return true;
  }
  return false;
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt" || !has_column_defaults(statement.body)) return;
  const JsonNode& relation = statement.body["relation"];
  for (const JsonNode& cmd_node : statement.body["cmds"]) {
    const JsonNode& cmd = cmd_node.body();
    if (cmd["subtype"].raw() != "AT_ColumnDefault" || cmd["def"]) continue;  // SET has def
    if (!is_pre_existing(context, relation)) return;
    std::string column = cmd["name"].str();
    const TableInfo* table = context.table_of(relation);
    const ColumnInfo* known = table ? table->column(column) : nullptr;
    if (known && !known->has_default) continue;  // nothing to drop: a no-op
    if (replaced_in_statement(statement.body, column)) continue;
    std::string consequence = known && known->not_null ? "fail: the column is NOT NULL."
                                                       : "store NULL in it instead of the default.";
    context.report(alter_column_clause(context, statement, column),
                   "Dropping the default of " + quoted_column(relation, column) +
                       " makes inserts from code still running that leave the column out " +
                       consequence);
  }
}

}  // namespace

const Rule kDroppingDefaultRule{
    .id = "dropping-default",
    .severity = Severity::warning,
    .summary = "A column default is dropped while code may still rely on it",
    .lock = "ACCESS EXCLUSIVE on the table (brief: catalog-only change)",
    .rationale =
        "Inserts written for the default leave the column out. Once it is dropped they store "
        "NULL, or fail when the column is NOT NULL, until every running instance writes the "
        "column itself. Columns of tables created in the same migration are not reported, nor "
        "columns the schema memory shows without a default, nor a default the same statement "
        "replaces (SET DEFAULT, ADD GENERATED ... AS IDENTITY).",
    .safe_alternative =
        "1. Deploy code that always writes the column.\n"
        "2. Drop the default in a later migration, with a lock_timeout, marked "
        "`migcheck:ignore dropping-default` with the release since which every writer sets "
        "the column.",
    .check = check,
};

}  // namespace migcheck
