#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterEnumStmt" || statement.body["oldVal"].str().empty()) return;
  const JsonNode& type_name = statement.body["typeName"];
  if (context.catalog().is_new_object("type", qualified_list_name(type_name))) return;
  std::string old_value = statement.body["oldVal"].str();
  context.report(context.clause(statement, {"rename", "value"}),
                 "Renaming value '" + old_value + "' of enum `" + display_list_name(type_name) +
                     "` to '" + statement.body["newVal"].str() +
                     "' breaks the running release: every query that writes or compares '" +
                     old_value + "' fails with 'invalid input value for enum'.");
}

}  // namespace

const Rule kRenamingEnumValueRule{
    .id = "renaming-enum-value",
    .severity = Severity::error,
    .summary = "An enum value is renamed while code may still use the old label",
    .lock = "",
    .rationale =
        "ALTER TYPE ... RENAME VALUE changes the label in place for every row at once. Code "
        "still running during the deploy sends the old label, which no longer exists, so its "
        "inserts, updates and WHERE clauses fail; cached prepared statements and client-side "
        "enum mappings break too.",
    .safe_alternative =
        "1. ALTER TYPE t ADD VALUE 'new'; (its own migration before PostgreSQL 12).\n"
        "2. Deploy code that accepts both labels and writes the new one.\n"
        "3. UPDATE the rows from 'old' to 'new' in batches, in a later migration.\n"
        "4. Leave the unused 'old' label in place: PostgreSQL cannot drop an enum value.",
    .check = check,
};

}  // namespace migcheck
