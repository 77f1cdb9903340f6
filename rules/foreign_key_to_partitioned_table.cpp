#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt" && statement.type != "CreateStmt") return;
  auto check_constraint = [&](const JsonNode& constraint) {
    if (constraint["contype"].raw() != "CONSTR_FOREIGN") return;
    const JsonNode& referenced = constraint["pktable"];
    const TableInfo* table = context.table_of(referenced);
    if (!table || !table->partitioned) return;
    Span span = context.clause(statement, {"references", display_name(referenced)});
    if (context.pg_version() < 12) {
      context.report(span, "PostgreSQL " + std::to_string(context.pg_version()) +
                               " cannot reference partitioned table " + quoted_table(referenced) +
                               " (it needs 12): the migration fails here.");
      return;
    }
    if (context.catalog().is_new_table(table->name)) return;
    context.report(span, "Foreign key to partitioned table " + quoted_table(referenced) +
                             ": adding it locks the parent and every partition, and from now "
                             "on each DETACH or DROP of one of its partitions must check this "
                             "table for rows that still point into it.");
  };
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string&) {
    check_constraint(constraint);
  });
  if (statement.type != "CreateStmt") return;
  for (const JsonNode& element : statement.body["tableElts"]) {
    if (element.type() == "Constraint") check_constraint(element.body());
    if (element.type() != "ColumnDef") continue;
    for (const JsonNode& constraint : element.body()["constraints"]) {
      check_constraint(constraint.body());
    }
  }
}

}  // namespace

const Rule kForeignKeyToPartitionedTableRule{
    .id = "foreign-key-to-partitioned-table",
    .severity = Severity::warning,
    .summary = "A foreign key references an existing partitioned table",
    .lock = "SHARE ROW EXCLUSIVE on the referenced parent and each of its partitions",
    .rationale =
        "Before PostgreSQL 12 a foreign key cannot reference a partitioned table at all. From "
        "12 it can, but adding it takes a lock on every partition of the referenced table, and "
        "the key then ties that table's partition maintenance to this one: detaching or "
        "dropping an old partition scans the referencing table (under lock) for rows that "
        "still point into it, which makes routine retention slow.",
    .safe_alternative =
        "1. Add the key NOT VALID with a lock_timeout, then VALIDATE it in a later "
        "migration.\n"
        "2. Index the referencing columns so the partition-maintenance checks are index "
        "lookups.\n"
        "3. Delete or re-point referencing rows before detaching a partition; or enforce the "
        "relation in the application and mark the key -- migcheck:ignore "
        "foreign-key-to-partitioned-table.",
    .check = check,
};

}  // namespace migcheck
