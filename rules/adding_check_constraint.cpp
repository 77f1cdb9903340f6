#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    if (constraint["contype"].raw() != "CONSTR_CHECK" || constraint["skip_validation"].boolean()) {
      return;
    }
    std::string name = constraint["conname"].str();
    std::string what =
        column.empty()
            ? "Adding CHECK constraint " + (name.empty() ? std::string() : "`" + name + "` ") +
                  "on " + quoted_table(relation)
            : "Adding column " + quoted_column(relation, column) + " with a CHECK constraint";
    context.report(node_span(context, statement, constraint),
                   what + " scans every existing row while holding an ACCESS EXCLUSIVE lock.");
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
        "for the whole scan, so every query on the table waits. A CHECK written on an added "
        "column is verified the same way, even though the new column is still empty.",
    .safe_alternative =
        "1. ALTER TABLE t ADD CONSTRAINT t_c CHECK (...) NOT VALID; (instant; new writes are "
        "checked).\n"
        "2. In a later transaction: ALTER TABLE t VALIDATE CONSTRAINT t_c; (SHARE UPDATE "
        "EXCLUSIVE: reads and writes go on).\n"
        "3. For a new column: add it without the CHECK, then add the CHECK as above.",
    .check = check,
};

}  // namespace migcheck
