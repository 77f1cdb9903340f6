#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "UpdateStmt" && statement.type != "DeleteStmt") return;
  if (statement.body["whereClause"]) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  bool update = statement.type == "UpdateStmt";
  context.report(context.first_line(statement),
                 std::string(update ? "UPDATE" : "DELETE") + " without WHERE " +
                     (update ? "rewrites every row of " : "removes every row of ") +
                     quoted_table(relation) + " in one transaction, locking all of them.");
}

}  // namespace

const Rule kUnboundedUpdateOrDeleteRule{
    .id = "unbounded-update-or-delete",
    .severity = Severity::error,
    .summary = "UPDATE or DELETE with no WHERE on an existing table",
    .lock = "ROW EXCLUSIVE plus a row lock on every row until COMMIT",
    .rationale =
        "An UPDATE or DELETE of a whole table in a migration runs as one transaction: it locks "
        "every row (application writes to them wait), writes a new version of each row (the "
        "table and its WAL double in size, replicas lag), and a failure rolls all of it back. "
        "DELETE without WHERE is also the classic accidental data loss.",
    .safe_alternative =
        "1. Backfill in batches: UPDATE t SET ... WHERE id BETWEEN x AND y (or WHERE id IN "
        "(SELECT id ... LIMIT 5000)), each batch its own transaction, outside the migration's "
        "transaction or in a background job.\n"
        "2. If every row must go, say so with an explicit WHERE true after review.",
    .check = check,
};

}  // namespace migcheck
