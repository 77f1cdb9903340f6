#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

bool is_serial(const std::string& type) {
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial2" ||
         type == "serial4" || type == "serial8";
}

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_AddColumn") return;
    const JsonNode& column_def = cmd["def"].body();
    std::string type = last_name(column_def["typeName"]["names"]);
    if (!is_serial(type)) return;
    std::string column = column_def["colname"].str();
    context.report(add_column_clause(context, statement, column),
                   "Adding " + type + " column " + quoted_column(relation, column) +
                       " fills every existing row from a sequence (nextval() is volatile), so the "
                       "whole table is rewritten under an ACCESS EXCLUSIVE lock.");
  });
}

}  // namespace

const Rule kAddingSerialColumnRule{
    .id = "adding-serial-column",
    .severity = Severity::error,
    .summary = "A serial column is added to an existing table",
    .lock = "ACCESS EXCLUSIVE for the whole rewrite: blocks reads and writes",
    .rationale =
        "A serial column is an integer with DEFAULT nextval('seq'). nextval() is volatile, so "
        "PostgreSQL cannot store one default for old rows: it rewrites the table, giving each "
        "row its own number, and rebuilds every index while reads and writes wait.",
    .safe_alternative =
        "1. Create the sequence, and add the column as a plain nullable bigint.\n"
        "2. ALTER COLUMN ... SET DEFAULT nextval('seq') (new rows only, instant) and ALTER "
        "SEQUENCE ... OWNED BY the column.\n"
        "3. Backfill existing rows in batches.\n"
        "4. Add NOT NULL and a unique index the safe ways (CHECK ... NOT VALID then VALIDATE; "
        "CREATE UNIQUE INDEX CONCURRENTLY).",
    .check = check,
};

}  // namespace migcheck
