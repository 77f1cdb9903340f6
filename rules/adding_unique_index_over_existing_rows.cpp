#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

std::string consequence(bool concurrent) {
  return concurrent ? " fails if existing rows hold duplicates, and leaves an INVALID index "
                      "behind that still slows every write until it is dropped."
                    : " fails if existing rows hold duplicates, after reading the whole table.";
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "IndexStmt" && statement.type != "AlterTableStmt") return;
  const JsonNode& relation = statement.body["relation"];
  if (statement.type == "IndexStmt") {
    if (!statement.body["unique"].boolean() || !is_pre_existing(context, relation)) return;
    context.report(context.clause(statement, {"create", "unique", "index"}),
                   "Unique index on existing table " + quoted_table(relation) +
                       consequence(statement.body["concurrent"].boolean()));
    return;
  }
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    std::string_view kind = constraint["contype"].raw();
    // USING INDEX reuses an index whose build already proved the rows unique;
    // a column added now is NULL everywhere, and NULLs never collide.
    bool builds = constraint["indexname"].str().empty() && column.empty();
    if ((kind != "CONSTR_UNIQUE" && kind != "CONSTR_PRIMARY") || !builds) return;
    context.report(node_span(context, statement, constraint),
                   std::string(kind == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY") +
                       " on existing table " + quoted_table(relation) + consequence(false));
  });
}

}  // namespace

const Rule kAddingUniqueIndexOverExistingRowsRule{
    .id = "adding-unique-index-over-existing-rows",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A unique index or constraint is built over rows that may hold duplicates",
    .lock =
        "SHARE for CREATE UNIQUE INDEX (SHARE UPDATE EXCLUSIVE with CONCURRENTLY), ACCESS "
        "EXCLUSIVE for ADD CONSTRAINT ... UNIQUE or PRIMARY KEY, for the build",
    .rationale =
        "Staging data rarely has the duplicates production has. A unique build over existing "
        "rows fails at the first duplicate pair, after reading the table: the deploy stops "
        "half-way, and a failed CREATE UNIQUE INDEX CONCURRENTLY leaves an INVALID index that "
        "is maintained on every write until dropped. Off by default: for teams that want the "
        "reminder on every unique build.",
    .safe_alternative =
        "1. Check first: SELECT col, count(*) FROM t GROUP BY col HAVING count(*) > 1 LIMIT 1;\n"
        "2. Clean duplicates up in a data migration, and make the application stop writing "
        "them.\n"
        "3. Build the index CONCURRENTLY IF NOT EXISTS, and mark it -- migcheck:ignore "
        "adding-unique-index-over-existing-rows once the check is part of the deploy.",
    .check = check,
};

}  // namespace migcheck
