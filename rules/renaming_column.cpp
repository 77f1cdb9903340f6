#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "RenameStmt" || statement.body["renameType"].raw() != "OBJECT_COLUMN") {
    return;
  }
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  std::string old_name = statement.body["subname"].str();
  std::string new_name = statement.body["newname"].str();
  auto span = context.find_words(statement, {"rename", "column", old_name});
  if (!span) span = context.find_words(statement, {"rename", old_name});
  context.report(span.value_or(context.first_line(statement)),
                 "Renaming column " + quoted_column(relation, old_name) + " to `" + new_name +
                     "` breaks every running application instance that still uses the old name.");
}

}  // namespace

const Rule kRenamingColumnRule{
    .id = "renaming-column",
    .severity = Severity::error,
    .summary = "A column is renamed while code may still use the old name",
    .lock = "ACCESS EXCLUSIVE (brief: catalog-only change)",
    .rationale =
        "The rename is instant, but the application version running during the deploy still "
        "sends the old name and fails until every instance runs the new code; the new code "
        "fails the same way if it is deployed before the migration.",
    .safe_alternative =
        "1. Add the new column (nullable) and deploy code that writes both columns.\n"
        "2. Backfill the new column from the old one in batches.\n"
        "3. Deploy code that reads and writes only the new column.\n"
        "4. Drop the old column in a later migration (see dropping-column).\n"
        "(Or, for a table-wide rename, create a view with the old names while code moves.)",
    .check = check,
};

}  // namespace migcheck
