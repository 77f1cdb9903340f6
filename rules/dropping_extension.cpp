#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  report_dropped_objects(statement, context, {"OBJECT_EXTENSION"},
                         "removes every function, type and operator it installed, breaking code "
                         "and columns still using them.");
}

}  // namespace

const Rule kDroppingExtensionRule{
    .id = "dropping-extension",
    .severity = Severity::warning,
    .summary =
        "An extension is dropped while columns, indexes or code may still use what it installed",
    .lock =
        "ACCESS EXCLUSIVE on the extension's objects; with CASCADE also on every table whose "
        "columns or indexes it drops",
    .rationale =
        "An extension installs types, functions and operators; PostgreSQL refuses the drop while "
        "anything uses them, so the migration fails, and with CASCADE it drops those columns, "
        "indexes and views, losing their data. Extensions created earlier in the same migration "
        "are not reported.",
    .safe_alternative =
        "1. Move columns, indexes and code off the extension's types and functions, and deploy.\n"
        "2. Drop it in a later migration without CASCADE: -- migcheck:ignore dropping-extension "
        "<why nothing uses it>.",
    .check = check,
};

}  // namespace migcheck
