#include <set>
#include <string>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// ALTER SEQUENCE options that change the values nextval hands out.
bool changes_values(const std::string& option) {
  static const std::set<std::string> kValueOptions = {"as",    "increment", "minvalue", "maxvalue",
                                                      "start", "restart",   "cycle",    "cache"};
  return kValueOptions.contains(option);
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterSeqStmt") return;
  const JsonNode& sequence = statement.body["sequence"];
  if (context.catalog().is_new_object("sequence", qualified_name(sequence))) return;
  for (const JsonNode& option : statement.body["options"]) {
    std::string name = option.body()["defname"].str();
    if (!changes_values(name)) continue;
    context.report(context.clause(statement, {"alter", "sequence"}),
                   "ALTER SEQUENCE " + quoted_table(sequence) +
                       " changes the values nextval returns (" + name +
                       "); RESTART or a lower bound can hand out ids that already exist, and "
                       "the statement blocks nextval, so inserts, while it waits and runs.");
    return;
  }
}

}  // namespace

const Rule kAlteringSequenceRule{
    .id = "altering-sequence",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A sequence's values, bounds or type are altered",
    .lock = "SHARE ROW EXCLUSIVE on the sequence: blocks nextval until the transaction ends",
    .rationale =
        "ALTER SEQUENCE ... RESTART, START, INCREMENT, MINVALUE, MAXVALUE, CYCLE or AS changes "
        "the ids every insert gets. Restarting below the highest id in use makes inserts fail "
        "with duplicate keys later, at an unpredictable moment; a smaller type or maximum makes "
        "nextval fail when reached. Off by default: for teams that review changes to id "
        "generation.",
    .safe_alternative =
        "1. Compute the new value from the data: SELECT setval('seq', (SELECT max(id) FROM t)) "
        "instead of a hard-coded RESTART.\n"
        "2. Keep the sequence bigint and its MAXVALUE at the type's limit.\n"
        "3. Mark a reviewed change -- migcheck:ignore altering-sequence.",
    .check = check,
};

}  // namespace migcheck
