#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_DropColumn") return;
    std::string column = cmd["name"].str();
    auto span = context.find_words(statement, {"drop", "column", "if", "exists", column});
    if (!span) span = context.find_words(statement, {"drop", "column", column});
    if (!span) span = context.find_words(statement, {"drop", column});
    context.report(span.value_or(context.first_line(statement)),
                   "Dropping column " + quoted_column(relation, column) +
                       " breaks every running application instance that still reads or writes "
                       "it, and the data is gone for good.");
  });
}

}  // namespace

const Rule kDroppingColumnRule{
    .id = "dropping-column",
    .severity = Severity::error,
    .summary = "A column is dropped while code may still use it",
    .lock = "ACCESS EXCLUSIVE (brief: the column is only marked dropped, no rewrite)",
    .rationale =
        "During a deploy the old version of the application keeps running until the new one "
        "replaces it. Queries that name the column, and ORMs that list every column they know "
        "in SELECT and INSERT, fail with 'column does not exist' the moment the migration "
        "commits. The data cannot be recovered without a backup.",
    .safe_alternative =
        "1. Deploy code that no longer reads or writes the column (for ORMs, mark it ignored).\n"
        "2. Once no running version uses it, drop it in a later migration, with a lock_timeout, "
        "and say so above the statement: -- migcheck:ignore dropping-column <release that "
        "stopped using it> (migcheck cannot see deploys).",
    .check = check,
};

}  // namespace migcheck
