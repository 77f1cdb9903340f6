#include "rules/rules.h"
#include "rules/schema_object.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  report_dropped_objects(
      statement, context, {"OBJECT_VIEW", "OBJECT_MATVIEW"},
      "breaks every running application instance and report that still queries it.");
}

}  // namespace

const Rule kDroppingViewRule{
    .id = "dropping-view",
    .severity = Severity::error,
    .summary = "A view or materialized view is dropped while code may still query it",
    .lock = "ACCESS EXCLUSIVE on the view (and on every view CASCADE drops with it)",
    .rationale =
        "Queries from the application version still running during the deploy, and reports or "
        "dashboards reading the view, fail with 'relation does not exist'. With CASCADE, views "
        "built on it vanish too. Views created earlier in the same migration are not reported.",
    .safe_alternative =
        "1. Deploy code (and move reports) off the view.\n"
        "2. Drop it in a later migration, without CASCADE so a forgotten dependent view makes it "
        "fail instead of vanishing, and say so above the statement: -- migcheck:ignore "
        "dropping-view <release that stopped using it>.",
    .check = check,
};

}  // namespace migcheck
