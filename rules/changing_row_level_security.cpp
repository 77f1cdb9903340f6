#include <string_view>

#include "rules/rules.h"
#include "rules/table_command_support.h"

namespace migcheck {

namespace {

// The ALTER TABLE forms that switch row-level security, as written.
struct SecurityForm {
  std::string_view subtype;
  std::string_view form;
  std::string_view first_word;
};
constexpr SecurityForm kSecurityForms[] = {
    {"AT_EnableRowSecurity", "ENABLE ROW LEVEL SECURITY", "enable"},
    {"AT_DisableRowSecurity", "DISABLE ROW LEVEL SECURITY", "disable"},
    {"AT_ForceRowSecurity", "FORCE ROW LEVEL SECURITY", "force"},
    {"AT_NoForceRowSecurity", "NO FORCE ROW LEVEL SECURITY", "no"},
};

void check(const Statement& statement, RuleContext& context) {
  if (statement.type == "CreatePolicyStmt" || statement.type == "AlterPolicyStmt") {
    const JsonNode& table = statement.body["table"];
    if (!is_pre_existing(context, table)) return;
    bool create = statement.type == "CreatePolicyStmt";
    context.report(context.clause(statement, {create ? "create" : "alter", "policy"}),
                   std::string(create ? "Creating" : "Altering") + " policy `" +
                       statement.body["policy_name"].str() + "` on " + quoted_table(table) +
                       " changes which rows each role reads and writes as soon as it commits.");
    return;
  }
  for_each_command_on_existing_table(statement, context, [&](const JsonNode& cmd) {
    std::string_view subtype = cmd["subtype"].raw();
    for (const SecurityForm& form : kSecurityForms) {
      if (form.subtype != subtype) continue;
      context.report(context.clause(statement, {form.first_word}),
                     std::string(form.form) + " on " + quoted_table(statement.body["relation"]) +
                         " changes which rows every role (or, with FORCE, the owner) can see "
                         "and change; with no policy, enabling it hides every row.");
    }
  });
}

}  // namespace

const Rule kChangingRowLevelSecurityRule{
    .id = "changing-row-level-security",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "Row-level security or a policy changes on an existing table",
    .lock = "ACCESS EXCLUSIVE on the table (brief, but it waits in the lock queue)",
    .rationale =
        "Enabling row-level security on a table with no policy makes every row invisible to "
        "roles other than the owner; a new or altered policy changes query results without any "
        "error. These are access-control changes that take effect for the running release the "
        "moment they commit. Off by default: for teams that review access changes.",
    .safe_alternative =
        "1. Create the policies before enabling row-level security, in the same transaction.\n"
        "2. Test the policies as the application's role, not the owner (the owner bypasses "
        "them unless FORCE is set).\n"
        "3. Mark the statements -- migcheck:ignore changing-row-level-security once reviewed.",
    .check = check,
};

}  // namespace migcheck
