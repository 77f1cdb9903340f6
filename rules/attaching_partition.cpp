#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  const JsonNode& parent = statement.body["relation"];
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AttachPartition") return;
    const JsonNode& partition = cmd["def"].body()["name"];
    if (!is_pre_existing(context, partition)) return;
    const TableInfo* table = context.table_of(partition);
    if (table && table->has_valid_check()) return;
    std::string parent_lock = context.pg_version() >= 12
                                  ? ""
                                  : ", and before PostgreSQL 12 the parent " +
                                        quoted_table(parent) +
                                        " is locked ACCESS EXCLUSIVE meanwhile";
    context.report(context.clause(statement, {"attach", "partition"}),
                   "Attaching " + quoted_table(partition) +
                       " without a validated CHECK constraint matching the partition bound scans "
                       "all its rows under an ACCESS EXCLUSIVE lock" +
                       parent_lock + ".");
  });
}

}  // namespace

const Rule kAttachingPartitionRule{
    .id = "attaching-partition",
    .severity = Severity::warning,
    .summary = "A partition is attached without a CHECK constraint that proves its bound",
    .lock =
        "ACCESS EXCLUSIVE on the partition during the scan; SHARE UPDATE EXCLUSIVE on the "
        "parent (ACCESS EXCLUSIVE before PostgreSQL 12)",
    .rationale =
        "ATTACH PARTITION must prove that every row of the table fits the partition bound. "
        "Without a validated CHECK constraint that implies the bound, PostgreSQL scans the "
        "whole table while holding its lock (and, before version 12, an ACCESS EXCLUSIVE lock "
        "on the parent, blocking all queries on the partitioned table).",
    .safe_alternative =
        "1. ALTER TABLE part ADD CONSTRAINT part_bound CHECK (key IS NOT NULL AND key >= ... "
        "AND key < ...) NOT VALID; (it must imply the bound exactly, NULLs included: a range "
        "partition admits no NULL key)\n"
        "2. In a later transaction: ALTER TABLE part VALIDATE CONSTRAINT part_bound; (reads "
        "and writes go on)\n"
        "3. ALTER TABLE parent ATTACH PARTITION part FOR VALUES ...; (no scan)\n"
        "4. ALTER TABLE part DROP CONSTRAINT part_bound;",
    .check = check,
};

}  // namespace migcheck
