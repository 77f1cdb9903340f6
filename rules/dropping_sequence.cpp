#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  report_dropped_objects(
      statement, context, {"OBJECT_SEQUENCE"},
      "breaks inserts that still take ids from it (column defaults, nextval() in code).");
}

}  // namespace

const Rule kDroppingSequenceRule{
    .id = "dropping-sequence",
    .severity = Severity::warning,
    .summary = "A sequence is dropped while defaults or code may still draw from it",
    .lock =
        "ACCESS EXCLUSIVE on the sequence; with CASCADE also on every table whose column default "
        "it drops",
    .rationale =
        "PostgreSQL refuses to drop a sequence a column default uses, so the migration fails; with "
        "CASCADE it drops those defaults and inserts that relied on them fail with not-null "
        "violations. Code still running that calls nextval() on it fails too. Sequences created "
        "earlier in the same migration are not reported.",
    .safe_alternative =
        "1. Give the columns their new default (an identity column, or another sequence) and "
        "deploy code that no longer names the sequence.\n"
        "2. Drop it in a later migration without CASCADE: -- migcheck:ignore dropping-sequence "
        "<why nothing uses it>.",
    .check = check,
};

}  // namespace migcheck
