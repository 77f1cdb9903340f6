#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// PRIMARY KEY USING INDEX skips the build but still sets NOT NULL on the key
// columns: each nullable one not proven by a validated CHECK is a full scan
// under ACCESS EXCLUSIVE. Unknown index or table: nothing can be said.
void report_nullable_keys(const Statement& statement, RuleContext& context,
                          const JsonNode& constraint) {
  const JsonNode& relation = statement.body["relation"];
  std::string table_name = qualified_name(relation);
  const IndexInfo* index = context.catalog().index(
      qualified_name(relation["schemaname"].str(), constraint["indexname"].str()));
  const TableInfo* table = context.catalog().table(table_name);
  if (!index || !table) return;
  for (const std::string& column : index->columns) {
    if (column.empty() || !table->set_not_null_scans(column, context.pg_version())) continue;
    context.report(context.clause(statement, {"using", "index"}),
                   "PRIMARY KEY USING INDEX makes nullable " + quoted_column(relation, column) +
                       " NOT NULL, scanning the whole table under an ACCESS EXCLUSIVE lock.");
  }
}

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    if (constraint["contype"].raw() != "CONSTR_PRIMARY") return;
    if (!constraint["indexname"].str().empty()) {
      report_nullable_keys(statement, context, constraint);
      return;
    }
    std::string what = column.empty()
                           ? "Adding a PRIMARY KEY to " + quoted_table(relation)
                           : "Adding PRIMARY KEY column " + quoted_column(relation, column);
    context.report(node_span(context, statement, constraint),
                   what +
                       " builds its index (and checks NOT NULL) while holding an ACCESS "
                       "EXCLUSIVE lock.");
  });
}

}  // namespace

const Rule kAddingPrimaryKeyRule{
    .id = "adding-primary-key",
    .severity = Severity::error,
    .summary = "A PRIMARY KEY builds its index under an exclusive lock",
    .lock = "ACCESS EXCLUSIVE for the index build and NOT NULL scan: blocks reads and writes",
    .rationale =
        "ADD PRIMARY KEY creates a unique index inside the ALTER TABLE and sets NOT NULL on the "
        "key columns, scanning the whole table while every query on it waits. PRIMARY KEY "
        "USING INDEX skips the build, but still scans for each key column that is not NOT "
        "NULL yet (or, from PostgreSQL 12, proven by a validated CHECK (col IS NOT NULL)).",
    .safe_alternative =
        "1. Make the key columns NOT NULL the safe way (CHECK (col IS NOT NULL) NOT VALID, "
        "VALIDATE, SET NOT NULL).\n"
        "2. CREATE UNIQUE INDEX CONCURRENTLY t_pkey ON t (col); outside a transaction block.\n"
        "3. ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey; (instant).",
    .check = check,
};

}  // namespace migcheck
