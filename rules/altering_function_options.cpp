#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterFunctionStmt") return;
  context.report(
      context.clause(statement, {"alter"}),
      "ALTER " +
          std::string(statement.body["objtype"].raw() == "OBJECT_PROCEDURE" ? "PROCEDURE `"
                                                                            : "FUNCTION `") +
          display_list_name(statement.body["func"]["objname"]) +
          "` changes how every call runs (volatility, SECURITY DEFINER, "
          "search_path, cost...), for the running release too.");
}

}  // namespace

const Rule kAlteringFunctionOptionsRule{
    .id = "altering-function-options",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A function's or procedure's options are altered",
    .lock = "",
    .rationale =
        "ALTER FUNCTION changes properties the planner and the executor trust: marking a "
        "volatile function IMMUTABLE corrupts indexes built on it, SECURITY DEFINER and SET "
        "search_path change whose rights and which objects it uses, STRICT changes results for "
        "NULL arguments. Every caller sees the change at once. Off by default: for teams that "
        "review every change to database code.",
    .safe_alternative =
        "1. Check every index, default, generated column and trigger that uses the function "
        "against its new properties.\n"
        "2. Mark the statement -- migcheck:ignore altering-function-options once reviewed.",
    .check = check,
};

}  // namespace migcheck
