#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "AlterDomainStmt" && statement.body["subtype"].raw() == "N") {
    context.report(context.clause(statement, {"drop", "not", "null"}),
                   "Dropping NOT NULL on domain `" + display_list_name(statement.body["typeName"]) +
                       "` lets NULLs into every column of that type, where running code does "
                       "not expect them.");
    return;
  }
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_DropNotNull") return;
    std::string column = cmd["name"].str();
    context.report(alter_column_clause(context, statement, column),
                   "Dropping NOT NULL on " + quoted_column(relation, column) +
                       " lets NULLs in that running code does not expect, and the constraint "
                       "cannot be put back once they are there.");
  });
}

}  // namespace

const Rule kDroppingNotNullRule{
    .id = "dropping-not-null",
    .severity = Severity::warning,
    .summary = "A column's (or a domain's) NOT NULL constraint is dropped",
    .lock = "ACCESS EXCLUSIVE (brief: catalog-only change)",
    .rationale =
        "Application code written against the column assumes it always has a value; once new "
        "code writes NULLs, the version still running (and reports, exports, other services) "
        "can fail on them. Rolling back is no longer simple either: SET NOT NULL fails until "
        "every NULL is replaced.",
    .safe_alternative =
        "1. Deploy code that handles NULL in the column everywhere it is read.\n"
        "2. Then drop NOT NULL in a later migration, with a lock_timeout, and say so above the "
        "statement: -- migcheck:ignore dropping-not-null <release that handles NULL> (migcheck "
        "cannot see deploys).",
    .check = check,
};

}  // namespace migcheck
