#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt") return;
  const JsonNode& relation = statement.body["relation"];
  const TableInfo* table = context.table_of(relation);
  if (!table || !table->partitioned) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string&) {
    if (constraint["contype"].raw() != "CONSTR_FOREIGN" ||
        !constraint["skip_validation"].boolean()) {
      return;
    }
    context.report(context.clause(statement, {"not", "valid"}),
                   "PostgreSQL cannot add a NOT VALID foreign key to partitioned table " +
                       quoted_table(relation) + ": the migration fails here.");
  });
}

}  // namespace

const Rule kNotValidForeignKeyOnPartitionedTableRule{
    .id = "not-valid-foreign-key-on-partitioned-table",
    .severity = Severity::error,
    .summary = "A NOT VALID foreign key is added to a partitioned table, which PostgreSQL refuses",
    .lock = "",
    .rationale =
        "The usual way to add a foreign key without a long lock, NOT VALID then VALIDATE, is "
        "refused on a partitioned table (PostgreSQL 11 to 17: 'cannot add NOT VALID foreign "
        "key on partitioned table'). The migration fails where it was written to be safe.",
    .safe_alternative =
        "1. For each partition: ALTER TABLE part ADD CONSTRAINT part_fk FOREIGN KEY (...) "
        "REFERENCES ... NOT VALID; then ALTER TABLE part VALIDATE CONSTRAINT part_fk; in a "
        "later migration.\n"
        "2. Then add the key to the parent without NOT VALID: with a matching valid key on "
        "every partition, PostgreSQL attaches them instead of scanning. Mark that statement "
        "-- migcheck:ignore adding-foreign-key, since it checks no rows.",
    .check = check,
};

}  // namespace migcheck
