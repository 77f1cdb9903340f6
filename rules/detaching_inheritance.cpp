#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_DropInherit") return;
    context.report(context.clause(statement, {"no", "inherit"}),
                   quoted_table(statement.body["relation"]) + " stops inheriting from `" +
                       display_name(cmd["def"]) +
                       "`: its rows vanish from every query on the parent at once.");
  });
}

}  // namespace

const Rule kDetachingInheritanceRule{
    .id = "detaching-inheritance",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A table stops inheriting from its parent (NO INHERIT)",
    .lock = "ACCESS EXCLUSIVE on the child table (brief: catalog-only change)",
    .rationale =
        "Queries on an inheritance parent read its children too. ALTER TABLE ... NO INHERIT "
        "removes the child's rows from those results as soon as it commits, and code that reads "
        "through the parent sees data disappear without an error. Off by default: for schemas "
        "built on table inheritance.",
    .safe_alternative =
        "1. Deploy code that reads the child directly (or no longer needs its rows).\n"
        "2. Detach in a later migration with a lock_timeout, and mark it -- migcheck:ignore "
        "detaching-inheritance once reviewed.",
    .check = check,
};

}  // namespace migcheck
