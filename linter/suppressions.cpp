#include "linter/suppressions.h"

#include <algorithm>
#include <set>

#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "linter/tokens.h"

namespace migcheck {

const Rule kUnusedSuppressionRule{
    .id = "unused-suppression",
    .severity = Severity::warning,
    .summary = "An ignore comment that suppresses nothing",
    .rationale =
        "A `migcheck:ignore` comment that no longer matches a finding (the statement was "
        "fixed, the rule id is wrong, or the comment drifted away from its statement) hides "
        "nothing today but would silently hide a real hazard added there later.",
    .safe_alternative =
        "Remove the comment, or the rule ids in it that no longer fire. If the comment is meant "
        "for a statement, put it on that statement's first line or on the line right above it.",
};

namespace {

constexpr std::string_view kMarkers[] = {"migcheck:ignore-file", "migcheck:ignore",
                                         "squawk-ignore-file", "squawk-ignore"};

bool may_hold_suppressions(std::string_view sql) {
  return sql.find("migcheck:ignore") != std::string_view::npos ||
         sql.find("squawk-ignore") != std::string_view::npos;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct Name {
  std::string text;
  size_t begin;  // byte offset in the unit's SQL
};

struct Directive {
  std::string_view marker;
  std::vector<Name> names;
};

// Reads "-- MARKER name[, name] reason" (or a /* */ comment); nullopt when the
// comment is prose that merely mentions a marker.
std::optional<Directive> read_directive(std::string_view sql, size_t begin, size_t end) {
  std::string_view text = sql.substr(begin, end - begin);
  if (text.starts_with("/*") && text.ends_with("*/") && text.size() >= 4) {
    text = text.substr(0, text.size() - 2);
  } else if (!text.starts_with("--")) {
    return std::nullopt;
  }
  size_t pos = 2;
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  Directive directive;
  for (std::string_view marker : kMarkers) {
    if (text.substr(pos).starts_with(marker)) {
      directive.marker = marker;
      break;
    }
  }
  if (directive.marker.empty()) return std::nullopt;
  pos += directive.marker.size();
  if (pos < text.size() && !is_blank(text[pos])) return std::nullopt;  // "ignored", say
  auto read_name = [&]() -> bool {
    size_t start = pos;
    while (pos < text.size() && is_name_char(text[pos])) ++pos;
    if (pos == start) return false;
    directive.names.push_back({std::string(text.substr(start, pos - start)), begin + start});
    return true;
  };
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  if (!read_name()) return directive;
  for (;;) {
    size_t after_name = pos;
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (pos >= text.size() || text[pos] != ',') {
      pos = after_name;
      break;
    }
    ++pos;
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (!read_name()) break;
  }
  return directive;
}

std::string position_of(const Location& location) {
  return location.file + ":" + std::to_string(location.line) + ":" +
         std::to_string(location.column);
}

}  // namespace

void Suppressions::add_unit(const SqlUnit& unit) {
  if (!unit.map.file() || !may_hold_suppressions(unit.sql)) return;
  std::vector<Token> tokens = scan_tokens(unit.sql);
  auto statements = statement_ranges(unit.sql, tokens);
  auto lines_of = [&](const std::pair<size_t, size_t>& range) {
    Location location = unit.map.locate(range.first, range.second);
    return LineRange{location.line, location.end_line};
  };
  for (const Token& token : tokens) {
    if (token.kind != Token::Kind::comment) continue;
    std::string_view text = std::string_view(unit.sql).substr(token.begin, token.end - token.begin);
    if (!may_hold_suppressions(text)) continue;
    // The statement the comment is in; else the one it trails on the same
    // line; else the next one.
    auto next = std::find_if(statements.begin(), statements.end(),
                             [&](const auto& s) { return s.second > token.begin; });
    std::optional<LineRange> statement;
    bool trailing = false;
    if (next != statements.end() && next->first < token.begin) {
      statement = lines_of(*next);
    } else {
      int comment_line = unit.map.locate(token.begin, token.end).line;
      if (next != statements.begin() && lines_of(*(next - 1)).last == comment_line) {
        statement = lines_of(*(next - 1));
        trailing = true;
      } else if (next != statements.end()) {
        statement = lines_of(*next);
      }
    }
    add_comment(unit, token.begin, token.end, statement, trailing);
  }
}

void Suppressions::add_file(const std::shared_ptr<const SourceFile>& file) {
  if (may_hold_suppressions(file->text())) add_unit(sql_unit_for_file(file, true));
}

void Suppressions::add_comment(const SqlUnit& unit, size_t begin, size_t end,
                               std::optional<LineRange> statement, bool trailing) {
  std::optional<Directive> directive = read_directive(unit.sql, begin, end);
  if (!directive) return;
  Location comment = unit.map.locate(begin, end);
  bool squawk = directive->marker.starts_with("squawk");
  if (!squawk && directive->names.empty()) {
    throw InputError(position_of(comment) + ": " + std::string(directive->marker) +
                     " names no rule (write the rule ids to ignore, comma-separated)");
  }
  Entry entry;
  entry.comment = comment;
  entry.marker = directive->marker;
  entry.whole_file = directive->marker.ends_with("-file");
  entry.every_rule = directive->names.empty();
  for (const Name& name : directive->names) {
    std::vector<std::string> ids;
    std::optional<std::vector<std::string>> mapped;
    if (squawk && names_.from_squawk) mapped = names_.from_squawk(name.text);
    if (mapped) {
      ids = std::move(*mapped);
    } else if (names_.known(name.text)) {
      ids.push_back(name.text);
    } else {
      Location at = unit.map.locate(name.begin, name.begin + name.text.size());
      throw InputError(position_of(at) + ": " + std::string(directive->marker) +
                       " names unknown rule '" + name.text +
                       (squawk ? "' (neither a squawk rule nor a migcheck rule)"
                               : "' (migcheck rules lists them)"));
    }
    entry.names.emplace_back(name.text, std::move(ids));
  }
  if (!entry.whole_file) {
    if (statement) entry.covered.push_back(*statement);
    // Also the comment's own line and the next, for findings that do not come
    // from a statement (an Alembic call migcheck could not translate).
    if (!trailing) entry.covered.push_back({comment.line, comment.line + 1});
  }
  auto key = std::make_tuple(comment.file, comment.line, comment.column);
  auto [it, inserted] = entries_.try_emplace(key, std::move(entry));
  if (!inserted) {
    it->second.covered.insert(it->second.covered.end(), entry.covered.begin(), entry.covered.end());
  }
}

Suppressions::Uses Suppressions::remove_covered(std::vector<Finding>& findings) const {
  std::map<std::string_view, std::vector<const Entry*>> by_file;
  for (const auto& [key, entry] : entries_) by_file[entry.comment.file].push_back(&entry);
  Uses used;
  std::erase_if(findings, [&](const Finding& finding) {
    auto file = by_file.find(finding.location.file);
    if (file == by_file.end()) return false;
    bool suppressed = false;
    for (const Entry* entry : file->second) {
      bool names_rule = entry->every_rule;
      for (const auto& [name, ids] : entry->names) {
        names_rule = names_rule || std::find(ids.begin(), ids.end(), finding.rule) != ids.end();
      }
      if (!names_rule) continue;
      bool in_range = entry->whole_file ||
                      std::any_of(entry->covered.begin(), entry->covered.end(), [&](LineRange r) {
                        return r.first <= finding.location.line && finding.location.line <= r.last;
                      });
      if (!in_range) continue;
      used.insert({entry, entry->every_rule ? std::string() : finding.rule});
      suppressed = true;
    }
    return suppressed;
  });
  return used;
}

void Suppressions::remove_suppressed(std::vector<Finding>& findings) const {
  remove_covered(findings);
}

void Suppressions::apply(std::vector<Finding>& findings, const RuleEnabledForFile& enabled) const {
  if (entries_.empty()) return;
  const Uses used = remove_covered(findings);
  // Statements after a syntax error were never linted: a comment there may
  // well be needed, so files with one are not judged.
  std::set<std::string_view> unparsed;
  for (const Finding& finding : findings) {
    if (finding.rule == "syntax-error") unparsed.insert(finding.location.file);
  }
  for (const auto& [key, entry] : entries_) {
    if (unparsed.count(entry.comment.file)) continue;
    bool every_rule_stale = entry.every_rule && !used.count({&entry, std::string()});
    std::vector<std::string> stale;
    for (const auto& [name, ids] : entry.names) {
      bool name_used = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
        return used.count({&entry, id});
      });
      bool name_enabled = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
        return enabled(entry.comment.file, id);
      });
      if (!name_used && name_enabled) stale.push_back(name);
    }
    if (stale.empty() && !every_rule_stale) continue;
    std::string list;
    for (const std::string& name : stale) list += name + (&name == &stale.back() ? " " : ", ");
    Finding finding;
    finding.rule = std::string(kUnusedSuppressionRule.id);
    finding.severity = kUnusedSuppressionRule.severity;
    finding.message = entry.marker + " suppresses nothing: no " + list + "finding " +
                      (entry.whole_file ? "in this file" : "on the statement it covers");
    finding.help = HelpText::fixed(kUnusedSuppressionRule.safe_alternative);
    finding.location = entry.comment;
    findings.push_back(std::move(finding));
  }
}

}  // namespace migcheck
