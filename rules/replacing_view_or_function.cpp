#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "ViewStmt" && statement.body["replace"].boolean()) {
    const JsonNode& view = statement.body["view"];
    if (context.catalog().is_new_object("view", qualified_name(view))) return;
    context.report(context.clause(statement, {"create", "or", "replace"}),
                   "CREATE OR REPLACE VIEW " + quoted_table(view) +
                       " changes what every query on the view returns at once, and waits for "
                       "an ACCESS EXCLUSIVE lock on it behind any running query.");
  } else if (statement.type == "CreateFunctionStmt" && statement.body["replace"].boolean()) {
    context.report(context.clause(statement, {"create", "or", "replace"}),
                   "CREATE OR REPLACE FUNCTION `" + display_list_name(statement.body["funcname"]) +
                       "` changes the behaviour of every caller at once, triggers and defaults "
                       "included, whichever release they belong to.");
  }
}

}  // namespace

const Rule kReplacingViewOrFunctionRule{
    .id = "replacing-view-or-function",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A view or function is replaced in place (CREATE OR REPLACE)",
    .lock =
        "ACCESS EXCLUSIVE on a replaced view (ACCESS SHARE on the tables its query reads); none on "
        "tables for a function",
    .rationale =
        "Replacing a view or function swaps its definition for every caller at the same "
        "moment, so the release still running gets the new behaviour before its code is "
        "replaced; and CREATE OR REPLACE silently overwrites a definition someone changed by "
        "hand. Off by default: for teams with strict compatibility policies.",
    .safe_alternative =
        "1. Create the new version under a new name (v2) next to the old one.\n"
        "2. Deploy code that uses the new name.\n"
        "3. Drop the old version in a later migration, or mark the replacement "
        "-- migcheck:ignore replacing-view-or-function once reviewed.",
    .check = check,
};

}  // namespace migcheck
