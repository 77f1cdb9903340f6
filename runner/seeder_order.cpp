#include "runner/seeder_order.h"

#include <map>
#include <string>

namespace migcheck {

InsertionOrder insertion_order(const std::vector<SeedTable>& tables) {
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < tables.size(); ++i) by_name[tables[i].name] = i;
  InsertionOrder order;
  // A table's self-references never wait: they are deferred or fail alone.
  for (size_t i = 0; i < tables.size(); ++i) {
    for (size_t k = 0; k < tables[i].foreign_keys.size(); ++k) {
      const SeedForeignKey& key = tables[i].foreign_keys[k];
      if (key.referenced == tables[i].name && key.nullable) order.deferred.insert({i, k});
    }
  }
  std::vector<char> placed(tables.size(), 0);
  // Whether key k of table i still waits for a table not yet placed.
  auto waits = [&](size_t i, size_t k) {
    const SeedForeignKey& key = tables[i].foreign_keys[k];
    auto referenced = by_name.find(key.referenced);
    return referenced != by_name.end() && referenced->second != i && !placed[referenced->second] &&
           !order.deferred.count({i, k});
  };
  auto ready = [&](size_t i) {
    for (size_t k = 0; k < tables[i].foreign_keys.size(); ++k) {
      if (waits(i, k)) return false;
    }
    return true;
  };
  while (order.tables.size() < tables.size()) {
    bool progressed = false;
    for (size_t i = 0; i < tables.size(); ++i) {
      if (placed[i] || !ready(i)) continue;
      placed[i] = 1;
      order.tables.push_back(i);
      progressed = true;
    }
    if (progressed) continue;
    // A cycle: defer the waiting nullable keys of the first table that has
    // only such keys waiting, else place the first unplaced table as it is.
    size_t breaking = tables.size();
    for (size_t i = 0; i < tables.size() && breaking == tables.size(); ++i) {
      if (placed[i]) continue;
      bool all_nullable = true;
      for (size_t k = 0; k < tables[i].foreign_keys.size(); ++k) {
        if (waits(i, k) && !tables[i].foreign_keys[k].nullable) all_nullable = false;
      }
      if (all_nullable) breaking = i;
    }
    if (breaking == tables.size()) {
      for (breaking = 0; placed[breaking]; ++breaking) {
      }
    } else {
      for (size_t k = 0; k < tables[breaking].foreign_keys.size(); ++k) {
        if (waits(breaking, k)) order.deferred.insert({breaking, k});
      }
    }
    placed[breaking] = 1;
    order.tables.push_back(breaking);
  }
  return order;
}

}  // namespace migcheck
