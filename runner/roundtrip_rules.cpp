#include "runner/roundtrip_rules.h"

namespace migcheck {

const Rule kRoundTripMismatch{
    .id = "roundtrip-mismatch",
    .severity = Severity::error,
    .summary = "A downgrade does not undo its upgrade",
    .rationale =
        "After upgrade → downgrade the schema differs from the one before the upgrade, or a "
        "second upgrade gives another schema than the first: rolling back a deploy leaves the "
        "database in a state no revision describes, and the next deploy runs against it.",
    .safe_alternative =
        "Make downgrade() undo exactly what upgrade() does (drop what it creates, restore what "
        "it drops with the same type, default, nullability and name), so that rolling back "
        "returns the schema to the previous revision and upgrading again works.",
};

const Rule kUpgradeFailed{
    .id = "upgrade-failed",
    .severity = Severity::error,
    .summary = "An upgrade fails on PostgreSQL",
    .rationale =
        "The migration does not run on a database at its parent revision (or, after its own "
        "downgrade, it does not run again): the deploy would stop half way.",
    .safe_alternative =
        "Fix the failing statement, or what an earlier revision or the downgrade left behind "
        "for it; the message and SQLSTATE are PostgreSQL's own.",
};

const Rule kDowngradeFailed{
    .id = "downgrade-failed",
    .severity = Severity::error,
    .summary = "A downgrade fails on PostgreSQL",
    .rationale =
        "The rollback a bad deploy needs would stop with an error, when it is needed most.",
    .safe_alternative =
        "Fix the failing statement so downgrade() runs on the schema its upgrade() leaves; the "
        "message and SQLSTATE are PostgreSQL's own.",
};

const std::vector<const Rule*>& round_trip_rules() {
  static const std::vector<const Rule*> rules = {&kRoundTripMismatch, &kUpgradeFailed,
                                                 &kDowngradeFailed};
  return rules;
}

}  // namespace migcheck
