#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// Every finding id migcheck reports, sorted by id: the statement rules
// (rules/), the project and revision-graph checks (migrations/) and the round
// trip's (runner/). This is what `migcheck rules`, `explain`, the docs and the
// configuration know; the linter itself runs only the statement rules.
const std::vector<const Rule*>& known_rules();
// The definition with this id, or nullptr.
const Rule* find_known_rule(std::string_view id);

// Which part of migcheck reports a finding id, for readers of the listing who
// select or configure one: a lint rule fires on `migcheck lint` alone, the
// others need a project or a PostgreSQL.
enum class RuleKind {
  lint,        // a statement rule: the linter runs it on each statement
  project,     // reading a migration project and its revision graph
  round_trip,  // upgrading and downgrading on a throwaway PostgreSQL
};
RuleKind rule_kind(const Rule& rule);
// "lint", "project", "roundtrip": one word, for the listing's column.
std::string_view to_string(RuleKind kind);
// "lint rule", "project check", "round-trip check".
std::string_view kind_noun(RuleKind kind);
// How many known rules are of this kind.
size_t count_rules(RuleKind kind);

}  // namespace migcheck
