#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

bool is_full_vacuum(const JsonNode& vacuum) {
  for (const JsonNode& option : vacuum["options"]) {
    if (option.body()["defname"].str() == "full") return true;
  }
  return false;
}

// ALTER TABLE forms that copy the table into new files.
std::string rewriting_form(const std::string& subtype) {
  if (subtype == "AT_SetTableSpace") return "SET TABLESPACE";
  if (subtype == "AT_SetLogged") return "SET LOGGED";
  if (subtype == "AT_SetUnLogged") return "SET UNLOGGED";
  if (subtype == "AT_SetAccessMethod") return "SET ACCESS METHOD";
  return {};
}

void report(RuleContext& context, Span span, const std::string& what, const std::string& table) {
  context.report(
      span, what + " rewrites " + table + " completely while holding an ACCESS EXCLUSIVE lock.");
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "VacuumStmt" && is_full_vacuum(statement.body) &&
      statement.body["is_vacuumcmd"].boolean()) {
    const JsonNode& rels = statement.body["rels"];
    if (rels.size() == 0)
      report(context, context.first_line(statement), "VACUUM FULL", "every table of the database");
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
    for (const JsonNode& cmd : statement.body["cmds"]) {
      std::string form = rewriting_form(cmd.body()["subtype"].str());
      if (form.empty()) continue;
      size_t space = form.find(' ', 4);
      std::string second =
          form.substr(4, space == std::string::npos ? std::string::npos : space - 4);
      report(context, context.clause(statement, {"set", second}), form,
             quoted_table(statement.body["relation"]));
    }
  }
}

}  // namespace

const Rule kRewritingTableRule{
    .id = "rewriting-table",
    .severity = Severity::error,
    .summary =
        "A statement rewrites a whole existing table (VACUUM FULL, CLUSTER, SET TABLESPACE, "
        "SET LOGGED/UNLOGGED)",
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
        "for live changes, and swap names.",
    .check = check,
};

}  // namespace migcheck
