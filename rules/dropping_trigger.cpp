#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt" || statement.body["removeType"].raw() != "OBJECT_TRIGGER") {
    return;
  }
  for (const JsonNode& object : statement.body["objects"]) {
    std::string table = owning_table(object);
    if (context.catalog().is_new_table(table)) continue;
    context.report(context.clause(statement, {"drop", "trigger"}),
                   "Dropping trigger `" + object_part(object) + "` on `" + shown_table(table) +
                       "` stops whatever it did (auditing, denormalised columns, checks) for "
                       "every write from now on, including the running release's.");
  }
}

}  // namespace

const Rule kDroppingTriggerRule{
    .id = "dropping-trigger",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A trigger is dropped from an existing table",
    .lock = "ACCESS EXCLUSIVE on the table (brief, but it waits in the lock queue)",
    .rationale =
        "A trigger often keeps data consistent behind the application's back: an audit log, a "
        "search vector, a counter, a copy to a new table during a migration. Dropping it while "
        "the code that relies on it still runs silently leaves data out of step, and nothing "
        "fails to tell you. Off by default: for teams that review every trigger removal.",
    .safe_alternative =
        "1. Deploy code that no longer needs the trigger's effect (or that does the work "
        "itself).\n"
        "2. Drop the trigger in a later migration, with a lock_timeout, and mark it "
        "-- migcheck:ignore dropping-trigger once reviewed.",
    .check = check,
};

}  // namespace migcheck
