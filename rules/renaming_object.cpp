#include <algorithm>

#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

// Renames renaming-table and renaming-column cover, and objects no code
// names (triggers, rules, policies, roles, ...), are left out.
constexpr std::string_view kRenamedKinds[] = {
    "OBJECT_INDEX",     "OBJECT_VIEW",     "OBJECT_MATVIEW",   "OBJECT_FUNCTION",
    "OBJECT_PROCEDURE", "OBJECT_ROUTINE",  "OBJECT_AGGREGATE", "OBJECT_TYPE",
    "OBJECT_DOMAIN",    "OBJECT_SEQUENCE", "OBJECT_SCHEMA",
};

void report_constraint_rename(const Statement& statement, RuleContext& context) {
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  std::string from = statement.body["subname"].str(), to = statement.body["newname"].str();
  const TableInfo* table = context.table_of(relation);
  const ConstraintInfo* constraint = table ? table->constraint(from) : nullptr;
  if (constraint && constraint->created_in_current_migration) return;
  context.report(context.clause(statement, {"rename", "constraint", from}),
                 "Renaming constraint `" + from + "` of " + quoted_table(relation) + " to `" + to +
                     "` breaks code still running that recognises its violations by name, and "
                     "later migrations that name it.");
}

// "kind schema.name" of the type, domain, view, function or sequence a
// CREATE makes, keyed as renamed objects are; empty for other statements.
std::string created_key(const Statement& statement) {
  const JsonNode& body = statement.body;
  std::string_view type = statement.type;
  if (type == "CreateEnumStmt" || type == "CreateRangeStmt") {
    return "type " + qualified_list_name(body["typeName"]);
  }
  if (type == "CompositeTypeStmt") return "type " + qualified_name(body["typevar"]);
  if (type == "CreateDomainStmt") return "domain " + qualified_list_name(body["domainname"]);
  if (type == "ViewStmt") return "view " + qualified_name(body["view"]);
  if (type == "CreateSeqStmt") return "sequence " + qualified_name(body["sequence"]);
  if (type == "CreateFunctionStmt") return "function " + qualified_list_name(body["funcname"]);
  return {};
}

void check(const Statement& statement, RuleContext& context) {
  // The old name made again in the same transaction (the swap that replaces
  // an enum type, a view's new version): code using it never misses it.
  if (std::string created = created_key(statement); !created.empty()) {
    return context.withdraw(created);
  }
  if (statement.type != "RenameStmt") return;
  std::string kind = statement.body["renameType"].str();
  if (kind == "OBJECT_TABCONSTRAINT") return report_constraint_rename(statement, context);
  if (std::find(std::begin(kRenamedKinds), std::end(kRenamedKinds), kind) ==
      std::end(kRenamedKinds)) {
    return;
  }
  auto renamed = altered_object(kind, statement.body);
  if (!renamed || is_new_object(context.catalog(), *renamed)) return;
  std::string to = statement.body["newname"].str();
  std::string users = kind == "OBJECT_INDEX"
                          ? "breaks later migrations, maintenance scripts and query hints "
                            "that name it."
                          : "breaks every running application instance that still uses the "
                            "old name.";
  context.defer(context.clause(statement, {"rename", "to", to}),
                "Renaming " + renamed->word + " `" + renamed->shown + "` to `" + to + "` " + users,
                renamed->kind + " " + renamed->name);
}

}  // namespace

const Rule kRenamingObjectRule{
    .id = "renaming-object",
    .severity = Severity::warning,
    .summary = "An index, constraint, view, function, type, sequence or schema is renamed",
    .lock =
        "ACCESS EXCLUSIVE on a renamed view, materialized view or sequence, and on the table "
        "of a renamed constraint; SHARE UPDATE EXCLUSIVE on a renamed index (PostgreSQL 12+, "
        "ACCESS EXCLUSIVE before); object locks only for functions, types and schemas",
    .rationale =
        "Code from the release still running during the deploy names the object the old way "
        "and fails with 'does not exist' until every instance runs new code; renaming a "
        "schema breaks every qualified name and search_path entry in it. Tables and columns "
        "have their own rules (renaming-table, renaming-column). Objects created earlier in "
        "the same migration are not reported, nor a rename whose old name the same "
        "transaction creates again (the swap that replaces an enum type or a view).",
    .safe_alternative =
        "1. Create the object under its new name alongside the old one (a view over the other "
        "view, a wrapper function calling the old one), or accept the break knowingly.\n"
        "2. Deploy code that uses the new name.\n"
        "3. Drop or rename the old one in a later migration: -- migcheck:ignore renaming-object "
        "<release that stopped using the old name>.",
    .check = check,
};

}  // namespace migcheck
