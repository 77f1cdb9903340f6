#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  const JsonNode& relation = statement.body["relation"];
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_ValidateConstraint") return;
    std::string name = cmd["name"].str();
    if (!context.session().not_valid_constraints.count(qualified_name(relation) + "." + name)) {
      return;
    }
    context.report(context.clause(statement, {"validate", "constraint", name}),
                   "Constraint `" + name +
                       "` was added NOT VALID in this same transaction: "
                       "validating it now scans the table while the ACCESS EXCLUSIVE lock from the "
                       "ADD is still held, which is what NOT VALID was meant to avoid.");
  });
}

}  // namespace

const Rule kValidatingInSameTransactionRule{
    .id = "validating-in-same-transaction",
    .severity = Severity::error,
    .summary = "A NOT VALID constraint is validated in the transaction that added it",
    .lock = "ACCESS EXCLUSIVE (from the ADD) held through the validation scan",
    .rationale =
        "ADD CONSTRAINT ... NOT VALID takes a brief ACCESS EXCLUSIVE lock, and VALIDATE scans "
        "under a weak one; but locks last until the transaction ends, so doing both in one "
        "transaction scans the whole table with reads and writes blocked.",
    .safe_alternative =
        "1. Add the constraint NOT VALID and commit.\n"
        "2. VALIDATE CONSTRAINT in the next migration (or after a COMMIT, in a migration run "
        "without the tool's transaction). Alembic runs all the revisions of one upgrade in a "
        "single transaction unless env.py passes transaction_per_migration=True to "
        "context.configure().",
    .check = check,
};

}  // namespace migcheck
