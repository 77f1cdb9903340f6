#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt" || statement.body["objtype"].raw() != "OBJECT_VIEW") {
    return;
  }
  const JsonNode& view = statement.body["relation"];
  if (context.catalog().is_new_object("view", qualified_name(view))) return;
  context.report(context.clause(statement, {"alter", "view"}),
                 "ALTER VIEW " + quoted_table(view) +
                     " changes how every query through it behaves (security_barrier, "
                     "security_invoker, check_option, column defaults), at once.");
}

}  // namespace

const Rule kAlteringViewOptionsRule{
    .id = "altering-view-options",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A view's options or column defaults are altered",
    .lock = "ACCESS EXCLUSIVE on the view (brief, but it waits in the lock queue)",
    .rationale =
        "View options decide whose privileges and row-level policies apply "
        "(security_invoker), whether leaky functions can see hidden rows (security_barrier) "
        "and which writes through the view are accepted (check_option); defaults on view "
        "columns change what inserts through it store. Off by default: for teams that review "
        "access and behaviour changes.",
    .safe_alternative =
        "1. Test the view's callers as the application's role with the new options.\n"
        "2. Mark the statement -- migcheck:ignore altering-view-options once reviewed.",
    .check = check,
};

}  // namespace migcheck
