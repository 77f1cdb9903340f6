#include <set>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Reports the second mention of each name; `what` says where it was written.
class Seen {
 public:
  Seen(RuleContext& context, const Statement& statement, std::string what)
      : context_(context), statement_(statement), what_(std::move(what)) {}
  // A name already there, which is not itself reported.
  void known(const std::string& name) { names_.insert(name); }
  void add(const std::string& name, const JsonNode& node) {
    if (names_.insert(name).second) return;
    context_.report(node_span(context_, statement_, node),
                    "Column `" + name + "` appears twice " + what_ +
                        ": PostgreSQL rejects the statement and the migration fails.");
  }

 private:
  RuleContext& context_;
  const Statement& statement_;
  std::string what_;
  std::set<std::string> names_;
};

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "CreateStmt") {
    Seen seen(context, statement, "in the columns of " + quoted_table(statement.body["relation"]));
    for_each_new_column(statement, [&](const JsonNode& column_def) {
      seen.add(column_def["colname"].str(), column_def);
    });
  } else if (statement.type == "AlterTableStmt") {
    const JsonNode& relation = statement.body["relation"];
    Seen seen(context, statement, "in the columns of " + quoted_table(relation));
    // ADD COLUMN of a column the table already has fails the same way.
    if (const TableInfo* table = context.catalog().table(qualified_name(relation))) {
      for (const ColumnInfo& column : table->columns) seen.known(column.name);
    }
    for_each_table_command(statement, [&](const JsonNode& cmd) {
      // IF NOT EXISTS turns a repeated ADD into a notice.
      if (cmd["subtype"].raw() != "AT_AddColumn" || cmd["missing_ok"].boolean()) return;
      seen.add(cmd["def"].body()["colname"].str(), cmd["def"].body());
    });
  } else if (statement.type == "InsertStmt") {
    Seen seen(context, statement, "in the INSERT column list");
    for (const JsonNode& target : statement.body["cols"]) {
      if (!target.body()["indirection"]) seen.add(target.body()["name"].str(), target.body());
    }
  } else if (statement.type == "UpdateStmt") {
    Seen seen(context, statement, "in the SET list");
    for (const JsonNode& target : statement.body["targetList"]) {
      if (!target.body()["indirection"]) seen.add(target.body()["name"].str(), target.body());
    }
  }
}

}  // namespace

const Rule kDuplicateColumnAssignmentRule{
    .id = "duplicate-column-assignment",
    .severity = Severity::error,
    .summary = "The same column is defined or assigned twice in one statement",
    .lock = "",
    .rationale =
        "CREATE TABLE with a column listed twice, ADD COLUMN of a column that exists, INSERT "
        "naming a column twice, or UPDATE setting it twice are all errors in PostgreSQL "
        "(column specified more than once; multiple assignments to same column). The migration "
        "fails when it reaches the statement, usually a copy-paste slip.",
    .safe_alternative = "Remove or rename the repeated column.",
    .check = check,
};

}  // namespace migcheck
