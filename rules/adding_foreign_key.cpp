#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  for_each_added_constraint(statement, [&](const JsonNode& constraint, const std::string& column) {
    if (constraint["contype"].raw() != "CONSTR_FOREIGN" ||
        constraint["skip_validation"].boolean()) {
      return;
    }
    std::string name = constraint["conname"].str();
    std::string what = !column.empty()
                           ? "Adding column " + quoted_column(relation, column) + " with REFERENCES"
                       : name.empty() ? "Adding a foreign key"
                                      : "Adding foreign key `" + name + "`";
    context.report(node_span(context, statement, constraint),
                   what + " on " + quoted_table(relation) + " to " +
                       quoted_table(constraint["pktable"]) +
                       " validates every existing row while holding SHARE ROW EXCLUSIVE on both "
                       "tables, blocking their writes.");
  });
}

}  // namespace

const Rule kAddingForeignKeyRule{
    .id = "adding-foreign-key",
    .severity = Severity::error,
    .summary = "A foreign key is added to an existing table without NOT VALID",
    .lock =
        "SHARE ROW EXCLUSIVE on both tables during validation (ACCESS EXCLUSIVE on the table when "
        "the key comes with a new column): blocks their writes",
    .rationale =
        "Adding a foreign key makes PostgreSQL check every existing row against the referenced "
        "table, and both tables stay locked against INSERT, UPDATE and DELETE until the check "
        "finishes: minutes on a large table. An inline REFERENCES on an added column does the "
        "same.",
    .safe_alternative =
        "1. Index t (x) first, with CREATE INDEX CONCURRENTLY in a migration of its own (see "
        "foreign-key-without-index).\n"
        "2. ALTER TABLE t ADD CONSTRAINT t_x_fkey FOREIGN KEY (x) REFERENCES p (id) NOT VALID; "
        "(instant; new writes are checked).\n"
        "3. In a later transaction: ALTER TABLE t VALIDATE CONSTRAINT t_x_fkey; (SHARE UPDATE "
        "EXCLUSIVE on t, ROW SHARE on p: reads and writes go on).\n"
        "4. For a new column: add the column first, then the constraint as above.",
    .check = check,
};

}  // namespace migcheck
