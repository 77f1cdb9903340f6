#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt") return;
  std::string kind = statement.body["removeType"].str();
  // A foreign table's rows live on the remote server and stay there; the
  // code that reads it breaks all the same.
  bool foreign = kind == "OBJECT_FOREIGN_TABLE";
  if (kind != "OBJECT_TABLE" && !foreign) return;
  for (const JsonNode& object : statement.body["objects"]) {
    const JsonNode& parts = object.body()["items"];
    std::string name = parts.at(parts.size() - 1).body()["sval"].str();
    std::string schema = parts.size() > 1 ? parts.at(parts.size() - 2).body()["sval"].str() : "";
    if (context.catalog().is_new_table(qualified_name(schema, name))) continue;
    std::string shown = schema.empty() ? name : schema + "." + name;
    if (foreign) {
      context.report(context.clause(statement, {"drop", "foreign", "table"}),
                     "Dropping foreign table `" + shown +
                         "` breaks every running application instance that still uses it (the "
                         "remote data stays).");
      continue;
    }
    context.report(context.clause(statement, {"drop", "table"}),
                   "Dropping table `" + shown +
                       "` breaks every running application instance that still uses it, and its "
                       "data is gone for good.");
  }
}

}  // namespace

const Rule kDroppingTableRule{
    .id = "dropping-table",
    .severity = Severity::error,
    .summary = "A table is dropped while code may still use it",
    .lock = "ACCESS EXCLUSIVE on the table (and on tables whose foreign keys reference it)",
    .rationale =
        "Old application versions still running during the deploy fail on every query that "
        "touches the table, and the rows cannot be recovered without a backup.",
    .safe_alternative =
        "1. Deploy code that no longer uses the table.\n"
        "2. Optionally rename it first (and wait) to find forgotten readers safely.\n"
        "3. Drop it in a later migration, with a lock_timeout, and say so above the statement: "
        "-- migcheck:ignore dropping-table <release that stopped using it> (migcheck cannot "
        "see deploys).",
    .check = check,
};

}  // namespace migcheck
