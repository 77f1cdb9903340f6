#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void report(RuleContext& context, Span span, const std::string& what) {
  context.report(span, what +
                           " rejects writes that were accepted until now: the running release "
                           "may still send them.");
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "IndexStmt" && statement.type != "AlterTableStmt") return;
  const JsonNode& relation = statement.body["relation"];
  if (statement.type == "IndexStmt" && statement.body["unique"].boolean()) {
    if (is_pre_existing(context, relation)) {
      report(context, context.clause(statement, {"create", "unique"}),
             "A unique index on " + quoted_table(relation));
    }
    return;
  }
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    std::string_view subtype = cmd["subtype"].raw();
    if (subtype == "AT_SetNotNull") {
      report(context, alter_column_clause(context, statement, cmd["name"].str()),
             "SET NOT NULL on " + quoted_column(relation, cmd["name"].str()));
    } else if (subtype == "AT_AddConstraint" &&
               cmd["def"].body()["contype"].raw() != "CONSTR_DEFAULT") {
      report(context, node_span(context, statement, cmd["def"].body()),
             "A new constraint on " + quoted_table(relation));
    }
  });
}

}  // namespace

const Rule kAddingWriteRestrictionRule{
    .id = "adding-write-restriction",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A constraint, NOT NULL or unique index restricts writes to an existing table",
    .lock = "depends on the form (see the rules about each constraint's lock)",
    .rationale =
        "A CHECK, NOT NULL, UNIQUE, FOREIGN KEY or EXCLUDE constraint added while the previous "
        "release still runs turns some of its writes into errors: an insert that leaves the "
        "column NULL, a duplicate it never guarded against, a value outside the new check. "
        "NOT VALID only spares existing rows; new writes are checked at once. Off by default: "
        "for teams with strict compatibility policies.",
    .safe_alternative =
        "1. Deploy code that never writes what the constraint will reject.\n"
        "2. Add the constraint in a later migration (NOT VALID, then VALIDATE), and mark it "
        "-- migcheck:ignore adding-write-restriction once reviewed.",
    .check = check,
};

}  // namespace migcheck
