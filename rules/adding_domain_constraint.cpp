#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterDomainStmt" || statement.body["subtype"].str() != "C") return;
  const JsonNode& constraint = statement.body["def"].body();
  if (constraint["skip_validation"].boolean()) return;
  context.report(context.clause(statement, {"add"}),
                 "Adding a constraint to domain `" + display_list_name(statement.body["typeName"]) +
                     "` checks every column of that type in every table, locking each table "
                     "against writes during its scan.");
}

}  // namespace

const Rule kAddingDomainConstraintRule{
    .id = "adding-domain-constraint",
    .severity = Severity::error,
    .summary = "A constraint is added to a domain without NOT VALID",
    .lock = "SHARE on every table with a column of the domain, during its scan: blocks writes",
    .rationale =
        "ALTER DOMAIN ... ADD CONSTRAINT verifies the new check against every stored value of "
        "the domain, which means scanning every table that has a column of that type, each "
        "locked against writes while it is read.",
    .safe_alternative =
        "1. ALTER DOMAIN d ADD CONSTRAINT c CHECK (...) NOT VALID; (new values are checked).\n"
        "2. In a later transaction: ALTER DOMAIN d VALIDATE CONSTRAINT c; (weaker lock: writes "
        "go on).",
    .check = check,
};

}  // namespace migcheck
