#pragma once
#include <cstdint>

#include <pqxx/connection_base>

#include "runner/seed_random.h"
#include "runner/seeder_catalog.h"

namespace migcheck {

// Fills a database's user tables with generated rows (issue 13), from the
// live catalog at the time: every table is topped up to `rows` rows, parents
// before children. The values come from a SplitMix64 stream started at
// `seed`, so a seed replays a run's rows exactly.
class Seeder {
 public:
  Seeder(pqxx::connection_base& connection, long rows, uint64_t seed)
      : connection_(connection), rows_(rows), random_(seed) {}

  // Tops every table up, in one transaction. A row PostgreSQL rejects (a
  // CHECK, a unique key, a partition that takes no such value) is made again
  // with other values, four times, then skipped. Returns how many rows went in.
  long top_up();

 private:
  pqxx::connection_base& connection_;
  long rows_;
  SeedRandom random_;
  uint64_t ordinal_ = 0;      // the last number given to a unique column
  SeedTypes built_in_types_;  // read on the first top-up
};

}  // namespace migcheck
