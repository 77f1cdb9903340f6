#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    std::string_view subtype = cmd["subtype"].raw();
    std::string which;
    if (subtype == "AT_DisableTrig") which = "trigger `" + cmd["name"].str() + "`";
    if (subtype == "AT_DisableTrigAll") which = "every trigger, foreign-key checks included,";
    if (subtype == "AT_DisableTrigUser") which = "every user trigger";
    if (which.empty()) return;
    context.report(context.clause(statement, {"disable", "trigger"}),
                   "Disabling " + which + " on " + quoted_table(statement.body["relation"]) +
                       " affects every session's writes, not only this migration's, until it "
                       "is enabled again.");
  });
}

}  // namespace

const Rule kDisablingTriggerRule{
    .id = "disabling-trigger",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A trigger is disabled on an existing table",
    .lock = "SHARE ROW EXCLUSIVE: blocks writes until the transaction ends",
    .rationale =
        "ALTER TABLE ... DISABLE TRIGGER is not local to the migration: while it is in effect "
        "the application's writes skip the trigger too (DISABLE TRIGGER ALL also skips "
        "foreign-key enforcement), and a migration that fails before ENABLE leaves it off. "
        "Off by default: for teams that review every trigger change.",
    .safe_alternative =
        "1. To skip triggers for the migration's own bulk writes only, use SET LOCAL "
        "session_replication_role = replica; inside its transaction (it needs superuser).\n"
        "2. Otherwise disable and re-enable in the same transaction, and mark it "
        "-- migcheck:ignore disabling-trigger once reviewed.",
    .check = check,
};

}  // namespace migcheck
