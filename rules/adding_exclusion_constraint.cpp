#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string&) {
    if (constraint["contype"].raw() != "CONSTR_EXCLUSION") return;
    context.report(node_span(context, statement, constraint),
                   "Adding an EXCLUDE constraint to " + quoted_table(relation) +
                       " builds its index and checks every row pair while holding an ACCESS "
                       "EXCLUSIVE lock.");
  });
}

}  // namespace

const Rule kAddingExclusionConstraintRule{
    .id = "adding-exclusion-constraint",
    .severity = Severity::error,
    .summary = "An exclusion constraint is added to an existing table",
    .lock = "ACCESS EXCLUSIVE for the whole index build: blocks reads and writes",
    .rationale =
        "An EXCLUDE constraint builds its index inside the ALTER TABLE and checks existing rows "
        "against each other, all under ACCESS EXCLUSIVE. Unlike UNIQUE, it cannot be attached "
        "from an index built CONCURRENTLY, and it cannot be added NOT VALID.",
    .safe_alternative =
        "1. Prefer creating the constraint together with the table.\n"
        "2. For an existing table, run it in a maintenance window, with a lock_timeout so it "
        "gives up instead of queueing queries, or enforce the rule in a trigger that checks "
        "new rows while a backfill cleans old ones.",
    .check = check,
};

}  // namespace migcheck
