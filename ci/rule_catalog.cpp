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

RuleKind rule_kind(const Rule& rule) {
  auto holds = [&rule](const std::vector<const Rule*>& list) {
    return std::find(list.begin(), list.end(), &rule) != list.end();
  };
  if (holds(project_rules())) return RuleKind::project;
  if (holds(round_trip_rules())) return RuleKind::round_trip;
  return RuleKind::lint;
}

namespace {
struct KindNames {
  std::string_view word, noun;
};
// Indexed by RuleKind.
constexpr KindNames kKindNames[] = {
    {"lint", "lint rule"}, {"project", "project check"}, {"roundtrip", "round-trip check"}};
}  // namespace

std::string_view to_string(RuleKind kind) {
  return kKindNames[static_cast<size_t>(kind)].word;
}

std::string_view kind_noun(RuleKind kind) {
  return kKindNames[static_cast<size_t>(kind)].noun;
}

size_t count_rules(RuleKind kind) {
  return std::count_if(known_rules().begin(), known_rules().end(),
                       [kind](const Rule* rule) { return rule_kind(*rule) == kind; });
}

}  // namespace migcheck
