#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "linter/finding.h"
#include "migrations/migration_set.h"
#include "runner/load_run.h"
#include "runner/migration_applier.h"
#include "runner/roundtrip_data.h"
#include "runner/snapshot.h"
#include "runner/trace_recorder.h"

namespace migcheck {

struct RoundTripOptions {
  std::string from;  // --from: check from this revision on (the ones before run once)
  std::string to;    // --to: only this revision and those it needs, as `alembic upgrade REV`
  // When set (--since), only these revisions are checked. The others run
  // once: first, unless they need one of these (a parent or depends_on, at any
  // distance), in which case they run once in graph order after it.
  std::optional<std::set<std::string>> only;
  // When set (--seed-from), the database is at this revision already: it and
  // the revisions it needs are not run at all.
  std::string applied;
  // Told before each step: the revision (a batch's first to upgrade, or its
  // newest to downgrade), the step's name as findings give it ("upgrade",
  // "downgrade to the start"), and what it does in plain words ("checking
  // 1a2b: downgrading", "downgrading all 3 revisions, newest first, back to
  // the start (base)").
  std::function<void(const Revision& revision, std::string_view step, const std::string& doing)>
      progress;
  // The seeded rows and data checks, when the round trip runs with data.
  RoundTripData* data = nullptr;
  // When set, the first upgrade of each checked revision, and the only one of
  // a revision without a down migration, is traced through it
  // (runner/trace_recorder.h); the other steps are not.
  TraceRecorder* trace = nullptr;
  // With a trace: application-like load on the tables each traced upgrade
  // touches (--load), listening in front of the trace recorder.
  LoadRun* load = nullptr;
};

// The round trip over `set`'s revisions in graph order, starting from an
// empty database: for each revision r, upgrade to r and take S(r); downgrade,
// which must give back the snapshot from before r; upgrade again, which must
// give S(r). Then everything is downgraded (back to the starting snapshot) and
// upgraded once more (back to the head's). With `from` or `only`, the
// revisions not checked that can run first do so once, and "everything" at the
// end means what ran after them. A revision of a SQL layout with no down
// migration is upgraded once (a `downgrade-not-checked` note), and the end phase covers
// only the revisions after the last such one. Returns `roundtrip-mismatch`,
// `upgrade-failed` and `downgrade-failed` findings, and with `data` its
// findings about the rows; stops at the first failed step, after which the
// database's state is unknown.
std::vector<Finding> run_round_trip(const MigrationSet& set, MigrationApplier& applier,
                                    const std::function<Snapshot()>& snapshot,
                                    const RoundTripOptions& options);

}  // namespace migcheck
