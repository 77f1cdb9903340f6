#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    if (constraint["contype"].raw() != "CONSTR_UNIQUE" || !constraint["indexname"].str().empty()) {
      return;
    }
    std::string what = column.empty() ? "Adding a UNIQUE constraint on " + quoted_table(relation)
                                      : "Adding UNIQUE column " + quoted_column(relation, column);
    context.report(node_span(context, statement, constraint),
                   what + " builds its index while holding an ACCESS EXCLUSIVE lock.");
  });
}

}  // namespace

const Rule kAddingUniqueConstraintRule{
    .id = "adding-unique-constraint",
    .severity = Severity::error,
    .summary = "A UNIQUE constraint builds its index under an exclusive lock",
    .lock = "ACCESS EXCLUSIVE for the whole index build: blocks reads and writes",
    .rationale =
        "ADD CONSTRAINT ... UNIQUE (or a UNIQUE added column) creates the unique index inside "
        "the ALTER TABLE, reading the whole table while every query on it waits.",
    .safe_alternative =
        "1. CREATE UNIQUE INDEX CONCURRENTLY t_col_key ON t (col); outside a transaction block "
        "(writes go on; drop the INVALID index and retry if it fails).\n"
        "2. ALTER TABLE t ADD CONSTRAINT t_col_key UNIQUE USING INDEX t_col_key; (instant).",
    .check = check,
};

}  // namespace migcheck
