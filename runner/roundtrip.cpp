#include "runner/roundtrip.h"

#include <functional>
#include <optional>
#include <stdexcept>

#include "linter/input_error.h"
#include "migrations/graph.h"
#include "runner/roundtrip_rules.h"
#include "runner/snapshot_diff.h"

namespace migcheck {
namespace {

// Resolves --from / --to: an exact id or a prefix of exactly one (as Alembic allows).
size_t position_of(const std::vector<std::string>& order, const std::string& wanted,
                   const char* option) {
  size_t found = order.size();
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == wanted) return i;
    if (order[i].rfind(wanted, 0) == 0) {
      if (found != order.size()) {
        throw InputError(std::string(option) + " " + wanted + ": more than one revision starts so");
      }
      found = i;
    }
  }
  if (found == order.size())
    throw InputError(std::string(option) + " " + wanted + ": no such revision");
  return found;
}

// Where a step's finding points when PostgreSQL's error names no statement:
// the first statement of the units that ran; for a direction with no SQL (an
// Alembic downgrade() that only says `pass`), its `def` line in the revision
// file; else the file's first line.
Location revision_location(const Revision& revision, const std::vector<SqlUnit>& units,
                           std::string_view function) {
  for (const SqlUnit& unit : units) {
    if (unit.map.file() != nullptr && !unit.sql.empty()) return unit.map.locate(0, 0);
  }
  for (const auto* direction : {&revision.up, &revision.down}) {
    for (const SqlUnit& unit : *direction) {
      const auto& file = unit.map.file();
      if (file == nullptr || file->path() != revision.file) continue;
      size_t at = file->text().find("def " + std::string(function) + "(");
      if (at == std::string::npos) continue;
      LineIndex::Position position = file->lines().position(at);
      return Location{revision.file, position.line, position.column, position.line,
                      position.column + 4 + static_cast<int>(function.size())};
    }
  }
  return Location{revision.file, 1, 1, 1, 1};
}

// "the 1 revision", "all 3 revisions": how many a batch step runs.
std::string count_of(size_t revisions) {
  return revisions == 1 ? "the 1 revision" : "all " + std::to_string(revisions) + " revisions";
}

class Driver {
 public:
  Driver(MigrationApplier& applier, const std::function<Snapshot()>& snapshot,
         const RoundTripOptions& options)
      : applier_(applier), snapshot_(snapshot), options_(options) {}

  // Each step says first what it does: `step` is its name in findings,
  // `doing` the same in plain words for progress reports.
  bool upgrade(const Revision& revision, std::string_view step, const std::string& doing) {
    if (options_.progress) options_.progress(revision, step, doing);
    auto failure = applier_.upgrade(revision);
    if (failure) report_failure(kUpgradeFailed, revision, step, *failure);
    return !failure;
  }

  // A checked revision's first upgrade. With data, the tables are seeded
  // first, and an upgrade that fails only because of the rows is a
  // data-dependent-failure, after which the round trip goes on from the
  // upgrade that passed on empty tables.
  bool upgrade_checked(const Revision& revision, const std::string& doing) {
    RoundTripData* data = options_.data;
    if (data == nullptr) return upgrade(revision, "upgrade", doing);
    data->before_upgrade(revision);
    if (options_.progress) options_.progress(revision, "upgrade", doing);
    auto failure = applier_.upgrade(revision);
    if (failure) {
      auto at_fault =
          data->failed_with_rows(revision, *failure, [&] { return !applier_.upgrade(revision); });
      if (!at_fault) {
        report_failure(kUpgradeFailed, revision, "upgrade", *failure);
        return false;
      }
      report_failure(kDataDependentFailure, revision, "upgrade", *failure, &*at_fault);
    }
    data->after_upgrade(revision);
    return true;
  }

  // The data findings of a checked revision, `after` its downgrade or its
  // second upgrade.
  void check_data(const Revision& revision, bool after_downgrade) {
    if (options_.data == nullptr) return;
    std::vector<Finding> found = after_downgrade ? options_.data->after_downgrade(revision)
                                                 : options_.data->after_second_upgrade(revision);
    for (Finding& finding : found) {
      finding.location = revision_location(revision, revision.down, "downgrade");
      finding.revision = revision.id;
      findings_.push_back(std::move(finding));
    }
  }

  // `step`, an upgrade of `revision`, told to the options' trace recorder
  // (and run under their load) when there is one.
  bool traced(const Revision& revision, const std::function<bool()>& step) {
    if (options_.trace == nullptr) return step();
    options_.trace->begin(revision);
    applier_.listen(options_.load ? &options_.load->begin(revision, *options_.trace)
                                  : options_.trace);
    bool upgraded = step();
    applier_.listen(nullptr);
    if (options_.load) options_.load->end();
    options_.trace->end();
    return upgraded;
  }

  bool traced_upgrade(const Revision& revision, const std::string& doing) {
    return traced(revision, [&] { return upgrade_checked(revision, doing); });
  }

  bool downgrade(const Revision& revision, std::string_view step, const std::string& doing) {
    if (options_.progress) options_.progress(revision, step, doing);
    auto failure = applier_.downgrade(revision);
    if (failure) report_failure(kDowngradeFailed, revision, step, *failure);
    return !failure;
  }

  bool upgrade_all(const std::vector<const Revision*>& revisions, std::string_view step,
                   const std::string& doing) {
    if (options_.progress) options_.progress(*revisions.front(), step, doing);
    auto failure = applier_.upgrade_all(revisions);
    if (failure) {
      report_failure(kUpgradeFailed, *failure->revision, step, failure->failure);
    }
    return !failure;
  }

  bool downgrade_all(const std::vector<const Revision*>& applied, std::string_view step,
                     const std::string& doing) {
    if (options_.progress) options_.progress(*applied.back(), step, doing);
    auto failure = applier_.downgrade_all(applied);
    if (failure) {
      report_failure(kDowngradeFailed, *failure->revision, step, failure->failure);
    }
    return !failure;
  }

  Snapshot take() { return snapshot_(); }

  void compare(const Revision& revision, const Snapshot& expected, std::string_view expected_label,
               const Snapshot& actual, std::string_view actual_label, const std::string& summary) {
    std::vector<std::string> differences =
        diff_snapshots(expected, expected_label, actual, actual_label);
    if (differences.empty()) return;
    Finding finding;
    finding.rule = kRoundTripMismatch.id;
    finding.severity = kRoundTripMismatch.severity;
    finding.message = summary + ": ";
    for (size_t i = 0; i < differences.size(); ++i) {
      finding.message += (i == 0 ? "" : "; ") + differences[i];
      finding.evidence.emplace_back("difference", differences[i]);
    }
    finding.help = HelpText::fixed(kRoundTripMismatch.safe_alternative);
    finding.location = revision_location(revision, revision.down, "downgrade");
    finding.revision = revision.id;
    findings_.push_back(std::move(finding));
  }

  // A revision without a down migration was upgraded once: say that its
  // downgrade, and the end phase before it, went unchecked.
  void note_not_downgraded(const Revision& revision) {
    Finding finding;
    finding.rule = kDowngradeNotChecked.id;
    finding.severity = kDowngradeNotChecked.severity;
    finding.message = "revision " + revision.id +
                      " has no down migration: it was upgraded once, and the round trip does "
                      "not downgrade past it";
    finding.help = HelpText::fixed(kDowngradeNotChecked.safe_alternative);
    finding.location = revision_location(revision, revision.down, "downgrade");
    finding.revision = revision.id;
    findings_.push_back(std::move(finding));
  }

  std::vector<Finding> take_findings() { return std::move(findings_); }

 private:
  // `rows`: the seeded rows a data-dependent-failure failed on.
  void report_failure(const Rule& rule, const Revision& revision, std::string_view step,
                      const StepFailure& failure, const RowsAtFault* rows = nullptr) {
    bool up = &rule != &kDowngradeFailed;
    Finding finding;
    finding.rule = rule.id;
    finding.severity = rule.severity;
    finding.message =
        std::string(step) + " of revision " + revision.id +
        (rows ? " fails on the seeded rows but passes on empty tables: " : " failed: ") +
        failure.message + (failure.sqlstate.empty() ? "" : " (SQLSTATE " + failure.sqlstate + ")") +
        (failure.detail.empty() ? "" : "; DETAIL: " + failure.detail);
    if (rows && !rows->rows.empty()) finding.message += "; rows: " + rows->rows;
    finding.help = HelpText::fixed(rule.safe_alternative);
    finding.location = failure.location.file.empty()
                           ? revision_location(revision, up ? revision.up : revision.down,
                                               up ? "upgrade" : "downgrade")
                           : failure.location;
    finding.revision = revision.id;
    if (!failure.sqlstate.empty()) finding.evidence.emplace_back("sqlstate", failure.sqlstate);
    if (!failure.detail.empty()) finding.evidence.emplace_back("detail", failure.detail);
    finding.evidence.emplace_back("step", std::string(step));
    if (rows)
      finding.evidence.insert(finding.evidence.end(), rows->evidence.begin(), rows->evidence.end());
    findings_.push_back(std::move(finding));
  }

  MigrationApplier& applier_;
  const std::function<Snapshot()>& snapshot_;
  const RoundTripOptions& options_;
  std::vector<Finding> findings_;
};

// Whether the migration tool has no way to downgrade `revision`: a SQL layout
// without its down file, section or undo migration. Alembic runs downgrade()
// whatever it holds (an empty one included), so there the round trip shows
// what a downgrade leaves behind.
bool cannot_downgrade(const MigrationSet& set, const Revision& revision) {
  return !revision.has_down && set.format != MigrationFormat::alembic;
}

// Which revisions the round trip runs, in graph order: `setup` once before
// anything is checked, then `tail`, where each checked revision goes up, down
// and up again and the others (those that need a checked one, and those with
// no down migration, which cannot be checked) go up once.
// `setup` keeps every parent and dependency of its revisions, so it runs in
// order from an empty database; `tail` keeps every revision that needs one of
// its own, so the end phase can downgrade it alone, newest first.
struct Plan {
  std::vector<const Revision*> setup;
  std::vector<const Revision*> tail;
  std::vector<bool> checked;  // for each of `tail`
};

// Which revisions `target` needs, itself included: its parents and
// depends_on, at any distance. What `alembic upgrade TARGET` runs.
std::vector<char> needed_by(const GraphIndex& graph, int target) {
  std::vector<char> needed(graph.size(), 0);
  std::vector<int> pending = {target};
  while (!pending.empty()) {
    int index = pending.back();
    pending.pop_back();
    if (needed[index]) continue;
    needed[index] = 1;
    for (const auto* edges : {&graph.parents(index), &graph.dependencies(index)}) {
      pending.insert(pending.end(), edges->begin(), edges->end());
    }
  }
  return needed;
}

Plan plan_round_trip(const MigrationSet& set, const RoundTripOptions& options) {
  const std::vector<std::string>& order = set.graph.order;
  size_t first = options.from.empty() ? 0 : position_of(order, options.from, "--from");
  size_t last = options.to.empty() ? order.size() : position_of(order, options.to, "--to") + 1;
  if (first >= last) {
    throw InputError("--from " + options.from + " comes after --to " + options.to);
  }
  GraphIndex graph(set);
  // With --to, only the revisions it needs: another head's branch that comes
  // earlier in graph order is not upgraded.
  std::vector<char> needed(set.revisions.size(), 1);
  if (!options.to.empty()) {
    int target = graph.find(order[last - 1]);
    if (target == GraphIndex::npos) throw std::logic_error("--to names unknown " + order[last - 1]);
    needed = needed_by(graph, target);
  }
  std::vector<char> done(set.revisions.size(), 0);
  if (!options.applied.empty()) {
    int applied = graph.find(options.applied);
    if (applied == GraphIndex::npos) {
      throw std::logic_error("the database is at unknown " + options.applied);
    }
    done = needed_by(graph, applied);
  }
  std::vector<char> in_tail(set.revisions.size(), 0);
  auto needs_tail = [&](int index) {
    for (const auto* edges : {&graph.parents(index), &graph.dependencies(index)}) {
      for (int other : *edges) {
        if (in_tail[other]) return true;
      }
    }
    return false;
  };
  Plan plan;
  for (size_t i = 0; i < last; ++i) {
    int index = graph.find(order[i]);
    if (index == GraphIndex::npos) {
      throw std::logic_error("graph order names unknown revision " + order[i]);
    }
    if (!needed[index] || done[index]) continue;
    const Revision& revision = graph.revision(index);
    bool wanted = i >= first && (!options.only || options.only->count(revision.id) != 0);
    bool checked = wanted && !cannot_downgrade(set, revision);
    if (wanted || (i >= first && needs_tail(index))) {
      in_tail[index] = 1;
      plan.tail.push_back(&revision);
      plan.checked.push_back(checked);
    } else {
      plan.setup.push_back(&revision);
    }
  }
  if (plan.tail.empty() && !options.applied.empty()) {
    throw InputError("the database is at revision " + options.applied +
                     " already: no revision after it to check");
  }
  if (plan.tail.empty()) {
    throw InputError("none of the revisions to check lies between --from " + options.from +
                     " and --to " + options.to);
  }
  return plan;
}

}  // namespace

std::vector<Finding> run_round_trip(const MigrationSet& set, MigrationApplier& applier,
                                    const std::function<Snapshot()>& snapshot,
                                    const RoundTripOptions& options) {
  const Plan plan = plan_round_trip(set, options);
  Driver driver(applier, snapshot, options);
  if (!plan.setup.empty() &&
      !driver.upgrade_all(plan.setup, "upgrade before the checked revisions",
                          "upgrading " + count_of(plan.setup.size()) +
                              " before the checked ones once, unchecked (up to " +
                              plan.setup.back()->id + ")")) {
    return driver.take_findings();
  }
  // The end phase downgrades and upgrades again the revisions after the last
  // one that has no down migration, back to the schema from before them.
  size_t end_first = 0;
  Snapshot end_start = driver.take();
  // The schema before the next revision; empty after one that is not checked
  // (nothing compares with it unless a checked one follows).
  std::optional<Snapshot> before = end_start;
  for (size_t i = 0; i < plan.tail.size(); ++i) {
    const Revision& revision = *plan.tail[i];
    const std::string checking = "checking " + revision.id + ": ";
    if (cannot_downgrade(set, revision)) {
      // Its only upgrade: traced, since nothing else shows what it runs.
      if (!driver.traced(revision, [&] {
            return driver.upgrade(revision, "upgrade once (no down migration)",
                                  "upgrading " + revision.id + " once: it has no down migration");
          })) {
        return driver.take_findings();
      }
      driver.note_not_downgraded(revision);
      end_start = driver.take();
      before = end_start;
      end_first = i + 1;
      continue;
    }
    if (!plan.checked[i]) {
      if (!driver.upgrade(revision, "upgrade once",
                          "upgrading " + revision.id +
                              " once, unchecked: it needs a revision that is checked")) {
        return driver.take_findings();
      }
      before.reset();
      continue;
    }
    if (!before) before = driver.take();
    if (!driver.traced_upgrade(revision,
                               checking + "upgrading (then downgrading and upgrading again)")) {
      return driver.take_findings();
    }
    Snapshot upgraded = driver.take();
    if (!driver.downgrade(revision, "downgrade", checking + "downgrading")) {
      return driver.take_findings();
    }
    driver.compare(revision, *before, "before the upgrade", driver.take(),
                   "after upgrade → downgrade",
                   "downgrade of " + revision.id + " does not restore the schema before it");
    driver.check_data(revision, true);
    if (!driver.upgrade(revision, "upgrade after downgrade", checking + "upgrading again")) {
      return driver.take_findings();
    }
    Snapshot again = driver.take();
    driver.compare(revision, upgraded, "after the first upgrade", again,
                   "after upgrade → downgrade → upgrade",
                   "upgrading " + revision.id + " again after its downgrade gives another schema");
    driver.check_data(revision, false);
    before = std::move(again);
  }
  if (end_first == plan.tail.size()) return driver.take_findings();
  const std::vector<const Revision*> reversible(plan.tail.begin() + end_first, plan.tail.end());
  const Snapshot head = before ? std::move(*before) : driver.take();
  // The start is an empty database unless revisions ran before these.
  const std::string start = end_first == 0 && plan.setup.empty() && options.applied.empty()
                                ? "base"
                                : "the schema before " + reversible.front()->id;
  if (!driver.downgrade_all(reversible, "downgrade to the start",
                            "downgrading " + count_of(reversible.size()) +
                                ", newest first, back to the start (" + start + ")")) {
    return driver.take_findings();
  }
  driver.compare(*reversible.front(), end_start, "before the first revision", driver.take(),
                 "after upgrading all and downgrading all",
                 "downgrading every revision does not restore the starting schema");
  if (!driver.upgrade_all(reversible, "upgrade to the end again",
                          "upgrading " + count_of(reversible.size()) + " again to the end (" +
                              reversible.back()->id + ")")) {
    return driver.take_findings();
  }
  driver.compare(*reversible.back(), head, "after the round trip of every revision", driver.take(),
                 "after downgrading all and upgrading all again",
                 "upgrading every revision again gives another schema");
  return driver.take_findings();
}

}  // namespace migcheck
