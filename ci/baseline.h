#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "linter/finding.h"
#include "linter/source_file.h"

namespace migcheck {

// Findings a project has accepted, so that only new ones are reported
// (`lint --write-baseline FILE`, then `lint --baseline FILE`). Each is keyed by
// rule, file and a fingerprint of its statement's text, never by line number:
// edits above a statement leave its entry valid, and changing the statement
// makes its findings new. Identical keys are counted.
class Baseline {
 public:
  // The findings of a run. `sources` are the files' texts; paths are stored
  // relative to `directory` (the baseline file's), so the baseline works from
  // any working directory.
  static Baseline from_findings(
      const std::vector<Finding>& findings,
      const std::map<std::string, std::shared_ptr<const SourceFile>>& sources,
      const std::filesystem::path& directory);

  // Throws InputError naming the file when it is missing or malformed.
  static Baseline load(const std::filesystem::path& file);
  // Writes deterministic, sorted JSON, replacing the file only once the whole
  // text is written. Throws InputError when it cannot.
  void save(const std::filesystem::path& file) const;

  // Removes the findings the baseline holds, each key at most as often as it
  // was recorded.
  void filter(std::vector<Finding>& findings,
              const std::map<std::string, std::shared_ptr<const SourceFile>>& sources) const;

  size_t size() const;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // rule, file, fingerprint
  using Sources = std::map<std::string, std::shared_ptr<const SourceFile>>;
  // Statement ranges of the files already looked at.
  using StatementCache = std::map<const SourceFile*, std::vector<std::pair<size_t, size_t>>>;
  static Key key_of(const Finding& finding, const Sources& sources,
                    const std::filesystem::path& directory, StatementCache& cache);

  std::filesystem::path directory_;
  struct Entry {
    int count = 0;
    std::string message;  // of the first occurrence, for readers of the file
  };
  std::map<Key, Entry> entries_;
};

}  // namespace migcheck
