#include <functional>
#include <set>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Reports the second mention of each name, and an added column the table
// already has; `what` says where it was written.
class Seen {
 public:
  Seen(RuleContext& context, const Statement& statement, std::function<std::string()> what,
       const TableInfo* existing = nullptr)
      : context_(context), statement_(statement), what_(std::move(what)), existing_(existing) {}
  void add(const std::string& name, const JsonNode& node) {
    bool repeated = !names_.insert(name).second || (existing_ && existing_->column(name));
    if (!repeated) return;
    context_.report(node_span(context_, statement_, node),
                    "Column `" + name + "` appears twice " + what_() +
                        ": PostgreSQL rejects the statement and the migration fails.");
  }

 private:
  RuleContext& context_;
  const Statement& statement_;
  // Worked out only for a finding: most statements repeat nothing.
  std::function<std::string()> what_;
  const TableInfo* existing_;
  std::set<std::string> names_;
};

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "CreateStmt") {
    Seen seen(context, statement,
              [&] { return "in the columns of " + quoted_table(statement.body["relation"]); });
    for_each_new_column(statement, [&](const JsonNode& column_def) {
      seen.add(column_def["colname"].str(), column_def);
    });
  } else if (statement.type == "AlterTableStmt") {
    const JsonNode& relation = statement.body["relation"];
    // ADD COLUMN of a column the table already has fails the same way.
    Seen seen(
        context, statement, [&] { return "in the columns of " + quoted_table(relation); },
        context.table_of(relation));
    for_each_table_command(statement, [&](const JsonNode& cmd) {
      // IF NOT EXISTS turns a repeated ADD into a notice.
      if (cmd["subtype"].raw() != "AT_AddColumn" || cmd["missing_ok"].boolean()) return;
      seen.add(cmd["def"].body()["colname"].str(), cmd["def"].body());
    });
  } else if (statement.type == "InsertStmt") {
    Seen seen(context, statement, [] { return "in the INSERT column list"; });
    for (const JsonNode& target : statement.body["cols"]) {
      if (!target.body()["indirection"]) seen.add(target.body()["name"].str(), target.body());
    }
  } else if (statement.type == "UpdateStmt") {
    Seen seen(context, statement, [] { return "in the SET list"; });
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
