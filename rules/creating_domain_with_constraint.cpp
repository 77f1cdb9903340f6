#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "CreateDomainStmt") return;
  for (const JsonNode& constraint : statement.body["constraints"]) {
    std::string_view kind = constraint.body()["contype"].raw();
    if (kind != "CONSTR_CHECK" && kind != "CONSTR_NOTNULL") continue;
    context.report(node_span(context, statement, constraint.body()),
                   "Domain `" + display_list_name(statement.body["domainname"]) + "` carries a " +
                       (kind == "CONSTR_CHECK" ? "CHECK" : "NOT NULL") +
                       " constraint: changing it later locks and scans every table with a "
                       "column of the domain at once.");
    return;
  }
}

}  // namespace

const Rule kCreatingDomainWithConstraintRule{
    .id = "creating-domain-with-constraint",
    .severity = Severity::warning,
    .summary = "A domain is created with a CHECK or NOT NULL constraint",
    .lock = "",
    .rationale =
        "A domain's constraint belongs to every column of the domain in every table. Adding "
        "or replacing one later (ALTER DOMAIN ... ADD CONSTRAINT) checks all of them in one "
        "statement under locks that block writes, and dropping the domain's constraint cannot "
        "be staged table by table. PostgreSQL's documentation also warns that a domain's NOT "
        "NULL is not enforced everywhere (outer joins and function results can yield NULL).",
    .safe_alternative =
        "1. Create the domain without constraints, or use the base type.\n"
        "2. Put the rule on each column as a table CHECK constraint (on an existing table: "
        "NOT VALID, then VALIDATE CONSTRAINT in a later transaction), which can be changed "
        "table by table.",
    .check = check,
};

}  // namespace migcheck
