#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt" || statement.body["removeType"].raw() != "OBJECT_INDEX") {
    return;
  }
  for (const JsonNode& object : statement.body["objects"]) {
    std::string name = qualified_list_name(object);
    if (context.catalog().is_new_object("index", name)) continue;
    const IndexInfo* index = context.catalog().index(name);
    if (index && context.catalog().is_new_table(index->table)) continue;
    std::string what = index && index->unique ? "unique index `" : "index `";
    context.report(
        context.clause(statement, {"drop", "index"}),
        "Dropping " + what + display_list_name(object) +
            "`: queries that used it fall back to slower plans (often a full scan)" +
            (index && index->unique ? ", and the uniqueness it enforced is gone." : "."));
  }
}

}  // namespace

const Rule kDroppingIndexRule{
    .id = "dropping-index",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "An index is dropped",
    .lock = "ACCESS EXCLUSIVE on the table, or SHARE UPDATE EXCLUSIVE with CONCURRENTLY",
    .rationale =
        "An index that looks unused in one environment may carry a rare but heavy query in "
        "production; once dropped, that query scans the table and rebuilding the index takes "
        "as long as the first build. A unique index also stops enforcing uniqueness. Off by "
        "default: for teams that review every index removal (see "
        "dropping-index-non-concurrently for the lock).",
    .safe_alternative =
        "1. Check pg_stat_user_indexes.idx_scan on the primary and every replica over a full "
        "business cycle.\n"
        "2. DROP INDEX CONCURRENTLY IF EXISTS in a migration without a transaction, and mark it "
        "-- migcheck:ignore dropping-index once reviewed.",
    .check = check,
};

}  // namespace migcheck
