#include <algorithm>
#include <cctype>
#include <vector>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

bool has_option(const JsonNode& options, std::string_view name) {
  for (const JsonNode& option : options) {
    if (option.body()["defname"].str() == name) return true;
  }
  return false;
}

// ALTER COLUMN ... SET GENERATED ALWAYS (a DefElem "generated" of 'a').
bool sets_generated_always(const JsonNode& options) {
  for (const JsonNode& option : options) {
    const JsonNode& def = option.body();
    if (def["defname"].raw() == "generated" && def["arg"]["Integer"]["ival"].integer() == 'a') {
      return true;
    }
  }
  return false;
}

// The memory key of an identity column: "public.events.id".
std::string column_key(const std::string& qualified_table, const std::string& column) {
  return qualified_table + "." + column;
}

// The column of each setval(pg_get_serial_sequence('table', 'column'), ...)
// in a SELECT, as column_key spells it: the recipe that moves a new identity
// sequence past the ids a table holds.
void collect_setval_columns(const JsonNode& node, std::vector<std::string>& keys) {
  if (node.is_object()) {
    const JsonNode& call = node["FuncCall"];
    if (call && last_name(call["funcname"]) == "setval") {
      const JsonNode& target = call["args"].at(0).body();
      if (target["funcname"] && last_name(target["funcname"]) == "pg_get_serial_sequence") {
        std::string table = target["args"].at(0).body()["sval"]["sval"].str();
        std::string column = target["args"].at(1).body()["sval"]["sval"].str();
        size_t dot = table.find('.');
        std::string qualified = dot == std::string::npos
                                    ? qualified_name("", table)
                                    : qualified_name(table.substr(0, dot), table.substr(dot + 1));
        keys.push_back(column_key(qualified, column));
      }
    }
  }
  if (node.is_object() || node.is_array()) {
    for (const JsonNode& child : node) collect_setval_columns(child, keys);
  }
}

// Inserts that write the column fail once it is GENERATED ALWAYS, unless
// they say OVERRIDING SYSTEM VALUE.
constexpr std::string_view kAlwaysBreaks =
    "makes inserts that write the column fail (GENERATED ALWAYS) unless they say OVERRIDING "
    "SYSTEM VALUE.";

void check_command(const Statement& statement, RuleContext& context, const JsonNode& cmd) {
  std::string_view subtype = cmd["subtype"].raw();
  // Before anything else: locating the clause scans the statement's tokens,
  // and most ALTER TABLE commands are not about identity.
  if (subtype != "AT_DropIdentity" && subtype != "AT_SetIdentity" && subtype != "AT_AddIdentity") {
    return;
  }
  const JsonNode& relation = statement.body["relation"];
  std::string column = cmd["name"].str();
  std::string key = column_key(qualified_name(relation), column);
  if (subtype == "AT_SetIdentity" && has_option(cmd["def"]["List"]["items"], "restart")) {
    context.withdraw(key);  // RESTART [WITH n] moves the sequence on
  }
  if (!is_pre_existing(context, relation)) return;
  Span span = alter_column_clause(context, statement, column);
  std::string changing = "Changing the identity of " + quoted_column(relation, column) + " ";
  if (subtype == "AT_DropIdentity") {
    context.report(span, changing +
                             "makes inserts that leave the column out fail with a not-null "
                             "violation.");
  } else if (subtype == "AT_SetIdentity" && sets_generated_always(cmd["def"]["List"]["items"])) {
    context.report(span, changing + std::string(kAlwaysBreaks));
  } else if (subtype == "AT_AddIdentity") {
    const JsonNode& identity = cmd["def"].body();
    if (identity["generated_when"].raw() == "a") {
      context.report(span, changing + std::string(kAlwaysBreaks));
    }
    if (has_option(identity["options"], "start")) return;
    // Held back: a setval() or RESTART later in the transaction fixes it.
    context.defer(span,
                  changing +
                      "starts its new sequence at 1, so inserts collide with the ids the table "
                      "already has.",
                  key);
  }
}

// Cheap test before walking a SELECT's tree: most never call setval().
bool mentions_setval(std::string_view text) {
  constexpr std::string_view kWord = "setval";
  auto found =
      std::search(text.begin(), text.end(), kWord.begin(), kWord.end(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return found != text.end();
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "SelectStmt") {
    if (!mentions_setval(statement.text())) return;
    std::vector<std::string> keys;
    collect_setval_columns(statement.body, keys);
    for (const std::string& key : keys) context.withdraw(key);
    return;
  }
  for_each_table_command(statement,
                         [&](const JsonNode& cmd) { check_command(statement, context, cmd); });
}

}  // namespace

const Rule kAlteringIdentityRule{
    .id = "altering-identity",
    .severity = Severity::warning,
    .summary = "An identity column is added, dropped or made GENERATED ALWAYS on an existing table",
    .lock = "ACCESS EXCLUSIVE on the table (brief: no rewrite)",
    .rationale =
        "DROP IDENTITY leaves inserts that relied on generated ids without a value; SET "
        "GENERATED ALWAYS and ADD GENERATED ALWAYS make inserts that write the id fail; ADD "
        "GENERATED ... AS IDENTITY on a column that already holds ids starts a sequence at 1 "
        "unless told where to start (or moved on with setval() or RESTART later in the same "
        "transaction), so inserts fail on duplicate keys. SET GENERATED BY "
        "DEFAULT and sequence options break nothing and are not reported, nor tables created "
        "in the same migration.",
    .safe_alternative =
        "1. To add an identity to a column holding ids, give it a start past them: ADD "
        "GENERATED BY DEFAULT AS IDENTITY (START WITH <max(id) + margin>), with a lock_timeout.\n"
        "2. Deploy code that stops writing the column before making it GENERATED ALWAYS, and "
        "code that writes it before dropping the identity.\n"
        "3. Make the change in a later migration than the code change.",
    .check = check,
};

}  // namespace migcheck
