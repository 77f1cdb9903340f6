#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "linter/lint_options.h"
#include "linter/rule.h"

namespace migcheck {

// What the command line says about linting; unset values fall back to the
// configuration file, then to defaults.
struct LintFlags {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::optional<std::string> fail_on;
  std::optional<int> pg_version;
  std::optional<bool> assume_in_transaction;
};

// The settings a lint run uses, after flags and configuration are merged.
struct LintSettings {
  LintOptions options;
  std::vector<const Rule*> rules;  // enabled rules
  std::map<std::string, Severity> severity_overrides;
  Severity fail_on = Severity::error;
};

// Merges flags over configuration over defaults. Throws InputError for an
// unknown rule id or a bad value.
LintSettings resolve_lint_settings(const LintFlags& flags);

// Applies per-rule severity overrides and drops findings of rules that are
// not enabled (checks outside the rule engine report every rule id).
void apply_settings_to_findings(const LintSettings& settings, std::vector<Finding>& findings);

}  // namespace migcheck
