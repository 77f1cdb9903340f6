#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

// Only triggers can call a trigger function, and without CASCADE PostgreSQL
// refuses the drop while a trigger still does: nothing breaks.
bool unused_trigger_function(const Statement& statement, const Catalog& catalog,
                             const ObjectRef& function) {
  const ObjectInfo* known = catalog.object(function.kind, function.name);
  return known && known->trigger_function && statement.body["behavior"].raw() != "DROP_CASCADE";
}

void check(const Statement& statement, RuleContext& context) {
  report_dropped_objects(
      statement, context,
      {"OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_ROUTINE", "OBJECT_AGGREGATE"},
      "breaks every caller still running: application code, triggers, defaults and views that use "
      "it.",
      unused_trigger_function);
}

}  // namespace

const Rule kDroppingFunctionRule{
    .id = "dropping-function",
    .severity = Severity::error,
    .summary = "A function or procedure is dropped while code may still call it",
    .lock =
        "ACCESS EXCLUSIVE on the function (an object lock: tables are not locked, except those "
        "whose defaults, triggers or constraints CASCADE drops)",
    .rationale =
        "Calls from the application version still running during the deploy fail with 'function "
        "does not exist'. PostgreSQL refuses the drop while a view, default, trigger or constraint "
        "uses the function, unless CASCADE silently drops those too. Functions created earlier in "
        "the same migration are not reported.",
    .safe_alternative =
        "1. Deploy code that no longer calls the function, and move triggers, defaults and views "
        "off it.\n"
        "2. Drop it in a later migration without CASCADE, and say so above the statement: -- "
        "migcheck:ignore dropping-function <release that stopped calling it>.",
    .check = check,
};

}  // namespace migcheck
