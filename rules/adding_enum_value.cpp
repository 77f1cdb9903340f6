#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  // RENAME VALUE has an oldVal: renaming-enum-value's.
  if (statement.type != "AlterEnumStmt" || !statement.body["oldVal"].str().empty()) return;
  const JsonNode& type_name = statement.body["typeName"];
  if (context.catalog().is_new_object("type", qualified_list_name(type_name))) return;
  context.report(context.clause(statement, {"add", "value"}),
                 "Adding value '" + statement.body["newVal"].str() + "' to enum `" +
                     display_list_name(type_name) +
                     "`: code of the running release that maps the enum onto a closed set "
                     "fails on the first row that uses it.");
}

}  // namespace

const Rule kAddingEnumValueRule{
    .id = "adding-enum-value",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A value is added to an existing enum type",
    .lock = "",
    .rationale =
        "Adding an enum value is cheap for PostgreSQL, but clients often decode enums into a "
        "closed set (a Python Enum, a TypeScript union, a Java enum) and fail on a value they "
        "do not know, as do downstream consumers. Off by default: for teams with strict "
        "compatibility policies (see adding-enum-value-in-transaction for the transaction "
        "limits).",
    .safe_alternative =
        "1. Deploy code (and consumers) that accept the new value.\n"
        "2. Add the value in a later migration, and mark it -- migcheck:ignore "
        "adding-enum-value once reviewed.\n"
        "3. Start writing the value in a release after that.",
    .check = check,
};

}  // namespace migcheck
