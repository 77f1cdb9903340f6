#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

// What losing the constraint breaks, by kind; the schema memory's view of it.
std::string consequence(const Catalog& catalog, const TableInfo* table,
                        const ConstraintInfo* constraint, bool cascade) {
  if (!constraint) return "removes a guarantee that code still running may rely on.";
  const std::string& kind = constraint->kind;
  if (kind == "CONSTR_CHECK") {
    return "stops checking new rows: code still running may write rows the constraint "
           "rejected.";
  }
  if (kind == "CONSTR_FOREIGN") {
    return "stops checking the reference: rows may then point at rows that do not exist.";
  }
  std::string text =
      "drops its index: duplicates can enter, and queries that found rows through it scan "
      "the table.";
  if (kind != "CONSTR_PRIMARY" && kind != "CONSTR_UNIQUE") return text;
  std::vector<std::string> keys = catalog.foreign_keys_on(table->name, *constraint);
  if (keys.empty()) return text;
  return text +
         (cascade
              ? " CASCADE also drops the foreign keys " + quoted_list(keys) + " that reference it."
              : " It fails while the foreign keys " + quoted_list(keys) + " reference it.");
}

// A CHECK (col IS NOT NULL) kept only until SET NOT NULL (setting-not-null's
// recipe) guards nothing once the column is NOT NULL.
bool replaced_by_not_null(const TableInfo& table, const ConstraintInfo& constraint) {
  if (constraint.not_null_column.empty()) return false;
  const ColumnInfo* column = table.column(constraint.not_null_column);
  return column && column->not_null;
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt") return;
  const JsonNode& relation = statement.body["relation"];
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_DropConstraint") return;
    if (!is_pre_existing(context, relation)) return;
    std::string name = cmd["name"].str();
    const TableInfo* table = context.table_of(relation);
    const ConstraintInfo* constraint = table ? table->constraint(name) : nullptr;
    if (constraint && constraint->created_in_current_migration) return;
    if (constraint && replaced_by_not_null(*table, *constraint)) return;
    bool cascade = cmd["behavior"].raw() == "DROP_CASCADE";
    context.report(
        first_clause(context, statement,
                     {{"drop", "constraint", name}, {"drop", "constraint", "if", "exists", name}}),
        "Dropping constraint `" + name + "` of " + quoted_table(relation) + " " +
            consequence(context.catalog(), table, constraint, cascade));
  });
}

}  // namespace

const Rule kDroppingConstraintRule{
    .id = "dropping-constraint",
    .severity = Severity::warning,
    .summary = "A constraint is dropped from an existing table",
    .lock =
        "ACCESS EXCLUSIVE on the table (brief), and for a foreign key on the table it "
        "references too",
    .rationale =
        "A dropped CHECK or foreign key stops guarding the data; a dropped primary key or "
        "unique constraint takes its index along, so duplicates can enter and lookups that "
        "used it scan the table, and with CASCADE the foreign keys referencing it vanish "
        "too. Not reported for constraints added in the same migration, for tables created "
        "in it, or for a CHECK (col IS NOT NULL) once the column is NOT NULL.",
    .safe_alternative =
        "1. Make sure nothing relies on the guarantee any more; for a key, first create the "
        "index that replaces it (CREATE INDEX CONCURRENTLY).\n"
        "2. Drop the constraint with a lock_timeout, without CASCADE, and say why above the "
        "statement: -- migcheck:ignore dropping-constraint <reason>.",
    .check = check,
};

}  // namespace migcheck
