#include "ci/rule_catalog.h"

#include <algorithm>

#include "migrations/project_rules.h"
#include "rules/registry.h"
#include "runner/roundtrip_rules.h"

namespace migcheck {

const std::vector<const Rule*>& known_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> list = all_rules();
    for (const auto* more : {&project_rules(), &round_trip_rules()}) {
      list.insert(list.end(), more->begin(), more->end());
    }
    std::sort(list.begin(), list.end(), [](const Rule* a, const Rule* b) { return a->id < b->id; });
    return list;
  }();
  return rules;
}

const Rule* find_known_rule(std::string_view id) {
  auto found =
      std::lower_bound(known_rules().begin(), known_rules().end(), id,
                       [](const Rule* rule, std::string_view key) { return rule->id < key; });
  return found != known_rules().end() && (*found)->id == id ? *found : nullptr;
}

}  // namespace migcheck
