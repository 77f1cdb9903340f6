#include "ci/baseline.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ci/atomic_file.h"
#include "ci/config_glob.h"
#include "ci/stable_hash.h"
#include "linter/input_error.h"
#include "linter/tokens.h"

namespace migcheck {

namespace {

constexpr int kFormatVersion = 1;

// A statement's fingerprint in baseline files.
std::string statement_fingerprint(std::string_view text) {
  StableHash hash;
  hash.add(text);
  return hex16(hash.value());
}

// Runs of blanks become one space, so re-indenting or re-wrapping a statement
// keeps its fingerprint.
std::string normalize_whitespace(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

// The byte offset of a 1-based line and character column.
size_t offset_of(const SourceFile& file, int line, int column) {
  if (line < 1 || line > file.lines().line_count()) return file.text().size();
  std::string_view text = file.lines().line_text(line);
  size_t offset = static_cast<size_t>(text.data() - file.text().data());
  for (int c = 1; c < column && offset < file.text().size(); ++c) {
    ++offset;  // past a lead byte, then past its continuation bytes
    while (offset < file.text().size() && (file.text()[offset] & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

// What a finding is about, in words that survive edits elsewhere in the file:
// the SQL statement holding it (for a .sql file) and the text it points at.
std::string finding_text(
    const Finding& finding, const SourceFile& file,
    std::map<const SourceFile*, std::vector<std::pair<size_t, size_t>>>& cache) {
  const Location& at = finding.location;
  size_t begin = offset_of(file, at.line, at.column);
  size_t end = std::max(begin, offset_of(file, at.end_line, at.end_column));
  std::string_view text = file.text();
  std::string pointed = normalize_whitespace(text.substr(begin, end - begin));
  if (!file.path().ends_with(".sql")) return pointed;
  auto cached = cache.find(&file);
  if (cached == cache.end()) cached = cache.emplace(&file, statement_ranges(text)).first;
  for (const auto& [first, last] : cached->second) {
    if (first <= begin && begin < last) {
      return normalize_whitespace(text.substr(first, last - first)) + "\n" + pointed;
    }
  }
  return pointed;
}

std::string stored_path(const std::string& file, const std::filesystem::path& directory) {
  if (auto relative = path_below(directory, file)) return *relative;
  return std::filesystem::absolute(file).lexically_normal().generic_string();
}

}  // namespace

Baseline::Key Baseline::key_of(const Finding& finding, const Sources& sources,
                               const std::filesystem::path& directory, StatementCache& cache) {
  auto source = sources.find(finding.location.file);
  // Without the file's text (a finding about the project as a whole), the
  // message is what identifies it.
  std::string text = source != sources.end() && source->second
                         ? finding_text(finding, *source->second, cache)
                         : finding.message;
  return {finding.rule, stored_path(finding.location.file, directory), statement_fingerprint(text)};
}

Baseline Baseline::from_findings(
    const std::vector<Finding>& findings,
    const std::map<std::string, std::shared_ptr<const SourceFile>>& sources,
    const std::filesystem::path& directory) {
  Baseline baseline;
  baseline.directory_ = std::filesystem::absolute(directory).lexically_normal();
  StatementCache cache;
  for (const Finding& finding : findings) {
    Entry& entry = baseline.entries_[key_of(finding, sources, baseline.directory_, cache)];
    if (entry.count++ == 0) entry.message = finding.message;
  }
  return baseline;
}

Baseline Baseline::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": --baseline: cannot read the file");
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  auto bad = [&](const std::string& what) {
    return InputError(file.string() + ": --baseline: " + what +
                      " (write one with migcheck lint --write-baseline FILE)");
  };
  if (json.is_discarded() || !json.is_object()) throw bad("not a JSON object");
  if (json.value("version", 0) != kFormatVersion) throw bad("not a version 1 migcheck baseline");
  if (!json.contains("findings") || !json["findings"].is_array()) throw bad("no findings array");
  Baseline baseline;
  baseline.directory_ = std::filesystem::absolute(file).lexically_normal().parent_path();
  for (const nlohmann::json& item : json["findings"]) {
    if (!item.is_object() || !item.contains("rule") || !item["rule"].is_string() ||
        !item.contains("file") || !item["file"].is_string() || !item.contains("fingerprint") ||
        !item["fingerprint"].is_string() ||
        !item.value("count", nlohmann::json()).is_number_unsigned()) {
      throw bad("an entry lacks rule, file, fingerprint or count");
    }
    Entry& entry = baseline.entries_[{item["rule"], item["file"], item["fingerprint"]}];
    entry.count += item["count"].get<int>();
    entry.message = item.value("message", "");
  }
  return baseline;
}

void Baseline::save(const std::filesystem::path& file) const {
  nlohmann::ordered_json json;
  json["version"] = kFormatVersion;
  json["tool"] = "migcheck";
  json["findings"] = nlohmann::ordered_json::array();
  for (const auto& [key, entry] : entries_) {
    const auto& [rule, path, fingerprint] = key;
    json["findings"].push_back({{"rule", rule},
                                {"file", path},
                                {"fingerprint", fingerprint},
                                {"count", entry.count},
                                {"message", entry.message}});
  }
  write_file_atomically(file, json.dump(2) + "\n");
}

void Baseline::filter(
    std::vector<Finding>& findings,
    const std::map<std::string, std::shared_ptr<const SourceFile>>& sources) const {
  std::map<Key, int> left;
  StatementCache cache;
  for (const auto& [key, entry] : entries_) left[key] = entry.count;
  std::erase_if(findings, [&](const Finding& finding) {
    auto it = left.find(key_of(finding, sources, directory_, cache));
    if (it == left.end() || it->second == 0) return false;
    --it->second;
    return true;
  });
}

size_t Baseline::size() const {
  size_t total = 0;
  for (const auto& [key, entry] : entries_) total += static_cast<size_t>(entry.count);
  return total;
}

}  // namespace migcheck
