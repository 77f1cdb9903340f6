// The rule reference comes from the definitions of every finding id (the
// statement rules, the project checks, the round trip): the listing, explain,
// and docs/rules.md, which must match what the code generates.
#include "ci/rules_doc.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "ci/rule_catalog.h"
#include "ci/squawk_compat.h"
#include "rules/registry.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

TEST_CASE("docs/rules.md is what the rule definitions generate") {
  std::ostringstream generated;
  render_rules_markdown(known_rules(), generated);
  std::istringstream committed(read_file(source_dir() / "docs/rules.md"));
  std::istringstream expected(generated.str());
  // Report the first line that differs, not two copies of the whole file.
  std::string have, want;
  int line = 0;
  bool same = true;
  while (same) {
    ++line;
    bool more_have = static_cast<bool>(std::getline(committed, have));
    bool more_want = static_cast<bool>(std::getline(expected, want));
    if (!more_have && !more_want) break;
    same = more_have == more_want && have == want;
  }
  INFO("docs/rules.md is stale from line " << line << ": regenerate it with `" << kRulesDocCommand
                                           << "` and commit it");
  INFO("committed: " << have);
  INFO("generated: " << want);
  CHECK(same);
}

TEST_CASE("every known rule has a definition complete enough to document") {
  for (const Rule* rule : known_rules()) {
    INFO(rule->id);
    CHECK(!rule->summary.empty());
    CHECK(!rule->rationale.empty());
    CHECK(!rule->safe_alternative.empty());
  }
}

TEST_CASE("the listing has one row per rule with its kind, severity and default") {
  std::ostringstream table;
  render_rules_table(known_rules(), table);
  std::istringstream lines(table.str());
  std::string line;
  std::getline(lines, line);
  CHECK(line.starts_with("RULE"));
  for (const Rule* rule : known_rules()) {
    REQUIRE(std::getline(lines, line));
    std::istringstream words(line);
    std::string id, kind, severity, enabled;
    words >> id >> kind >> severity >> enabled;
    CHECK(id == rule->id);
    CHECK(kind == to_string(rule_kind(*rule)));
    CHECK(severity == to_string(rule->severity));
    CHECK(enabled == (rule->enabled_by_default ? "yes" : "no"));
  }
  CHECK_FALSE(std::getline(lines, line));

  std::ostringstream json_text;
  render_rules_json(known_rules(), json_text);
  auto json = nlohmann::json::parse(json_text.str());
  REQUIRE(json.size() == known_rules().size());
  const Rule* first = known_rules().front();
  CHECK(json[0]["id"] == first->id);
  CHECK(json[0]["safe_alternative"] == first->safe_alternative);
  CHECK(json[0]["kind"] == to_string(rule_kind(*first)));
}

TEST_CASE("explain prints the lock, why it hurts and the safe alternative") {
  const Rule* rule = find_rule("dropping-column");
  REQUIRE(rule);
  std::ostringstream out;
  render_rule_explanation(*rule, out);
  std::string text = out.str();
  CHECK(text.starts_with("dropping-column: "));
  CHECK(text.find(std::string(rule->summary)) != std::string::npos);
  CHECK(text.find("Lock: " + std::string(rule->lock)) != std::string::npos);
  CHECK(text.find("squawk: ban-drop-column") != std::string::npos);
  std::string first_step(rule->safe_alternative.substr(0, rule->safe_alternative.find('\n')));
  CHECK(text.find("  " + first_step) != std::string::npos);
}

TEST_CASE("close matches for a mistyped id or squawk's name") {
  auto close = close_rule_ids("droping-column", all_rules());
  REQUIRE(!close.empty());
  CHECK(close[0] == "dropping-column");
  close = close_rule_ids("ban-drop-column", all_rules());
  REQUIRE(!close.empty());
  CHECK(close[0] == "dropping-column");
  CHECK(close_rule_ids("xyzzy", all_rules()).empty());
}

TEST_CASE("every squawk name maps to registered rules") {
  for (const SquawkRuleName& entry : squawk_rule_names()) {
    for (std::string_view id : entry.migcheck) {
      INFO(entry.squawk << " -> " << id);
      CHECK(find_rule(id) != nullptr);
    }
  }
  auto mapped = migcheck_rules_for_squawk("require-concurrent-index-creation");
  REQUIRE(mapped);
  CHECK(*mapped == std::vector<std::string>{"creating-index-non-concurrently"});
  CHECK_FALSE(migcheck_rules_for_squawk("dropping-column"));
}

TEST_CASE("the catalog holds each id once, the statement rules and the checks outside them") {
  for (size_t i = 1; i < known_rules().size(); ++i) {
    CHECK(known_rules()[i - 1]->id < known_rules()[i]->id);
  }
  for (std::string_view id : {"dropping-column", "multiple-heads", "vague-migration-message",
                              "branch-conflict", "roundtrip-mismatch", "downgrade-not-checked"}) {
    INFO(id);
    REQUIRE(find_known_rule(id) != nullptr);
    CHECK(find_known_rule(id)->id == id);
  }
  CHECK(find_known_rule("no-such-rule") == nullptr);
  CHECK(find_rule("multiple-heads") == nullptr);  // the linter does not run it
}

TEST_CASE("each id's kind says which part of migcheck reports it") {
  CHECK(rule_kind(*find_known_rule("dropping-column")) == RuleKind::lint);
  CHECK(rule_kind(*find_known_rule("multiple-heads")) == RuleKind::project);
  CHECK(rule_kind(*find_known_rule("vague-migration-message")) == RuleKind::project);
  CHECK(rule_kind(*find_known_rule("roundtrip-mismatch")) == RuleKind::round_trip);
  CHECK(count_rules(RuleKind::lint) == all_rules().size());
  CHECK(count_rules(RuleKind::lint) + count_rules(RuleKind::project) +
            count_rules(RuleKind::round_trip) ==
        known_rules().size());

  std::ostringstream explanation;
  render_rule_explanation(*find_known_rule("multiple-heads"), explanation);
  CHECK(explanation.str().find("\nKind: project check\n") != std::string::npos);
  std::ostringstream markdown;
  render_rules_markdown(known_rules(), markdown);
  CHECK(markdown.str().find(std::to_string(count_rules(RuleKind::round_trip)) +
                            " round-trip checks") != std::string::npos);
  CHECK(markdown.str().find("| [`roundtrip-mismatch`](#roundtrip-mismatch) | round-trip check |") !=
        std::string::npos);
}
