#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterEnumStmt") return;
  std::string value = statement.body["newVal"].str();
  // RENAME VALUE has an old value; BEFORE or AFTER a neighbour.
  if (statement.body["oldVal"] || !statement.body["newValNeighbor"].str().empty()) return;
  context.report(context.clause(statement, {"add", "value"}),
                 "ADD VALUE '" + value + "' of enum `" +
                     display_list_name(statement.body["typeName"]) +
                     "` without BEFORE or AFTER puts it last, and enums sort in declaration "
                     "order: ORDER BY, <, >, min() and max() on the column then rank it after "
                     "every other value.");
}

}  // namespace

const Rule kAddingEnumValueWithoutPositionRule{
    .id = "adding-enum-value-without-position",
    .severity = Severity::info,
    .summary = "An enum value is added without BEFORE or AFTER, so it sorts last",
    .lock = "",
    .rationale =
        "An enum's values compare in the order they were declared, not alphabetically. A "
        "value appended to a status-like enum ('draft' < 'review' < 'published') sorts after "
        "everything, which silently changes ORDER BY results, range conditions and "
        "min()/max() over the column. The position cannot be changed later without "
        "recreating the type.",
    .safe_alternative =
        "1. Say where the value belongs: ALTER TYPE ... ADD VALUE 'x' BEFORE 'y' (or AFTER).\n"
        "2. If last is right, say so: AFTER the current last value.",
    .check = check,
};

}  // namespace migcheck
