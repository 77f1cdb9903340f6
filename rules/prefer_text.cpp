#include "linter/type_name.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_column_type(
      context, statement, [&](const std::string& column, const JsonNode& type, auto&& clause) {
        if (type_base_name(type) != "varchar" || type["typmods"].size() == 0) return;
        context.report(clause(),
                       "Column `" + column + "` is " + type_name_text(type) +
                           "; prefer text (with a CHECK on length() if a limit is needed).");
      });
}

}  // namespace

const Rule kPreferTextRule{
    .id = "prefer-text",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "varchar(n) is used instead of text",
    .lock = "",
    .rationale =
        "In PostgreSQL varchar(n) is text with a length check and no speed benefit. The limit "
        "is usually arbitrary, and lowering it later rewrites the table; a CHECK (length(col) "
        "<= n) can be changed with NOT VALID and VALIDATE instead. Off by default: raising a "
        "varchar limit is cheap, so many teams accept varchar(n).",
    .safe_alternative = "Use text, plus CHECK (length(col) <= n) when a limit matters.",
    .check = check,
};

}  // namespace migcheck
