#include "runner/migration_applier.h"

namespace migcheck {

std::optional<MigrationApplier::BatchFailure> MigrationApplier::upgrade_all(
    const std::vector<const Revision*>& revisions) {
  for (const Revision* revision : revisions) {
    if (auto failure = upgrade(*revision)) return BatchFailure{revision, std::move(*failure)};
  }
  return std::nullopt;
}

std::optional<MigrationApplier::BatchFailure> MigrationApplier::downgrade_all(
    const std::vector<const Revision*>& applied) {
  for (auto revision = applied.rbegin(); revision != applied.rend(); ++revision) {
    if (auto failure = downgrade(**revision)) return BatchFailure{*revision, std::move(*failure)};
  }
  return std::nullopt;
}

}  // namespace migcheck
