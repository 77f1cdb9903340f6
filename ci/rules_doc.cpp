#include "ci/rules_doc.h"
#include "linter/edit_distance.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "ci/rule_catalog.h"
#include "ci/squawk_compat.h"

namespace migcheck {

namespace {

// squawk's names for the hazard a rule checks, for teams moving from squawk.
std::vector<std::string_view> squawk_names_of(const Rule& rule) {
  std::vector<std::string_view> names;
  for (const SquawkRuleName& entry : squawk_rule_names()) {
    if (std::find(entry.migcheck.begin(), entry.migcheck.end(), rule.id) != entry.migcheck.end()) {
      names.push_back(entry.squawk);
    }
  }
  return names;
}

std::string joined(const std::vector<std::string_view>& names, std::string_view quote) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += std::string(quote) + std::string(name) + std::string(quote);
  }
  return out;
}

std::string table_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// Text indented by `prefix` on every line.
std::string indented(std::string_view text, std::string_view prefix) {
  std::string out(prefix);
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

// "52 lint rules" or "1 lint rule": how many of `rules` are of this kind.
std::string count_of_kind(const std::vector<const Rule*>& rules, RuleKind kind) {
  auto count = std::count_if(rules.begin(), rules.end(),
                             [kind](const Rule* rule) { return rule_kind(*rule) == kind; });
  return std::to_string(count) + " " + std::string(kind_noun(kind)) + (count == 1 ? "" : "s");
}

}  // namespace

void render_rules_table(const std::vector<const Rule*>& rules, std::ostream& out) {
  size_t width = 4;
  for (const Rule* rule : rules) width = std::max(width, rule->id.size());
  auto row = [&](std::string_view id, std::string_view kind, std::string_view severity,
                 std::string_view enabled, std::string_view summary) {
    out << id << std::string(width - id.size() + 2, ' ') << kind
        << std::string(11 - kind.size(), ' ') << severity << std::string(9 - severity.size(), ' ')
        << enabled << std::string(9 - enabled.size(), ' ') << summary << "\n";
  };
  row("RULE", "KIND", "SEVERITY", "ENABLED", "SUMMARY");
  for (const Rule* rule : rules) {
    row(rule->id, to_string(rule_kind(*rule)), to_string(rule->severity),
        rule->enabled_by_default ? "yes" : "no", rule->summary);
  }
}

void render_rules_json(const std::vector<const Rule*>& rules, std::ostream& out) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Rule* rule : rules) {
    nlohmann::ordered_json squawk = nlohmann::ordered_json::array();
    for (std::string_view name : squawk_names_of(*rule)) squawk.push_back(name);
    list.push_back({{"id", rule->id},
                    {"kind", to_string(rule_kind(*rule))},
                    {"severity", to_string(rule->severity)},
                    {"enabled_by_default", rule->enabled_by_default},
                    {"summary", rule->summary},
                    {"lock", rule->lock},
                    {"rationale", rule->rationale},
                    {"safe_alternative", rule->safe_alternative},
                    {"squawk", squawk}});
  }
  out << list.dump(2) << "\n";
}

void render_rules_markdown(const std::vector<const Rule*>& rules, std::ostream& out) {
  out << "# Rule reference\n\n"
      << "<!-- Generated from the rule definitions by `migcheck rules --format markdown`. Do not "
         "edit: change the rule's definition (rules/, migrations/project_rules.cpp or "
         "runner/roundtrip_rules.cpp) and run `"
      << kRulesDocCommand << "`. -->\n\n"
      << "migcheck has " << rules.size() << " rules: " << count_of_kind(rules, RuleKind::lint)
      << ", run on each statement by `migcheck lint`; " << count_of_kind(rules, RuleKind::project)
      << ", made while reading a migration project and its revision graph; and "
      << count_of_kind(rules, RuleKind::round_trip)
      << ", made by `migcheck roundtrip` on a throwaway PostgreSQL. The severity shown is the "
         "default; change it per rule with a `[severity]` "
         "table in `.migcheck.toml`. Rules that are off by default run only when selected "
         "(`--select` or `select` in the configuration). To accept one finding, put "
         "`-- migcheck:ignore RULE reason` on the statement's line or the line above it "
         "(`# migcheck:ignore RULE reason` in an Alembic revision); "
         "`-- migcheck:ignore-file RULE` covers a whole file.\n\n"
      << "| Rule | Kind | Severity | Enabled | Summary |\n|---|---|---|---|---|\n";
  for (const Rule* rule : rules) {
    out << "| [`" << rule->id << "`](#" << rule->id << ") | " << kind_noun(rule_kind(*rule))
        << " | " << to_string(rule->severity) << " | " << (rule->enabled_by_default ? "yes" : "no")
        << " | " << table_cell(rule->summary) << " |\n";
  }
  for (const Rule* rule : rules) {
    out << "\n## " << rule->id << "\n\n"
        << rule->summary << (rule->summary.ends_with('.') ? "\n\n" : ".\n\n");
    out << "- **Kind:** " << kind_noun(rule_kind(*rule)) << "\n";
    out << "- **Default severity:** " << to_string(rule->severity) << "\n";
    out << "- **Enabled by default:** " << (rule->enabled_by_default ? "yes" : "no") << "\n";
    if (!rule->lock.empty()) out << "- **Lock:** " << rule->lock << "\n";
    std::vector<std::string_view> squawk = squawk_names_of(*rule);
    if (!squawk.empty()) out << "- **squawk:** " << joined(squawk, "`") << "\n";
    if (!rule->rationale.empty()) out << "\n### Why it hurts\n\n" << rule->rationale << "\n";
    if (!rule->safe_alternative.empty()) {
      out << "\n### Safe alternative\n\n" << rule->safe_alternative << "\n";
    }
  }
}

void render_rule_explanation(const Rule& rule, std::ostream& out) {
  out << rule.id << ": " << rule.summary << "\n\n";
  out << "Kind: " << kind_noun(rule_kind(rule)) << "\n";
  out << "Default severity: " << to_string(rule.severity) << "\n";
  out << "Enabled by default: " << (rule.enabled_by_default ? "yes" : "no (select it to run it)")
      << "\n";
  if (!rule.lock.empty()) out << "Lock: " << rule.lock << "\n";
  std::vector<std::string_view> squawk = squawk_names_of(rule);
  if (!squawk.empty()) out << "squawk: " << joined(squawk, "") << "\n";
  if (!rule.rationale.empty()) out << "\nWhy it hurts:\n" << indented(rule.rationale, "  ") << "\n";
  if (!rule.safe_alternative.empty()) {
    out << "\nSafe alternative:\n" << indented(rule.safe_alternative, "  ") << "\n";
  }
  out << "\nSuppress one finding: -- migcheck:ignore " << rule.id << " <reason>\n";
}

std::vector<std::string_view> close_rule_ids(std::string_view id,
                                             const std::vector<const Rule*>& rules) {
  std::vector<std::pair<size_t, std::string_view>> scored;
  auto consider = [&](std::string_view candidate, size_t score) {
    for (auto& [best, name] : scored) {
      if (name == candidate) {
        best = std::min(best, score);
        return;
      }
    }
    scored.emplace_back(score, candidate);
  };
  size_t limit = std::max<size_t>(2, id.size() / 3);
  for (const Rule* rule : rules) {
    size_t distance = edit_distance(id, rule->id);
    if (distance <= limit) consider(rule->id, distance);
    // "drop-column" or "column" finds "dropping-column".
    if (id.size() >= 4 && rule->id.find(id) != std::string_view::npos) consider(rule->id, limit);
  }
  for (const SquawkRuleName& entry : squawk_rule_names()) {
    if (entry.squawk != id) continue;
    for (std::string_view mapped : entry.migcheck) {
      for (const Rule* rule : rules) {
        if (rule->id == mapped) consider(rule->id, 0);
      }
    }
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string_view> ids;
  for (size_t i = 0; i < scored.size() && i < 5; ++i) ids.push_back(scored[i].second);
  return ids;
}

}  // namespace migcheck
