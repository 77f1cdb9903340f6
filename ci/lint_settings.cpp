#include "ci/lint_settings.h"

#include <algorithm>
#include <set>

#include "linter/input_error.h"
#include "rules/registry.h"

namespace migcheck {

namespace {

const Rule& known_rule(const std::string& id, const char* flag) {
  const Rule* rule = find_rule(id);
  if (!rule) {
    throw InputError(std::string(flag) + ": unknown rule '" + id +
                     "' (migcheck rules lists them)");
  }
  return *rule;
}

}  // namespace

LintSettings resolve_lint_settings(const LintFlags& flags) {
  LintSettings settings;
  if (flags.pg_version) {
    if (*flags.pg_version < 9 || *flags.pg_version > 18) {
      throw InputError("--pg-version: " + std::to_string(*flags.pg_version) +
                       " is not a PostgreSQL major version migcheck knows (9 to 18)");
    }
    settings.options.pg_version = *flags.pg_version;
  }
  settings.options.assume_in_transaction = flags.assume_in_transaction;
  if (flags.fail_on && !parse_severity(*flags.fail_on, settings.fail_on)) {
    throw InputError("--fail-on: '" + *flags.fail_on + "' is not one of error, warning, info");
  }
  std::set<std::string_view> selected, ignored;
  for (const auto& id : flags.select) selected.insert(known_rule(id, "--select").id);
  for (const auto& id : flags.ignore) ignored.insert(known_rule(id, "--ignore").id);
  for (const Rule* rule : all_rules()) {
    bool on = selected.empty() ? rule->enabled_by_default : selected.count(rule->id) > 0;
    if (on && !ignored.count(rule->id)) settings.rules.push_back(rule);
  }
  return settings;
}

void apply_settings_to_findings(const LintSettings& settings, std::vector<Finding>& findings) {
  std::erase_if(findings, [&](const Finding& finding) {
    const Rule* rule = find_rule(finding.rule);
    // A finding whose id has no definition is an internal check's: keep it.
    return rule && std::find(settings.rules.begin(), settings.rules.end(), rule) ==
                       settings.rules.end();
  });
  for (Finding& finding : findings) {
    auto it = settings.severity_overrides.find(finding.rule);
    if (it != settings.severity_overrides.end()) finding.severity = it->second;
  }
}

}  // namespace migcheck
