#include "linter/type_name.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

bool is_small_integer(const std::string& type) {
  return type == "integer" || type == "smallint";
}

// The type an AS option of CREATE/ALTER SEQUENCE names, or "".
std::string sequence_type(const JsonNode& options) {
  for (const JsonNode& option : options) {
    if (option.body()["defname"].raw() == "as") {
      return type_base_name(option.body()["arg"]["TypeName"]);
    }
  }
  return {};
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "CreateSeqStmt" || statement.type == "AlterSeqStmt") {
    std::string type = sequence_type(statement.body["options"]);
    if (!is_small_integer(type)) return;
    context.report(context.clause(statement, {"as"}),
                   "Sequence " + quoted_table(statement.body["sequence"]) + " of type " + type +
                       " stops at " + (type == "integer" ? "2,147,483,647" : "32,767") +
                       ": from then on every nextval, so every insert using it, fails.");
    return;
  }
  // ADD GENERATED ... AS IDENTITY on an existing column keeps the column's type.
  const JsonNode& relation = statement.body["relation"];
  const TableInfo* table =
      statement.type == "AlterTableStmt" ? context.table_of(relation) : nullptr;
  if (!table) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AddIdentity") return;
    const ColumnInfo* column = table->column(cmd["name"].str());
    if (!column || !is_small_integer(column->type)) return;
    context.report(alter_column_clause(context, statement, column->name),
                   "Identity on " + quoted_column(relation, column->name) + " of type " +
                       column->type +
                       ": its sequence stops at the type's maximum and inserts "
                       "fail from then on; change the column to bigint while it is small.");
  });
}

}  // namespace

const Rule kSmallIntegerSequenceRule{
    .id = "small-integer-sequence",
    .severity = Severity::warning,
    .summary = "A sequence or identity is limited to integer or smallint",
    .lock = "",
    .rationale =
        "A sequence of type integer runs out after about 2.1 billion values (smallint: "
        "32,767), counting every rolled-back insert and every cached block. When it does, all "
        "inserts fail at once, and widening the column then rewrites a table that has become "
        "huge. prefer-bigint covers column definitions; this covers sequences created or "
        "altered AS integer and identities added to existing integer columns.",
    .safe_alternative =
        "1. Create sequences without AS (bigint is the default) or AS bigint.\n"
        "2. Before adding an identity to an existing integer column, change the column to "
        "bigint (see changing-column-type for the safe way on a large table).",
    .check = check,
};

}  // namespace migcheck
