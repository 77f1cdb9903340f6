#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_ReplicaIdentity") return;
    context.report(context.clause(statement, {"replica", "identity"}),
                   "Changing the replica identity of " + quoted_table(statement.body["relation"]) +
                       " changes what logical replication and change-data-capture consumers "
                       "receive for every UPDATE and DELETE (FULL also enlarges the WAL).");
  });
}

}  // namespace

const Rule kChangingReplicaIdentityRule{
    .id = "changing-replica-identity",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "An existing table's REPLICA IDENTITY is changed",
    .lock = "ACCESS EXCLUSIVE (brief: catalog-only change)",
    .rationale =
        "The replica identity decides which old-row columns are written to the WAL for UPDATE "
        "and DELETE. Subscribers and CDC tools (Debezium, pglogical) rely on it: NOTHING makes "
        "publications refuse UPDATE and DELETE on the table, USING INDEX needs a unique index "
        "on NOT NULL columns, and FULL logs whole rows. Off by default: for teams that run "
        "logical replication.",
    .safe_alternative =
        "1. Agree the change with the owners of every publication and consumer.\n"
        "2. Apply it with a lock_timeout, and mark it -- migcheck:ignore "
        "changing-replica-identity once reviewed.",
    .check = check,
};

}  // namespace migcheck
