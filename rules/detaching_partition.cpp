#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& parent = statement.body["relation"];
  if (!is_pre_existing(context, parent)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_DetachPartition") return;
    const JsonNode& partition = cmd["def"].body()["name"];
    bool concurrent = cmd["def"].body()["concurrent"].boolean();
    std::string version = std::to_string(context.pg_version());
    if (concurrent && context.pg_version() < 14) {
      context.report(context.clause(statement, {"concurrently"}),
                     "DETACH PARTITION CONCURRENTLY does not exist before PostgreSQL 14 (target: " +
                         version + "): the migration fails here.");
    } else if (!concurrent && context.pg_version() >= 14) {
      context.report(context.clause(statement, {"detach", "partition"}),
                     "Detaching " + quoted_table(partition) + " from " + quoted_table(parent) +
                         " without CONCURRENTLY locks the whole partitioned table ACCESS "
                         "EXCLUSIVE, blocking all its reads and writes.");
    }
  });
}

}  // namespace

const Rule kDetachingPartitionRule{
    .id = "detaching-partition",
    .severity = Severity::warning,
    .summary = "A partition is detached without CONCURRENTLY (PostgreSQL 14+)",
    .lock = "ACCESS EXCLUSIVE on the parent: blocks reads and writes of every partition",
    .rationale =
        "A plain DETACH PARTITION needs ACCESS EXCLUSIVE on the partitioned table, so it waits "
        "for every running query on any partition and blocks all new ones meanwhile. From "
        "PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY takes only SHARE UPDATE EXCLUSIVE. "
        "Before 14 there is no such form (writing it is an error), so nothing is reported for "
        "older targets.",
    .safe_alternative =
        "1. ALTER TABLE parent DETACH PARTITION part CONCURRENTLY; outside a transaction block "
        "(PostgreSQL 14+). It leaves a CHECK constraint matching the bound on part (a later "
        "ATTACH skips its scan thanks to it): drop it if not wanted.\n"
        "2. If it is interrupted, finish it with ALTER TABLE parent DETACH PARTITION part "
        "FINALIZE;\n"
        "3. Before 14: run the plain DETACH with a short lock_timeout and retries.",
    .check = check,
};

}  // namespace migcheck
