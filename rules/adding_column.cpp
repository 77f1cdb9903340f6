#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AddColumn") return;
    std::string column = cmd["def"].body()["colname"].str();
    context.report(add_column_clause(context, statement, column),
                   "Adding column " + quoted_column(statement.body["relation"], column) +
                       " changes the table's shape for every reader: SELECT *, COPY without a "
                       "column list and INSERT without one now see one more column.");
  });
}

}  // namespace

const Rule kAddingColumnRule{
    .id = "adding-column",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A column is added to an existing table",
    .lock =
        "ACCESS EXCLUSIVE, brief unless the default is volatile (see "
        "adding-column-with-volatile-default)",
    .rationale =
        "Adding a column is usually safe for PostgreSQL, but not for every consumer: "
        "positional INSERTs, SELECT * mapped onto fixed structures, COPY without a column "
        "list, logical replication subscribers and CDC pipelines whose target lacks the column "
        "break. Off by default: for teams with strict schema compatibility policies.",
    .safe_alternative =
        "1. Add the column to every downstream consumer (subscriber tables, CDC schemas, "
        "warehouse) first.\n"
        "2. Make sure no code relies on the column count (SELECT *, positional INSERT).\n"
        "3. Mark the statement -- migcheck:ignore adding-column once reviewed.",
    .check = check,
};

}  // namespace migcheck
