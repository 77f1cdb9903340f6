#include <string_view>

#include "linter/statement_options.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// ALTER TABLE forms that copy the table into new files: the form as
// written, and the word after SET that locates it.
struct RewritingForm {
  std::string_view subtype;
  std::string_view form;
  std::string_view keyword;
};
constexpr RewritingForm kRewritingForms[] = {
    {"AT_SetTableSpace", "SET TABLESPACE", "tablespace"},
    {"AT_SetLogged", "SET LOGGED", "logged"},
    {"AT_SetUnLogged", "SET UNLOGGED", "unlogged"},
    {"AT_SetAccessMethod", "SET ACCESS METHOD", "access"},
};

void report(RuleContext& context, Span span, const std::string& what, const std::string& table) {
  context.report(
      span, what + " rewrites " + table + " completely while holding an ACCESS EXCLUSIVE lock.");
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "VacuumStmt" && option_enabled(statement.body["options"], "full") &&
      statement.body["is_vacuumcmd"].boolean()) {
    const JsonNode& rels = statement.body["rels"];
    if (rels.size() == 0) {
      report(context, context.first_line(statement), "VACUUM FULL", "every table of the database");
    }
    for (const JsonNode& rel : rels) {
      const JsonNode& relation = rel.body()["relation"];
      if (is_pre_existing(context, relation)) {
        report(context, context.first_line(statement), "VACUUM FULL", quoted_table(relation));
      }
    }
  } else if (statement.type == "ClusterStmt") {
    const JsonNode& relation = statement.body["relation"];
    if (!relation) {
      report(context, context.first_line(statement), "CLUSTER", "every previously clustered table");
    } else if (is_pre_existing(context, relation)) {
      report(context, context.first_line(statement), "CLUSTER", quoted_table(relation));
    }
  } else if (statement.type == "AlterTableStmt" &&
             is_pre_existing(context, statement.body["relation"])) {
    // A partitioned table has no storage of its own: PostgreSQL rewrites
    // nothing (seen by tests/rules/lock_claims_observed_test.cpp).
    const TableInfo* table = context.table_of(statement.body["relation"]);
    if (table && table->partitioned) return;
    for (const JsonNode& cmd : statement.body["cmds"]) {
      std::string_view subtype = cmd.body()["subtype"].raw();
      for (const RewritingForm& form : kRewritingForms) {
        if (form.subtype != subtype) continue;
        report(context, context.clause(statement, {"set", form.keyword}), std::string(form.form),
               quoted_table(statement.body["relation"]));
      }
    }
  }
}

}  // namespace

const Rule kRewritingTableRule{
    .id = "rewriting-table",
    .severity = Severity::error,
    .summary = "VACUUM FULL, CLUSTER or ALTER TABLE ... SET rewrites a whole existing table",
    .lock = "ACCESS EXCLUSIVE for the whole rewrite: blocks reads and writes",
    .rationale =
        "VACUUM FULL, CLUSTER, ALTER TABLE ... SET TABLESPACE, SET LOGGED, SET UNLOGGED and SET "
        "ACCESS METHOD copy every row into new files and rebuild every index, with the table "
        "unreadable and unwritable throughout; they also need free disk space for a second "
        "copy of the table.",
    .safe_alternative =
        "1. Run such maintenance outside deploys, in a window, not in a migration.\n"
        "2. To reclaim space online use pg_repack or pg_squeeze; plain VACUUM (no FULL) does "
        "not block.\n"
        "3. To move or re-log a large table, create a new one, copy in batches with a trigger "
        "for live changes, then in one transaction drop the trigger and swap the names (mark "
        "the copy's rename -- migcheck:ignore renaming-table: only the migration used its "
        "name).",
    .check = check,
};

}  // namespace migcheck
