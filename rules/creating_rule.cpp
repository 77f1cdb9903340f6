#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "RuleStmt") return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  context.report(context.clause(statement, {"rule", statement.body["rulename"].str()}),
                 "Creating rule `" + statement.body["rulename"].str() + "` on " +
                     quoted_table(relation) +
                     " takes an ACCESS EXCLUSIVE lock and silently rewrites every matching "
                     "query of every release from then on.");
}

}  // namespace

const Rule kCreatingRuleRule{
    .id = "creating-rule",
    .severity = Severity::warning,
    .summary = "A rewrite rule is created on an existing table",
    .lock = "ACCESS EXCLUSIVE (brief, but it waits in the lock queue)",
    .rationale =
        "CREATE RULE blocks reads and writes of the table while it waits for and takes its "
        "lock, and the rule then rewrites queries before they run: INSERT ... RETURNING, "
        "COPY, and statements with volatile functions behave in surprising ways, and the "
        "rewrite is invisible to the application. PostgreSQL's own documentation recommends "
        "triggers instead.",
    .safe_alternative =
        "1. Use a trigger (or an updatable view) for the behaviour instead of a rule.\n"
        "2. Create it with SET lock_timeout = '5s'; first.",
    .check = check,
};

}  // namespace migcheck
