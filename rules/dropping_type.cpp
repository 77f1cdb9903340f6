#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  report_dropped_objects(statement, context, {"OBJECT_TYPE", "OBJECT_CAST"},
                         "breaks code still running that casts to it or passes it as a parameter.");
}

}  // namespace

const Rule kDroppingTypeRule{
    .id = "dropping-type",
    .severity = Severity::warning,
    .summary = "A type or cast is dropped while code or columns may still use it",
    .lock = "ACCESS EXCLUSIVE on the type; with CASCADE also on every table whose columns it drops",
    .rationale =
        "Dropping a cast breaks every query that relies on it to convert values. "
        "PostgreSQL refuses to drop a type that a column, function or other type uses, so the "
        "migration fails; with CASCADE it drops those columns instead, and their data is gone for "
        "good. Code still running that names the type fails. Types created earlier in the same "
        "migration are not reported.",
    .safe_alternative =
        "1. Move columns off the type (ALTER COLUMN ... TYPE, or a new column backfilled in "
        "batches) and deploy code that no longer names it.\n"
        "2. Drop it in a later migration without CASCADE, so a forgotten column makes it fail "
        "instead of losing data: -- migcheck:ignore dropping-type <why nothing uses it>.",
    .check = check,
};

}  // namespace migcheck
