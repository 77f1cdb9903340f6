#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ci/config.h"
#include "linter/finding.h"
#include "linter/lint_options.h"
#include "linter/rule.h"

namespace migcheck {

// What the command line says about linting; unset values fall back to the
// configuration file, then to defaults.
struct LintFlags {
  std::vector<std::string> select;  // rule ids, or squawk's names for them
  std::vector<std::string> ignore;  // the same (--ignore, or squawk's --exclude)
  std::optional<std::string> fail_on;
  std::optional<std::string> pg_version;  // "15", or as squawk writes it: "15.0"
  std::optional<bool> assume_in_transaction;
  std::optional<std::string> config;  // --config FILE instead of discovery
};

// The settings a lint run uses, after flags and configuration are merged.
struct LintSettings {
  LintOptions options;
  // The rules the linter runs: those enabled for at least one path. Which of
  // their findings are kept in which file is enabled_for's answer.
  std::vector<const Rule*> rules;
  std::map<std::string, Severity> severity_overrides;
  Severity fail_on = Severity::error;
  bool include_downgrades = false;  // from the configuration; the flag also sets it
  std::optional<std::filesystem::path> config_file;  // the configuration used
  // The configuration's [roundtrip] setup files, absolute: run before the
  // round trip's first migration (roundtrip and pre-deploy-check).
  std::vector<std::filesystem::path> roundtrip_setup;
  std::optional<long> roundtrip_rows;  // [roundtrip] rows, when given
  bool roundtrip_load = false;         // [roundtrip] load

  // Whether a rule's findings count in `file` (as reported: relative to the
  // working directory, or absolute).
  bool enabled_for(const std::string& file, std::string_view rule) const;
  // Whether `file` matches the configuration's exclude globs.
  bool excluded(const std::string& file) const;

  // How the rule choice was made; filled by resolve_lint_settings.
  std::set<std::string, std::less<>> enabled;  // everywhere but in overrides
  std::set<std::string, std::less<>> ignored_by_flag;
  std::filesystem::path config_directory;
  std::vector<std::string> exclude;
  std::vector<PathOverride> overrides;  // without their select when --select chose

 private:
  std::vector<const PathOverride*> overrides_for(const std::string& file) const;
  bool enabled_under(const std::vector<const PathOverride*>& matching, std::string_view rule) const;
  friend void apply_settings_to_findings(const LintSettings&, std::vector<Finding>&);
};

// Merges flags over `config` over defaults. Throws InputError for an unknown
// rule id or a bad value. On the command line, --select replaces the
// configuration's choice of rules, its ignores and the per-path selects (a
// path's ignores and severities still apply); --ignore adds to the ignores.
LintSettings resolve_lint_settings(const LintFlags& flags, const std::optional<Config>& config);

// The same with the configuration from --config, or else discovered by
// walking up from the working directory.
LintSettings resolve_lint_settings(const LintFlags& flags);

// Drops findings in excluded files and of rules not enabled for their file
// (checks outside the rule engine report every rule id), and applies
// severities from the configuration, per path where overridden.
void apply_settings_to_findings(const LintSettings& settings, std::vector<Finding>& findings);

}  // namespace migcheck
