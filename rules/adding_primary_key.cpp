#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    if (constraint["contype"].str() != "CONSTR_PRIMARY" || !constraint["indexname"].str().empty()) {
      return;
    }
    std::string what = column.empty()
                           ? "Adding a PRIMARY KEY to " + quoted_table(relation)
                           : "Adding PRIMARY KEY column " + quoted_column(relation, column);
    context.report(node_span(context, statement, constraint),
                   what +
                       " builds its index (and checks NOT NULL) while holding an ACCESS "
                       "EXCLUSIVE lock.");
  });
}

}  // namespace

const Rule kAddingPrimaryKeyRule{
    .id = "adding-primary-key",
    .severity = Severity::error,
    .summary = "A PRIMARY KEY builds its index under an exclusive lock",
    .lock = "ACCESS EXCLUSIVE for the index build and NOT NULL scan: blocks reads and writes",
    .rationale =
        "ADD PRIMARY KEY creates a unique index inside the ALTER TABLE and sets NOT NULL on the "
        "key columns, scanning the whole table while every query on it waits.",
    .safe_alternative =
        "1. Make the key columns NOT NULL the safe way (CHECK (col IS NOT NULL) NOT VALID, "
        "VALIDATE, SET NOT NULL).\n"
        "2. CREATE UNIQUE INDEX CONCURRENTLY t_pkey ON t (col); outside a transaction block.\n"
        "3. ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey; (instant).",
    .check = check,
};

}  // namespace migcheck
