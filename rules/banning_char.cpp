#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_column_type(
      context, statement, [&](const std::string& column, const JsonNode& type, auto&& clause) {
        // char(n) / character(n) parse as bpchar; the one-byte internal "char" does not.
        if (last_name(type["names"]) != "bpchar") return;
        report_with_type_fix(context, statement, clause(),
                             "Column `" + column +
                                 "` is char(n), which pads values with spaces; prefer text or "
                                 "varchar.",
                             type, "text");
      });
}

}  // namespace

const Rule kBanningCharRule{
    .id = "banning-char",
    .severity = Severity::warning,
    .summary = "char(n) is used",
    .lock = "",
    .rationale =
        "char(n) pads every value with spaces to n characters, ignores trailing spaces in "
        "comparisons but not in every function (length, LIKE, concatenation), and is no faster "
        "than text. It is a frequent source of subtle bugs.",
    .safe_alternative = "Use text (with a CHECK on length() if the length is fixed).",
    .check = check,
};

}  // namespace migcheck
