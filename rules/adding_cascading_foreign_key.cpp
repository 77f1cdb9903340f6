#include <string_view>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// The ON DELETE actions that write the referencing rows, as written.
std::string_view delete_action(const std::string& code) {
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return {};
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt") return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    // A column added now is NULL in every existing row: nothing to cascade to yet.
    if (constraint["contype"].raw() != "CONSTR_FOREIGN" || !column.empty()) return;
    std::string_view action = delete_action(constraint["fk_del_action"].str());
    if (action.empty()) return;
    context.report(context.clause(statement, {"on", "delete"}),
                   "ON DELETE " + std::string(action) + " onto existing table " +
                       quoted_table(relation) + ": every DELETE of a `" +
                       display_name(constraint["pktable"]) +
                       "` row now also writes and locks all of its rows here, in the same "
                       "statement, however many there are.");
  });
}

}  // namespace

const Rule kAddingCascadingForeignKeyRule{
    .id = "adding-cascading-foreign-key",
    .severity = Severity::warning,
    .summary =
        "A foreign key with ON DELETE CASCADE, SET NULL or SET DEFAULT is added to an "
        "existing table",
    .lock = "SHARE ROW EXCLUSIVE on both tables while it is added (see adding-foreign-key)",
    .rationale =
        "A referential action turns one quick DELETE on the referenced table into a delete or "
        "update of every matching row of a table that already holds data: an unbounded write "
        "that takes row locks, fires triggers, bloats the table and can run for minutes inside "
        "what the application thinks is a one-row delete. An accidental DELETE now destroys "
        "the dependent rows too.",
    .safe_alternative =
        "1. Index the referencing columns first (CREATE INDEX CONCURRENTLY), or every cascade "
        "scans the table.\n"
        "2. Prefer ON DELETE RESTRICT (the default) and delete dependent rows in the "
        "application, in batches.\n"
        "3. If the cascade is wanted, mark the statement -- migcheck:ignore "
        "adding-cascading-foreign-key once the largest fan-out is known to be small.",
    .check = check,
};

}  // namespace migcheck
