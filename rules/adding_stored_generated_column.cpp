#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  report_added_columns_with(statement, context, "CONSTR_GENERATED", [](const std::string& column) {
    return "Adding stored generated column " + column +
           " computes it for every existing row, rewriting the whole table under an "
           "ACCESS EXCLUSIVE lock.";
  });
}

}  // namespace

const Rule kAddingStoredGeneratedColumnRule{
    .id = "adding-stored-generated-column",
    .severity = Severity::error,
    .summary = "A stored generated column is added to an existing table",
    .lock = "ACCESS EXCLUSIVE for the whole rewrite: blocks reads and writes",
    .rationale =
        "GENERATED ALWAYS AS (...) STORED writes the computed value into every row, so "
        "PostgreSQL rewrites the table and rebuilds its indexes while reads and writes wait.",
    .safe_alternative =
        "1. Add a plain nullable column and a trigger that computes it for new and updated rows.\n"
        "2. Backfill existing rows in batches.\n"
        "3. Or compute the value at query time (a view, or an expression index created "
        "CONCURRENTLY) instead of storing it.",
    .check = check,
};

}  // namespace migcheck
