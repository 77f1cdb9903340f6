#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "IndexStmt") return;
  const JsonNode& relation = statement.body["relation"];
  const TableInfo* table = context.table_of(relation);
  if (!table || !table->partitioned) return;
  Span span = context.clause(statement, {"on", display_name(relation)});
  if (context.pg_version() < 11) {
    context.report(span, "PostgreSQL " + std::to_string(context.pg_version()) +
                             " cannot create an index on partitioned table " +
                             quoted_table(relation) + " (it needs 11): the migration fails here.");
  } else if (statement.body["concurrent"].boolean() && relation["inh"].boolean()) {
    context.report(span, "CREATE INDEX CONCURRENTLY is refused on partitioned table " +
                             quoted_table(relation) +
                             ": the migration fails here. Build it ON ONLY the parent and "
                             "attach each partition's concurrently built index.");
  }
}

}  // namespace

const Rule kIndexingPartitionedTableRule{
    .id = "indexing-partitioned-table",
    .severity = Severity::error,
    .summary = "CREATE INDEX CONCURRENTLY on a partitioned table, which PostgreSQL refuses",
    .lock = "SHARE on the parent and every partition without CONCURRENTLY (blocks writes)",
    .rationale =
        "PostgreSQL refuses CREATE INDEX CONCURRENTLY on a partitioned table ('cannot create "
        "index on partitioned table concurrently'), and a plain CREATE INDEX on it blocks "
        "writes to every partition while all of them are indexed, one after another. Before "
        "PostgreSQL 11 a partitioned table cannot be indexed at all.",
    .safe_alternative =
        "1. CREATE INDEX i ON ONLY parent (...); creates an invalid index on the parent "
        "alone, instantly.\n"
        "2. For each partition, in a migration without a transaction: CREATE INDEX "
        "CONCURRENTLY i_part ON part (...);\n"
        "3. ALTER INDEX i ATTACH PARTITION i_part; for each; the parent index becomes valid "
        "once every partition's is attached.",
    .check = check,
};

}  // namespace migcheck
