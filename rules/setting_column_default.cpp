#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    // DROP DEFAULT is the same subtype without a `def`: dropping-default's.
    if (cmd["subtype"].raw() != "AT_ColumnDefault" || !cmd["def"]) return;
    std::string column = cmd["name"].str();
    context.report(alter_column_clause(context, statement, column),
                   "Setting the default of " + quoted_column(statement.body["relation"], column) +
                       " changes what every INSERT that leaves the column out stores, the "
                       "running release's included; existing rows keep their values.");
  });
}

}  // namespace

const Rule kSettingColumnDefaultRule{
    .id = "setting-column-default",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A column's default is set or changed on an existing table",
    .lock = "ACCESS EXCLUSIVE (brief: catalog-only change)",
    .rationale =
        "ALTER COLUMN ... SET DEFAULT rewrites nothing, but it silently changes the data that "
        "code which omits the column writes, and it does not touch rows already there, so old "
        "and new rows can disagree. Off by default: for teams that review data semantics "
        "changes.",
    .safe_alternative =
        "1. Make sure both the running and the next release are correct with the new default "
        "(or write the column explicitly in code first).\n"
        "2. Set the default with a lock_timeout; backfill old rows in batches if they must "
        "match.\n"
        "3. Mark the statement -- migcheck:ignore setting-column-default once reviewed.",
    .check = check,
};

}  // namespace migcheck
