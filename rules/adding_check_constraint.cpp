#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    const JsonNode& constraint = cmd["def"].body();
    if (cmd["subtype"].str() != "AT_AddConstraint" ||
        constraint["contype"].str() != "CONSTR_CHECK" || constraint["skip_validation"].boolean()) {
      return;
    }
    std::string name = constraint["conname"].str();
    context.report(node_span(context, statement, constraint),
                   "Adding CHECK constraint " + (name.empty() ? std::string() : "`" + name + "` ") +
                       "on " + quoted_table(relation) +
                       " scans every existing row while holding an ACCESS EXCLUSIVE lock.");
  });
}

}  // namespace

const Rule kAddingCheckConstraintRule{
    .id = "adding-check-constraint",
    .severity = Severity::error,
    .summary = "A CHECK constraint is added to an existing table without NOT VALID",
    .lock = "ACCESS EXCLUSIVE during a full table scan: blocks reads and writes",
    .rationale =
        "PostgreSQL verifies the new CHECK against every existing row, holding ACCESS EXCLUSIVE "
        "for the whole scan, so every query on the table waits.",
    .safe_alternative =
        "1. ALTER TABLE t ADD CONSTRAINT t_c CHECK (...) NOT VALID; (instant; new writes are "
        "checked).\n"
        "2. In a later transaction: ALTER TABLE t VALIDATE CONSTRAINT t_c; (SHARE UPDATE "
        "EXCLUSIVE: reads and writes go on).",
    .check = check,
};

}  // namespace migcheck
