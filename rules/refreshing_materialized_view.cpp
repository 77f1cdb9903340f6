#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "RefreshMatViewStmt" || statement.body["concurrent"].boolean() ||
      statement.body["skipData"].boolean()) {
    return;
  }
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  context.report(context.clause(statement, {"refresh", "materialized", "view"}),
                 "Refreshing materialized view " + quoted_table(relation) +
                     " without CONCURRENTLY blocks every read of it until the query behind it "
                     "has run again.");
}

}  // namespace

const Rule kRefreshingMaterializedViewRule{
    .id = "refreshing-materialized-view",
    .severity = Severity::warning,
    .summary = "A materialized view is refreshed without CONCURRENTLY",
    .lock = "ACCESS EXCLUSIVE on the view for the whole refresh: blocks reads",
    .rationale =
        "A plain REFRESH MATERIALIZED VIEW recomputes the view's query and swaps the result in "
        "while holding ACCESS EXCLUSIVE, so every SELECT from the view waits for the whole "
        "query to run.",
    .safe_alternative =
        "1. Give the view a UNIQUE index on plain columns (CREATE UNIQUE INDEX CONCURRENTLY).\n"
        "2. Use REFRESH MATERIALIZED VIEW CONCURRENTLY (EXCLUSIVE lock: reads go on while it "
        "runs).\n"
        "3. Or refresh from a scheduled job, not from the migration.",
    .check = check,
};

}  // namespace migcheck
