#pragma once
#include <string_view>

#include "linter/finding.h"

namespace migcheck {

struct Statement;
class RuleContext;

// A check's definition: the text `migcheck explain`, SARIF metadata and
// docs/rules.md are generated from, and the functions that run it. Checks that
// are not per-statement (graph, round trip) have a definition with no `check`.
struct Rule {
  std::string_view id;  // kebab-case, stable forever
  Severity severity = Severity::error;
  bool enabled_by_default = true;
  std::string_view summary;           // one line
  std::string_view lock;              // the lock it is about; empty when none
  std::string_view rationale;         // why it hurts in production
  std::string_view safe_alternative;  // the step-by-step recipe (Finding::help)
  // Called for each statement with the schema and session state before it.
  void (*check)(const Statement&, RuleContext&) = nullptr;
  // Called once after a unit's last statement.
  void (*finish)(RuleContext&) = nullptr;
};

}  // namespace migcheck
