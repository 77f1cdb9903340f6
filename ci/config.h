#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linter/finding.h"

namespace migcheck {

// Which rules run and how loud they are, for the whole run or for the paths
// of one [[overrides]] entry.
struct RuleChoice {
  std::optional<std::vector<std::string>> select;  // replaces the default set
  std::vector<std::string> ignore;
  std::map<std::string, Severity> severity;
};

// An [[overrides]] entry: a rule choice for the files its globs match.
struct PathOverride {
  std::vector<std::string> paths;  // globs relative to the config's directory
  RuleChoice rules;
};

// The lint configuration of a project. Every field is optional: flags win
// over it, and it wins over defaults.
struct Config {
  std::filesystem::path file;       // where it was read from; empty for none
  std::filesystem::path directory;  // globs are relative to it (absolute)
  std::optional<int> pg_version;
  RuleChoice rules;
  std::optional<Severity> fail_on;
  std::optional<bool> assume_in_transaction;
  std::optional<bool> include_downgrades;
  std::vector<std::string> exclude;  // globs of files not to lint
  std::vector<PathOverride> overrides;
  // [roundtrip] setup: SQL files run on the round trip's database before the
  // first migration, absolute (written relative to the configuration file).
  std::vector<std::filesystem::path> roundtrip_setup;
  std::optional<long> roundtrip_rows;  // [roundtrip] rows: generated rows per table
  bool roundtrip_load = false;         // [roundtrip] load: measure blocking under load (--load)
};

// The first configuration found walking up from `start`: `.migcheck.toml`, or
// `[tool.migcheck]` in `pyproject.toml` (the former wins in one directory);
// failing both anywhere up the tree, the first `.squawk.toml`
// (excluded_rules, pg_version, assume_in_transaction, excluded_paths).
// nullopt when there is none. Throws InputError "file:line:col: ..." for an
// unknown key, an unknown rule id or a bad value.
std::optional<Config> discover_config(const std::filesystem::path& start);

// Reads a configuration named on the command line (--config): a
// `.migcheck.toml`-style file, a `pyproject.toml` or a `.squawk.toml`.
Config load_config_file(const std::filesystem::path& file);

// Parses migcheck's keys from TOML text; `table` is "" for a .migcheck.toml
// and "tool.migcheck" for a pyproject.toml (nullopt when that table is
// absent). `file` names the text in errors.
std::optional<Config> parse_migcheck_config(const std::string& text,
                                            const std::filesystem::path& file,
                                            const std::string& table);

// Parses the keys migcheck honours from a .squawk.toml.
Config parse_squawk_config(const std::string& text, const std::filesystem::path& file);

}  // namespace migcheck
