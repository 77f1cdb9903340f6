#include "linter/type_name.h"
#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  for_each_column_type(
      context, statement, [&](const std::string& column, const JsonNode& type, auto&& clause) {
        if (type_base_name(type) != "json") return;
        report_with_type_fix(context, statement, clause(),
                             "Column `" + column + "` is json; prefer jsonb.", type, "jsonb");
      });
}

}  // namespace

const Rule kPreferJsonbRule{
    .id = "prefer-jsonb",
    .severity = Severity::warning,
    .summary = "json is used instead of jsonb",
    .lock = "",
    .rationale =
        "json stores the input text verbatim and reparses it on every access; it has no "
        "equality operator (so no DISTINCT, GROUP BY or UNIQUE on it) and no GIN indexing. "
        "jsonb is parsed once, compares, and indexes. Converting later rewrites the table.",
    .safe_alternative = "Use jsonb, unless key order and duplicate keys must be kept verbatim.",
    .check = check,
};

}  // namespace migcheck
