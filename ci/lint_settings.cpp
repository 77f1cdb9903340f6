#include "ci/lint_settings.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "ci/config_glob.h"
#include "ci/rule_catalog.h"
#include "ci/squawk_compat.h"
#include "linter/input_error.h"
#include "rules/registry.h"

namespace migcheck {

namespace {

// The migcheck rules a flag's names stand for: squawk's names are accepted as
// in .squawk.toml, so a squawk user's command line keeps working.
std::vector<std::string> rules_of_flag(const std::vector<std::string>& names, const char* flag) {
  std::vector<std::string> ids;
  for (const std::string& name : names) {
    std::optional<std::vector<std::string>> named = rules_named(name);
    if (!named) {
      throw InputError(std::string(flag) + ": unknown rule '" + name +
                       "' (migcheck rules lists them; squawk's names work too)");
    }
    ids.insert(ids.end(), named->begin(), named->end());
  }
  return ids;
}

bool contains(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// `select` chooses among the statement rules; the project, graph and round
// trip checks (a second head, a failed downgrade) stay on unless ignored, so
// narrowing the lint never silently drops a deploy-stopping finding.
bool selectable(std::string_view id) {
  return find_rule(id) != nullptr;
}

bool matches_any(const std::vector<std::string>& globs, const std::filesystem::path& directory,
                 const std::string& file) {
  if (globs.empty()) return false;
  std::optional<std::string> relative = path_below(directory, file);
  if (!relative) return false;
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& glob) { return glob_matches(glob, *relative); });
}

}  // namespace

std::vector<const PathOverride*> LintSettings::overrides_for(const std::string& file) const {
  std::vector<const PathOverride*> found;
  for (const PathOverride& entry : overrides) {
    if (matches_any(entry.paths, config_directory, file)) found.push_back(&entry);
  }
  return found;
}

bool LintSettings::enabled_for(const std::string& file, std::string_view rule) const {
  return enabled_under(overrides_for(file), rule);
}

bool LintSettings::enabled_under(const std::vector<const PathOverride*>& matching,
                                 std::string_view rule) const {
  if (ignored_by_flag.count(rule)) return false;
  bool on = enabled.count(rule) > 0;
  for (const PathOverride* entry : matching) {
    if (entry->rules.select && selectable(rule)) on = contains(*entry->rules.select, rule);
    if (contains(entry->rules.ignore, rule)) on = false;
  }
  return on;
}

bool LintSettings::excluded(const std::string& file) const {
  return matches_any(exclude, config_directory, file);
}

LintSettings resolve_lint_settings(const LintFlags& flags, const std::optional<Config>& config) {
  LintSettings settings;
  if (flags.pg_version) {
    std::optional<int> major = postgres_major_version(*flags.pg_version);
    if (!major || *major < 9 || *major > 18) {
      throw InputError("--pg-version: '" + *flags.pg_version +
                       "' is not a PostgreSQL version migcheck knows (9 to 18, such as 15 or "
                       "15.0)");
    }
    settings.options.pg_version = *major;
  } else if (config && config->pg_version) {
    settings.options.pg_version = *config->pg_version;
  }
  settings.options.assume_in_transaction = flags.assume_in_transaction;
  if (!flags.assume_in_transaction && config) {
    settings.options.assume_in_transaction = config->assume_in_transaction;
  }
  if (flags.fail_on) {
    if (!parse_severity(*flags.fail_on, settings.fail_on)) {
      throw InputError("--fail-on: '" + *flags.fail_on + "' is not one of error, warning, info");
    }
  } else if (config && config->fail_on) {
    settings.fail_on = *config->fail_on;
  }
  // A squawk name without a migcheck counterpart selects nothing, but --select
  // was still given: `chosen` says so, `select` is what it chose.
  bool chosen = !flags.select.empty();
  std::vector<std::string> select = rules_of_flag(flags.select, "--select");
  for (std::string& id : rules_of_flag(flags.ignore, "--ignore")) {
    settings.ignored_by_flag.insert(std::move(id));
  }

  // The rules every file gets: --select, else the configuration's select,
  // else each rule's default; less the configuration's ignores unless
  // --select chose.
  const std::vector<std::string>* selected = nullptr;
  if (chosen) {
    selected = &select;
  } else if (config && config->rules.select) {
    selected = &*config->rules.select;
  }
  for (const Rule* rule : known_rules()) {
    bool on =
        selected && selectable(rule->id) ? contains(*selected, rule->id) : rule->enabled_by_default;
    if (!chosen && config && contains(config->rules.ignore, rule->id)) on = false;
    if (on) settings.enabled.insert(std::string(rule->id));
  }
  if (config) {
    settings.config_file = config->file;
    settings.config_directory = config->directory;
    settings.exclude = config->exclude;
    settings.roundtrip_setup = config->roundtrip_setup;
    settings.roundtrip_rows = config->roundtrip_rows;
    settings.roundtrip_load = config->roundtrip_load;
    settings.severity_overrides = config->rules.severity;
    settings.include_downgrades = config->include_downgrades.value_or(false);
    for (const PathOverride& entry : config->overrides) {
      settings.overrides.push_back(entry);
      // --select fixes which rules run; a path's ignores and severities
      // still apply (a legacy folder stays exempt).
      if (chosen) settings.overrides.back().rules.select.reset();
    }
  }
  // The linter runs the statement rules any path enables; findings, the
  // project checks' too, are then kept per file.
  for (const Rule* rule : all_rules()) {
    if (settings.ignored_by_flag.count(rule->id)) continue;
    bool somewhere = settings.enabled.count(rule->id) > 0;
    for (const PathOverride& entry : settings.overrides) {
      somewhere = somewhere || (entry.rules.select && contains(*entry.rules.select, rule->id));
    }
    if (somewhere) settings.rules.push_back(rule);
  }
  return settings;
}

LintSettings resolve_lint_settings(const LintFlags& flags) {
  std::optional<Config> config;
  if (flags.config) {
    config = load_config_file(*flags.config);
  } else {
    config = discover_config(std::filesystem::current_path());
  }
  return resolve_lint_settings(flags, config);
}

void apply_settings_to_findings(const LintSettings& settings, std::vector<Finding>& findings) {
  // What the settings make of one rule's findings: kept or not, and the
  // severity they take. That depends on the file only through the overrides
  // matching it, and most files match the same ones (usually none), so each
  // rule is worked out once per set of overrides, not once per finding.
  struct Verdict {
    bool keep = true;
    std::optional<Severity> severity;
  };
  using Verdicts = std::unordered_map<std::string, Verdict>;
  std::map<std::vector<const PathOverride*>, Verdicts> by_overrides;
  struct FileRules {
    bool excluded;
    const std::vector<const PathOverride*>* overrides;
    Verdicts* verdicts;
  };
  std::map<std::string, FileRules> files;
  // Findings come grouped by file: the last file's answer serves most lookups.
  const std::string* last_file = nullptr;
  const FileRules* last_rules = nullptr;
  auto rules_of = [&](const std::string& file) -> const FileRules& {
    if (last_file && *last_file == file) return *last_rules;
    auto it = files.find(file);
    if (it == files.end()) {
      auto group = by_overrides.try_emplace(settings.overrides_for(file)).first;
      it = files.emplace(file, FileRules{settings.excluded(file), &group->first, &group->second})
               .first;
    }
    last_file = &it->first;
    last_rules = &it->second;
    return it->second;
  };
  auto verdict = [&](const FileRules& rules, const std::string& rule) -> const Verdict& {
    auto [it, added] = rules.verdicts->try_emplace(rule);
    if (!added) return it->second;
    Verdict& verdict = it->second;
    // A finding whose id has no definition is an internal check's: keep it.
    verdict.keep = !find_known_rule(rule) || settings.enabled_under(*rules.overrides, rule);
    auto global = settings.severity_overrides.find(rule);
    if (global != settings.severity_overrides.end()) verdict.severity = global->second;
    for (const PathOverride* entry : *rules.overrides) {
      auto own = entry->rules.severity.find(rule);
      if (own != entry->rules.severity.end()) verdict.severity = own->second;
    }
    return verdict;
  };
  std::erase_if(findings, [&](const Finding& finding) {
    const FileRules& rules = rules_of(finding.location.file);
    return rules.excluded || !verdict(rules, finding.rule).keep;
  });
  for (Finding& finding : findings) {
    const Verdict& found = verdict(rules_of(finding.location.file), finding.rule);
    if (found.severity) finding.severity = *found.severity;
  }
}

}  // namespace migcheck
