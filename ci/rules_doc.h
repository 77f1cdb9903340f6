#pragma once
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// The rule reference, rendered from the Rule definitions themselves: the
// `migcheck rules` listing, `migcheck explain`, and docs/rules.md.

// One line per rule: id, default severity, enabled by default, summary.
void render_rules_table(const std::vector<const Rule*>& rules, std::ostream& out);
// The same as a JSON array of objects, with the full texts.
void render_rules_json(const std::vector<const Rule*>& rules, std::ostream& out);
// docs/rules.md.
void render_rules_markdown(const std::vector<const Rule*>& rules, std::ostream& out);
// `migcheck explain RULE`: everything the definition says.
void render_rule_explanation(const Rule& rule, std::ostream& out);

// Rule ids close to a mistyped one (edit distance, shared words, or squawk's
// name for the rule), best first.
std::vector<std::string_view> close_rule_ids(std::string_view id,
                                             const std::vector<const Rule*>& rules);

// The command that regenerates docs/rules.md, for messages about a stale copy.
inline constexpr std::string_view kRulesDocCommand =
    "build/migcheck rules --format markdown > docs/rules.md";

}  // namespace migcheck
