#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Reported at `span`; the fix puts `guard` right after the keywords `after`
// (where PostgreSQL's grammar has it) when they were found.
void report(RuleContext& context, Span span, const std::string& what, const std::string& guard,
            std::optional<Span> after) {
  std::string message = what + " without " + guard +
                        " fails if the migration is re-run after a partial failure; it runs "
                        "outside a transaction, so nothing was rolled back.";
  if (!after) return context.report(span, std::move(message));
  context.report(span, std::move(message),
                 SqlFix{"Add " + guard, false, false, {{{after->end, after->end}, " " + guard}}});
}

// The keywords a DROP's IF EXISTS follows, by the kind of object dropped.
std::optional<Span> drop_keywords(RuleContext& context, const Statement& statement,
                                  const std::string& kind) {
  if (kind == "OBJECT_TABLE") return context.find_words(statement, {"drop", "table"});
  if (kind == "OBJECT_VIEW") return context.find_words(statement, {"drop", "view"});
  if (kind == "OBJECT_MATVIEW") {
    return context.find_words(statement, {"drop", "materialized", "view"});
  }
  if (kind == "OBJECT_SEQUENCE") return context.find_words(statement, {"drop", "sequence"});
  if (statement.body["concurrent"].boolean()) {
    return context.find_words(statement, {"drop", "index", "concurrently"});
  }
  return context.find_words(statement, {"drop", "index"});
}

// PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS: the re-runnable form drops
// the constraint with DROP CONSTRAINT IF EXISTS first, in the same unit.
void check_add_constraint(const Statement& statement, const JsonNode& constraint,
                          RuleContext& context) {
  std::string table = qualified_name(statement.body["relation"]);
  // PostgreSQL picks a free name for an unnamed one, so a re-run adds a second
  // copy (a second primary key fails, as a named constraint does).
  if (constraint["conname"].str().empty() && constraint["contype"].str() != "CONSTR_PRIMARY") {
    context.report(first_clause(context, statement, {{"add"}}),
                   "ADD of an unnamed constraint adds a second copy of it if the migration is "
                   "re-run after a partial failure (PostgreSQL names the copy with a suffix); "
                   "name it and drop it first with DROP CONSTRAINT IF EXISTS.");
    return;
  }
  std::string name = constraint_name(table, constraint, "");
  if (context.session().constraints_dropped_if_exists.count(table + "." + name)) return;
  context.report(first_clause(context, statement, {{"add", "constraint"}, {"add"}}),
                 "ADD CONSTRAINT " + name +
                     " fails if the migration is re-run after a partial failure; it runs outside "
                     "a transaction, so nothing was rolled back. PostgreSQL has no IF NOT EXISTS "
                     "for constraints: drop it first with DROP CONSTRAINT IF EXISTS.");
}

void check(const Statement& statement, RuleContext& context) {
  if (context.session().in_transaction()) return;
  const JsonNode& body = statement.body;
  // A temporary table dropped at the end of its own transaction never
  // outlives a failure. (PostgreSQL refuses ON COMMIT on other tables.)
  bool dropped_on_commit =
      body["oncommit"].raw() == "ONCOMMIT_DROP" && body["relation"]["relpersistence"].raw() == "t";
  if (statement.type == "CreateStmt" && !body["if_not_exists"].boolean() && !dropped_on_commit) {
    report(context, context.clause(statement, {"create"}), "CREATE TABLE", "IF NOT EXISTS",
           context.find_words(statement, {"table"}));
  } else if (statement.type == "IndexStmt" && !body["if_not_exists"].boolean()) {
    if (body["idxname"].str().empty()) {
      // PostgreSQL picks a free name, so a re-run does not fail: it builds a
      // duplicate (IF NOT EXISTS needs the index's name).
      context.report(context.clause(statement, {"create"}),
                     "CREATE INDEX without a name builds a second copy of the index if the "
                     "migration is re-run after a partial failure (next to the INVALID one a "
                     "failed CONCURRENTLY build leaves); name it and add IF NOT EXISTS.");
      return;
    }
    std::optional<Span> after = body["concurrent"].boolean()
                                    ? context.find_words(statement, {"index", "concurrently"})
                                    : context.find_words(statement, {"index"});
    report(context, context.clause(statement, {"create"}), "CREATE INDEX", "IF NOT EXISTS", after);
  } else if (statement.type == "DropStmt" && !body["missing_ok"].boolean()) {
    std::string kind = body["removeType"].str();
    if (kind == "OBJECT_TABLE" || kind == "OBJECT_INDEX" || kind == "OBJECT_VIEW" ||
        kind == "OBJECT_MATVIEW" || kind == "OBJECT_SEQUENCE") {
      report(context, context.clause(statement, {"drop"}), "DROP", "IF EXISTS",
             drop_keywords(context, statement, kind));
    }
  } else {
    // With several commands the keywords could belong to another one: no fix.
    bool single = body["cmds"].size() == 1;
    auto after = [&](std::initializer_list<std::string_view> words,
                     std::initializer_list<std::string_view> shorter) -> std::optional<Span> {
      if (!single) return std::nullopt;
      auto found = context.find_words(statement, words);
      return found ? found : context.find_words(statement, shorter);
    };
    for_each_table_command(statement, [&](const JsonNode& cmd) {
      std::string_view subtype = cmd["subtype"].raw();
      if (cmd["missing_ok"].boolean()) return;
      if (subtype == "AT_AddColumn") {
        report(context, add_column_clause(context, statement, cmd["def"].body()["colname"].str()),
               "ADD COLUMN", "IF NOT EXISTS", after({"add", "column"}, {"add"}));
      } else if (subtype == "AT_DropColumn") {
        report(context, first_clause(context, statement, {{"drop", "column"}, {"drop"}}),
               "DROP COLUMN", "IF EXISTS", after({"drop", "column"}, {"drop"}));
      } else if (subtype == "AT_AddConstraint") {
        check_add_constraint(statement, cmd["def"].body(), context);
      } else if (subtype == "AT_DropConstraint") {
        report(context, context.clause(statement, {"drop", "constraint"}), "DROP CONSTRAINT",
               "IF EXISTS", after({"drop", "constraint"}, {"drop", "constraint"}));
      }
    });
  }
}

}  // namespace

const Rule kPreferRobustStatementsRule{
    .id = "prefer-robust-statements",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A statement outside a transaction cannot be safely re-run",
    .lock = "",
    .rationale =
        "Migrations that run outside a transaction (needed for CREATE INDEX CONCURRENTLY and "
        "friends) are not rolled back when they fail halfway: the statements that ran stay "
        "done. Re-running the migration then fails on the first CREATE or DROP that already "
        "happened, and someone has to fix the database by hand. Off by default: inside a "
        "transaction the problem does not arise.",
    .safe_alternative =
        "Write statements that succeed when already applied: CREATE ... IF NOT EXISTS, DROP "
        "... IF EXISTS, ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS. ADD CONSTRAINT has "
        "no IF NOT EXISTS: run ALTER TABLE ... DROP CONSTRAINT IF EXISTS of the same name "
        "before it (for ADD CONSTRAINT ... USING INDEX, build that index with IF NOT EXISTS "
        "before the drop, since dropping the constraint drops the index it took over). For "
        "CREATE INDEX CONCURRENTLY, also drop an INVALID leftover index before retrying.",
    .check = check,
};

}  // namespace migcheck
