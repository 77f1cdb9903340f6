#include "linter/type_name.h"
#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_column_type(
      context, statement, [&](const std::string& column, const JsonNode& type, auto&& clause) {
        if (type_base_name(type) != "timestamp") return;
        report_with_type_fix(
            context, statement, clause(),
            "Column `" + column + "` is timestamp without time zone; prefer timestamptz.", type,
            "timestamptz");
      });
}

}  // namespace

const Rule kPreferTimestamptzRule{
    .id = "prefer-timestamptz",
    .severity = Severity::warning,
    .summary = "timestamp (without time zone) is used instead of timestamptz",
    .lock = "",
    .rationale =
        "timestamp stores a wall-clock reading with no zone: values written by sessions or "
        "servers in different time zones (or around DST changes) cannot be compared, and "
        "converting the column later rewrites the table. timestamptz stores an absolute instant "
        "in the same 8 bytes and converts on output.",
    .safe_alternative = "Use timestamptz (timestamp with time zone) for points in time.",
    .check = check,
};

}  // namespace migcheck
