#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// The old name stays usable when the same transaction gives it to a view (the
// recipe) or to another table (a swap): the finding is held back until the
// unit ends, and such a statement withdraws it.
void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "ViewStmt") {
    context.withdraw(qualified_name(statement.body["view"]));
    return;
  }
  if (statement.type != "RenameStmt" || statement.body["renameType"].raw() != "OBJECT_TABLE") {
    return;
  }
  const JsonNode& relation = statement.body["relation"];
  std::string new_name = statement.body["newname"].str();
  std::string old_qualified = qualified_name(relation);
  context.withdraw(qualified_name(old_qualified.substr(0, old_qualified.find('.')), new_name));
  if (!is_pre_existing(context, relation)) return;
  context.defer(context.clause(statement, {"rename", "to", new_name}),
                "Renaming table " + quoted_table(relation) + " to `" + new_name +
                    "` breaks every running application instance that still uses the old name.",
                old_qualified);
}

}  // namespace

const Rule kRenamingTableRule{
    .id = "renaming-table",
    .severity = Severity::error,
    .summary = "A table is renamed while code may still use the old name",
    .lock = "ACCESS EXCLUSIVE (brief: catalog-only change)",
    .rationale =
        "Queries from the application version still running during the deploy name the old "
        "table and fail with 'relation does not exist' until every instance runs new code. Not "
        "reported when the same transaction gives the old name to a view or to another table.",
    .safe_alternative =
        "1. Rename the table and, in the same transaction, create a view with the old name "
        "(simple views are updatable), so both names work.\n"
        "2. Deploy code that uses the new name.\n"
        "3. Drop the view in a later migration.",
    .check = check,
};

}  // namespace migcheck
