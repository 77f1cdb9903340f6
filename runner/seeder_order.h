#pragma once
#include <set>
#include <utility>
#include <vector>

#include "runner/seeder_catalog.h"

namespace migcheck {

// The order rows go into `tables`: every table after the tables its foreign
// keys reference. A key that closes a cycle (a table referencing itself, or
// two referencing each other) is `deferred` when its columns may be NULL: the
// first pass leaves it NULL and a second pass fills it in. A cycle through
// NOT NULL keys is broken at the first table by name; its rows then fail
// their key and are skipped.
struct InsertionOrder {
  std::vector<size_t> tables;                    // indexes into `tables`
  std::set<std::pair<size_t, size_t>> deferred;  // (table, foreign key) pairs
};

InsertionOrder insertion_order(const std::vector<SeedTable>& tables);

}  // namespace migcheck
