#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt" || statement.body["removeType"].raw() != "OBJECT_POLICY") {
    return;
  }
  for (const JsonNode& object : statement.body["objects"]) {
    std::string table = owning_table(object);
    if (context.catalog().is_new_table(table)) continue;
    context.report(context.clause(statement, {"drop", "policy"}),
                   "Dropping row-level security policy `" + object_part(object) + "` on `" +
                       shown_table(table) +
                       "` changes which rows every role sees or may write, at once: a "
                       "permissive policy gone hides rows, a restrictive one gone exposes them.");
  }
}

}  // namespace

const Rule kDroppingPolicyRule{
    .id = "dropping-policy",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A row-level security policy is dropped from an existing table",
    .lock = "ACCESS EXCLUSIVE on the table (brief, but it waits in the lock queue)",
    .rationale =
        "Policies decide which rows each role can read and change. Dropping one is a security "
        "change that takes effect for every session as soon as the migration commits, and the "
        "application gets no error, only different rows. Off by default: for teams that review "
        "every access change.",
    .safe_alternative =
        "1. Create the replacement policy first (CREATE POLICY), in the same transaction if "
        "the rules must never be absent.\n"
        "2. Then drop the old one, and mark it -- migcheck:ignore dropping-policy once "
        "reviewed.",
    .check = check,
};

}  // namespace migcheck
