#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  bool revoke = (statement.type == "GrantStmt" || statement.type == "GrantRoleStmt") &&
                !statement.body["is_grant"].boolean();
  if (!revoke) return;
  // Privileges on tables created in this migration have never been used.
  if (statement.body["objtype"].raw() == "OBJECT_TABLE" &&
      statement.body["targtype"].raw() == "ACL_TARGET_OBJECT") {
    bool any_existing = false;
    for (const JsonNode& object : statement.body["objects"]) {
      any_existing = any_existing || is_pre_existing(context, object.body());
    }
    if (!any_existing) return;
  }
  context.report(context.clause(statement, {"revoke"}),
                 "REVOKE takes effect for every session as soon as it commits: queries of the "
                 "running release that relied on the privilege fail with 'permission denied'.");
}

}  // namespace

const Rule kRevokingPrivilegesRule{
    .id = "revoking-privileges",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "Privileges or role memberships are revoked",
    .lock = "",
    .rationale =
        "Revoking a privilege or a role membership is immediate and global. If any code path, "
        "job or reporting tool still uses it, it starts failing with permission errors, often "
        "far from the migration that caused it. Off by default: for teams that review access "
        "changes.",
    .safe_alternative =
        "1. Find every user of the privilege (pg_stat_statements, logs, the code of every "
        "service using the role).\n"
        "2. Deploy without them, then revoke in a later migration and mark it "
        "-- migcheck:ignore revoking-privileges once reviewed.",
    .check = check,
};

}  // namespace migcheck
