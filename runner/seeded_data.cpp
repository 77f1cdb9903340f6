#include "runner/seeded_data.h"

#include <algorithm>

#include "runner/roundtrip_rules.h"
#include "runner/seeder_fault.h"

namespace migcheck {

void SeededData::before_upgrade(const Revision&) {
  // The seeder reads the catalog and counts every table's rows: it runs only
  // when the data read shows a table with fewer rows than wanted.
  // The last read was after the previous revision's second upgrade, usually
  // with nothing written since.
  before_ = reader_.read_if_written();
  bool short_of_rows = std::any_of(before_.begin(), before_.end(), [&](const auto& table) {
    return static_cast<long>(table.second.rows.size()) < rows_;
  });
  if (short_of_rows && seeder_.top_up() > 0) before_ = reader_.read();
}

std::optional<RowsAtFault> SeededData::failed_with_rows(const Revision&, const StepFailure& failure,
                                                        const std::function<bool()>& retry) {
  RowsBeforeFailure copies(connection_);
  if (!retry()) return std::nullopt;
  RowsAtFault found = copies.rows_at_fault(failure);
  found.evidence.emplace_back("seed", std::to_string(seed_));
  // The upgrade ran on empty tables: what it is compared with is empty too.
  before_ = reader_.read();
  for (auto& [table, data] : before_) {
    data.rows.clear();
    data.keys.clear();
  }
  return found;
}

void SeededData::after_upgrade(const Revision&) {
  upgraded_ = reader_.read();
}

Finding SeededData::data_finding(const Rule& rule, const std::string& summary,
                                 const std::vector<std::string>& differences) const {
  Finding finding;
  finding.rule = rule.id;
  finding.severity = rule.severity;
  finding.message = summary + ": ";
  for (size_t i = 0; i < differences.size(); ++i) {
    finding.message += (i == 0 ? "" : "; ") + differences[i];
    finding.evidence.emplace_back("difference", differences[i]);
  }
  finding.evidence.emplace_back("seed", std::to_string(seed_));
  finding.help = HelpText::fixed(rule.safe_alternative);
  return finding;
}

std::vector<Finding> SeededData::after_downgrade(const Revision& revision) {
  std::vector<std::string> differences = data_differences(before_, reader_.read(), false);
  if (differences.empty()) return {};
  return {data_finding(
      kDowngradeLosesData,
      "downgrade of " + revision.id + " does not give back the data from before its upgrade",
      differences)};
}

std::vector<Finding> SeededData::after_second_upgrade(const Revision& revision) {
  std::vector<std::string> differences = data_differences(upgraded_, reader_.read(), true);
  if (differences.empty()) return {};
  return {data_finding(kUpgradeNotRepeatable,
                       "upgrading " + revision.id +
                           " again after its downgrade gives other data than the first upgrade",
                       differences)};
}

}  // namespace migcheck
