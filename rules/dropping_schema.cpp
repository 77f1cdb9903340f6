#include <algorithm>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// The tables the schema memory knows in `schema`, sorted, as "`schema.table`".
std::string tables_in(const Catalog& catalog, const std::string& schema) {
  std::vector<std::string> names;
  for (const auto& [name, table] : catalog.tables()) {
    if (name.starts_with(schema + ".")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "`" : ", `") + name + "`";
  return list;
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt" || statement.body["removeType"].raw() != "OBJECT_SCHEMA") return;
  bool cascade = statement.body["behavior"].raw() == "DROP_CASCADE";
  const Catalog& catalog = context.catalog();
  for (const JsonNode& object : statement.body["objects"]) {
    std::string schema = object.body()["sval"].str();
    std::string message = "Dropping schema `" + schema + "`";
    if (cascade) {
      message +=
          " with CASCADE deletes every table, view and function in it, and the data is "
          "gone for good.";
    } else if (std::string tables = tables_in(catalog, schema); !tables.empty()) {
      message += " fails while it still holds " + tables + ": the migration stops here.";
    } else if (!catalog.history_known()) {
      message +=
          " fails if anything is left in it, and linted without the earlier migrations, "
          "migcheck cannot tell whether it is empty.";
    } else {
      continue;  // empty, as far as the replayed migrations tell: nothing to lose
    }
    context.report(context.clause(statement, {"drop", "schema"}), message);
  }
}

}  // namespace

const Rule kDroppingSchemaRule{
    .id = "dropping-schema",
    .severity = Severity::error,
    .summary = "A schema is dropped with CASCADE, or while it may still hold objects",
    .lock = "ACCESS EXCLUSIVE on every object dropped with it",
    .rationale =
        "A schema holds tables, views and functions; dropping it with CASCADE breaks any code "
        "still using them and destroys their data. Without CASCADE PostgreSQL refuses unless "
        "the schema is already empty, so the migration fails instead: that is reported when "
        "the replayed migrations left a table in it, or when they were not replayed. Dropping "
        "a schema they show empty is the safe last step, and is not reported.",
    .safe_alternative =
        "1. Move or drop the objects one by one in earlier migrations, after the code stops "
        "using them.\n"
        "2. Drop the then-empty schema without CASCADE, so a forgotten object makes it fail "
        "instead of vanishing.",
    .check = check,
};

}  // namespace migcheck
