#pragma once
#include <cstdint>
#include <map>
#include <string>

#include <pqxx/connection_base>

#include "linter/rule.h"
#include "runner/data_checksums.h"
#include "runner/roundtrip_data.h"
#include "runner/seeder.h"

namespace migcheck {

// The round trip with data (issue 13), on a session of its own: before each
// checked revision the tables are topped up with generated rows (none with
// rows = 0) and their data recorded; an upgrade that fails on the rows is
// tried again on emptied tables; after the downgrade the tables that existed
// before must hold the same data (downgrade-loses-data), and after the second
// upgrade the same data as after the first (upgrade-not-repeatable).
class SeededData : public RoundTripData {
 public:
  SeededData(pqxx::connection_base& connection, long rows, uint64_t seed)
      : connection_(connection),
        reader_(connection),
        seeder_(connection, rows, seed),
        rows_(rows),
        seed_(seed) {}

  void before_upgrade(const Revision& revision) override;
  std::optional<RowsAtFault> failed_with_rows(const Revision& revision, const StepFailure& failure,
                                              const std::function<bool()>& retry) override;
  void after_upgrade(const Revision& revision) override;
  std::vector<Finding> after_downgrade(const Revision& revision) override;
  std::vector<Finding> after_second_upgrade(const Revision& revision) override;

 private:
  Finding data_finding(const Rule& rule, const std::string& summary,
                       const std::vector<std::string>& differences) const;

  pqxx::connection_base& connection_;
  DataReader reader_;
  Seeder seeder_;
  long rows_;
  uint64_t seed_;
  DataChecksums before_;    // before the revision's upgrade
  DataChecksums upgraded_;  // after its first upgrade
};

}  // namespace migcheck
