#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  report_dropped_objects(
      statement, context, {"OBJECT_DOMAIN"},
      "fails while a column still uses it, and breaks code still running that casts to it.");
}

}  // namespace

const Rule kDroppingDomainRule{
    .id = "dropping-domain",
    .severity = Severity::warning,
    .summary = "A domain is dropped while columns or code may still use it",
    .lock =
        "ACCESS EXCLUSIVE on the domain; with CASCADE also on every table whose columns it drops",
    .rationale =
        "PostgreSQL refuses to drop a domain that columns use, so the migration fails; with "
        "CASCADE it drops those columns, and their data is gone for good. Domains created earlier "
        "in the same migration are not reported.",
    .safe_alternative =
        "1. Move columns to the base type (ALTER COLUMN ... TYPE to the domain's base type "
        "rewrites nothing) and add their CHECK constraints to the tables (NOT VALID, then "
        "VALIDATE).\n"
        "2. Drop the unused domain in a later migration without CASCADE: -- migcheck:ignore "
        "dropping-domain <why nothing uses it>.",
    .check = check,
};

}  // namespace migcheck
