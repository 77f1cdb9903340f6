#pragma once
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// The definitions of the round trip's findings, for `explain`, SARIF and the
// docs, as the lint rules have theirs.
extern const Rule kRoundTripMismatch;
extern const Rule kUpgradeFailed;
extern const Rule kDowngradeFailed;
extern const Rule kDowngradeNotChecked;
extern const Rule kSetupFailed;
extern const Rule kDataDependentFailure;
extern const Rule kDowngradeLosesData;
extern const Rule kUpgradeNotRepeatable;
extern const Rule kLintClaimContradicted;
// Found only by observing the first upgrade of each checked revision.
extern const Rule kTableRewritten;
extern const Rule kExclusiveLockHeld;
// Found only by running application-like queries during that upgrade (--load).
extern const Rule kBlocksApplicationQueries;
extern const Rule kWaitedForApplicationQueries;

const std::vector<const Rule*>& round_trip_rules();

}  // namespace migcheck
