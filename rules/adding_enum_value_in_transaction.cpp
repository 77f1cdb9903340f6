#include <algorithm>
#include <string>
#include <vector>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// The first string constant in the tree equal to one of `values`, or null.
const JsonNode* constant_among(const JsonNode& node, const std::vector<std::string>& values) {
  if (node.is_object()) {
    if (const JsonNode& constant = node["A_Const"]["sval"]["sval"]) {
      if (std::find(values.begin(), values.end(), constant.str()) != values.end()) {
        return &node["A_Const"];
      }
    }
  }
  if (node.is_object() || node.is_array()) {
    for (const JsonNode& child : node) {
      if (const JsonNode* found = constant_among(child, values)) return found;
    }
  }
  return nullptr;
}

void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (statement.type == "AlterEnumStmt" && statement.body["oldVal"].str().empty()) {
    if (context.pg_version() >= 12 || !session.in_transaction()) return;
    // A type created in the same transaction may be extended there freely.
    if (session.created_enum_types.count(qualified_list_name(statement.body["typeName"]))) return;
    context.report(context.clause(statement, {"add", "value"}),
                   "ALTER TYPE `" + display_list_name(statement.body["typeName"]) +
                       "` ADD VALUE cannot run inside a transaction block before PostgreSQL 12 "
                       "(target: " +
                       std::to_string(context.pg_version()) + "): the migration fails here.");
    return;
  }
  // From 12 the ADD works, but the value is unusable until COMMIT.
  if (session.added_enum_values.empty() || statement.type == "AlterEnumStmt") return;
  if (const JsonNode* use = constant_among(statement.body, session.added_enum_values)) {
    context.report(node_span(context, statement, *use),
                   "The enum value '" + (*use)["sval"]["sval"].str() +
                       "' was added in this same transaction: PostgreSQL refuses to use it before "
                       "the transaction commits (unsafe use of new value), so the migration "
                       "fails here.");
  }
}

}  // namespace

const Rule kAddingEnumValueInTransactionRule{
    .id = "adding-enum-value-in-transaction",
    .severity = Severity::error,
    .summary =
        "ALTER TYPE ... ADD VALUE inside a transaction: fails before PostgreSQL 12, and "
        "the value is unusable until COMMIT",
    .lock = "",
    .rationale =
        "Before PostgreSQL 12, adding a value to an enum is refused inside a transaction block "
        "(ERROR: ALTER TYPE ... ADD cannot run inside a transaction block), and most migration "
        "tools run each migration in one (unless the type was created in that same "
        "transaction). From 12 it is allowed, but the new value cannot be "
        "used until the transaction commits: a later statement of the same transaction that "
        "uses it fails (ERROR: unsafe use of new value), even when the type itself was created "
        "in that transaction.",
    .safe_alternative =
        "1. Put ALTER TYPE ... ADD VALUE IF NOT EXISTS in a migration of its own.\n"
        "2. Run that migration without the tool's transaction (Alembic: "
        "op.get_context().autocommit_block()).\n"
        "3. Use the new value only in later migrations.",
    .check = check,
};

}  // namespace migcheck
