#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterDomainStmt") return;
  std::string domain = display_list_name(statement.body["typeName"]);
  std::string_view subtype = statement.body["subtype"].raw();
  // SET NOT NULL is a constraint too, with no NOT VALID form: PostgreSQL
  // checks every column of the domain for NULLs the same way.
  if (subtype == "O") {
    context.report(context.clause(statement, {"set", "not", "null"}),
                   "Setting NOT NULL on domain `" + domain +
                       "` checks every column of that type in every table for NULLs, locking "
                       "each table against writes during its scan.");
    return;
  }
  if (subtype != "C") return;
  const JsonNode& constraint = statement.body["def"].body();
  if (constraint["skip_validation"].boolean()) return;
  context.report(context.clause(statement, {"add"}),
                 "Adding a constraint to domain `" + domain +
                     "` checks every column of that type in every table, locking each table "
                     "against writes during its scan.");
}

}  // namespace

const Rule kAddingDomainConstraintRule{
    .id = "adding-domain-constraint",
    .severity = Severity::error,
    .summary =
        "A constraint is added to a domain without NOT VALID, or the domain is made NOT NULL",
    .lock = "SHARE on every table with a column of the domain, during its scan: blocks writes",
    .rationale =
        "ALTER DOMAIN ... ADD CONSTRAINT verifies the new check against every stored value of "
        "the domain, which means scanning every table that has a column of that type, each "
        "locked against writes while it is read. ALTER DOMAIN ... SET NOT NULL does the same "
        "and has no NOT VALID form.",
    .safe_alternative =
        "1. ALTER DOMAIN d ADD CONSTRAINT c CHECK (...) NOT VALID; (new values are checked).\n"
        "2. In a later transaction: ALTER DOMAIN d VALIDATE CONSTRAINT c; (weaker lock: writes "
        "go on).\n"
        "For NOT NULL, use CHECK (VALUE IS NOT NULL) the same way instead of SET NOT NULL.",
    .check = check,
};

}  // namespace migcheck
