#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// The table a DDL statement creates or changes, when it names one.
const JsonNode& ddl_relation(const Statement& statement) {
  if (statement.type == "CreateTableAsStmt" && statement.body["objtype"].raw() == "OBJECT_TABLE") {
    return statement.body["into"]["rel"];
  }
  if (statement.type == "CreateStmt" || statement.type == "AlterTableStmt" ||
      statement.type == "IndexStmt" || statement.type == "TruncateStmt") {
    return statement.type == "TruncateStmt" ? statement.body["relations"].at(0).body()
                                            : statement.body["relation"];
  }
  return JsonNode::null_node();
}

void check(const Statement& statement, RuleContext& context) {
  // The migration chose the schema itself: names resolve the same everywhere.
  if (context.session().search_path.set) return;
  if (statement.type == "DropStmt") {
    std::string kind = statement.body["removeType"].str();
    if (kind != "OBJECT_TABLE" && kind != "OBJECT_INDEX") return;
    for (const JsonNode& object : statement.body["objects"]) {
      if (object.body()["items"].size() == 1) {
        context.report(context.first_line(statement),
                       "`" + display_list_name(object) +
                           "` has no schema: which object is dropped depends on search_path.");
      }
    }
    return;
  }
  const JsonNode& relation = ddl_relation(statement);
  if (!relation || !relation["schemaname"].str().empty()) return;
  // A temporary table lives in the session's own pg_temp schema whatever
  // search_path says.
  if (relation["relpersistence"].raw() == "t") return;
  context.report(node_span(context, statement, relation),
                 "Table `" + relation["relname"].str() +
                     "` has no schema: which table this changes depends on search_path.");
}

}  // namespace

const Rule kUnqualifiedTableNameRule{
    .id = "unqualified-table-name",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A DDL statement names a table without its schema",
    .lock = "",
    .rationale =
        "An unqualified name is resolved through search_path, which differs between roles, "
        "connection poolers and tools; the same migration can then create or alter a table in "
        "the wrong schema. Nothing is reported after the migration sets search_path itself. Off "
        "by default: most projects use one schema.",
    .safe_alternative =
        "Write schema-qualified names (public.users), or start the migration with SET "
        "search_path = public; (SET LOCAL inside its transaction).",
    .check = check,
};

}  // namespace migcheck
