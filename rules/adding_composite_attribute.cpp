#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt" || statement.body["objtype"].raw() != "OBJECT_TYPE") {
    return;
  }
  const JsonNode& type = statement.body["relation"];
  if (context.catalog().is_new_object("type", qualified_name(type))) return;
  for (const JsonNode& cmd : statement.body["cmds"]) {
    if (cmd.body()["subtype"].raw() != "AT_AddColumn") continue;
    std::string attribute = cmd.body()["def"].body()["colname"].str();
    context.report(context.clause(statement, {"add", "attribute", attribute}),
                   "Adding attribute `" + attribute + "` to composite type " + quoted_table(type) +
                       " changes the shape of every value of the type: ROW(...) constructors "
                       "and code that maps the type positionally break.");
  }
}

}  // namespace

const Rule kAddingCompositeAttributeRule{
    .id = "adding-composite-attribute",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "An attribute is added to an existing composite type",
    .lock = "ACCESS EXCLUSIVE on the type",
    .rationale =
        "A composite type is an interface: functions return it, columns store it, drivers map "
        "it onto structures by position. A new attribute changes its text form and its arity, "
        "so casts from ROW(...) literals and client-side mappings written for the old shape "
        "fail. Off by default: for teams with strict compatibility policies.",
    .safe_alternative =
        "1. Create a new type (t_v2) with the attribute, and functions that use it.\n"
        "2. Move callers to the new type.\n"
        "3. Drop the old one later; or mark the statement -- migcheck:ignore "
        "adding-composite-attribute once every consumer is checked.",
    .check = check,
};

}  // namespace migcheck
