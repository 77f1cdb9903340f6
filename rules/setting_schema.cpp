#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterObjectSchemaStmt") return;
  auto moved = altered_object(statement.body["objectType"].str(), statement.body);
  if (!moved || is_new_object(context.catalog(), *moved)) return;
  std::string schema = statement.body["newschema"].str();
  context.report(context.clause(statement, {"set", "schema", schema}),
                 "Moving " + moved->word + " `" + moved->shown + "` to schema `" + schema +
                     "` breaks every running application instance that still finds it under "
                     "its old schema.");
}

}  // namespace

const Rule kSettingSchemaRule{
    .id = "setting-schema",
    .severity = Severity::warning,
    .summary = "An object is moved to another schema while code may still use the old name",
    .lock =
        "ACCESS EXCLUSIVE on a moved table, view or sequence (brief: catalog-only change); "
        "object locks only for functions and types",
    .rationale =
        "Queries name objects by schema, explicitly or through search_path: after SET SCHEMA "
        "the release still running during the deploy fails with 'does not exist', or silently "
        "finds another object of the same name. Objects created earlier in the same migration "
        "are not reported.",
    .safe_alternative =
        "1. Deploy code that names the object with its new schema, or put both schemas on its "
        "search_path.\n"
        "2. Move the object in a later migration, with a lock_timeout, marked "
        "`migcheck:ignore setting-schema` with the release since which the code uses the new "
        "name.",
    .check = check,
};

}  // namespace migcheck
