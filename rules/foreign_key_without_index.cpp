#include <algorithm>
#include <set>
#include <vector>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// An index serves the foreign key when its leading columns are the key's
// columns, in any order.
bool covers(const IndexInfo& index, const std::vector<std::string>& columns) {
  if (index.columns.size() < columns.size()) return false;
  std::vector<std::string> leading(index.columns.begin(), index.columns.begin() + columns.size());
  std::vector<std::string> wanted = columns;
  std::sort(leading.begin(), leading.end());
  std::sort(wanted.begin(), wanted.end());
  return leading == wanted;
}

// Judged after the whole unit, since the index is usually created after the
// constraint. Only tables whose indexes the schema memory knows (created in
// replayed history or this migration) are judged. The schema memory of a long
// run of migrations holds thousands of tables and indexes: only the tables
// this migration changed are looked at, and only their own indexes, for a
// foreign key this unit added.
void finish(RuleContext& context) {
  const Catalog& catalog = context.catalog();
  std::set<std::string> changed(catalog.tables_changed_in_migration().begin(),
                                catalog.tables_changed_in_migration().end());
  for (const std::string& name : changed) {
    const TableInfo* table = catalog.table(name);
    if (!table) continue;
    for (const ConstraintInfo& constraint : table->constraints) {
      if (constraint.unit_serial != catalog.unit_serial() || constraint.kind != "CONSTR_FOREIGN") {
        continue;
      }
      std::vector<const IndexInfo*> indexes = catalog.indexes_on(name);
      if (std::any_of(indexes.begin(), indexes.end(),
                      [&](const IndexInfo* index) { return covers(*index, constraint.columns); })) {
        continue;
      }
      std::string columns;
      for (const std::string& column : constraint.columns) {
        columns += (columns.empty() ? "" : ", ") + column;
      }
      context.report(constraint.span,
                     "Foreign key `" + constraint.name + "` on `" + shown_table(name) + "` (" +
                         columns +
                         ") has no index starting with its columns: every DELETE or key UPDATE "
                         "on the referenced table scans `" +
                         name + "`.");
    }
  }
}

}  // namespace

const Rule kForeignKeyWithoutIndexRule{
    .id = "foreign-key-without-index",
    .severity = Severity::warning,
    .summary = "A foreign key's columns have no index",
    .lock = "",
    .rationale =
        "PostgreSQL indexes the referenced side of a foreign key, not the referencing side. "
        "Without an index on the referencing columns, each DELETE or key UPDATE on the parent "
        "table scans the child table (under a lock), and joins from parent to children are "
        "slow. It only shows once the child table is large.",
    .safe_alternative =
        "Create an index whose leading columns are the foreign key's columns: on an existing "
        "table with CREATE INDEX CONCURRENTLY, in a migration of its own before the one that "
        "adds the constraint (CONCURRENTLY refuses a transaction block); on a table created in "
        "the migration, with a plain CREATE INDEX next to it.",
    .finish = finish,
};

}  // namespace migcheck
